package dev.nabla.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Case-format latitude: bare non-finite JSON tokens, and plain numbers among the inputs. */
class CaseFormatTest {
    @Test
    void bareNonFiniteTokensParseAndCompare(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("nonfinite.jsonl");
        Files.writeString(file, String.join("\n",
                "{\"id\":\"t/log\",\"op\":\"log\",\"kwargs\":{},\"inputs\":{\"input\":{\"shape\":[2],\"dtype\":\"float32\","
                        + "\"data\":[0.0,1.0]}},\"requires_grad\":[],\"output\":{\"shape\":[2],\"dtype\":\"float32\","
                        + "\"data\":[-Infinity,0.0]}}",
                "{\"id\":\"t/div\",\"op\":\"div\",\"kwargs\":{},\"inputs\":{\"input\":{\"shape\":[2],\"dtype\":\"float32\","
                        + "\"data\":[0.0,1.0]},\"other\":{\"shape\":[2],\"dtype\":\"float32\",\"data\":[0.0,0.0]}},"
                        + "\"requires_grad\":[],\"output\":{\"shape\":[2],\"dtype\":\"float32\",\"data\":[NaN,Infinity]}}",
                "{\"id\":\"t/wrong\",\"op\":\"log\",\"kwargs\":{},\"inputs\":{\"input\":{\"shape\":[1],\"dtype\":\"float32\","
                        + "\"data\":[0.0]}},\"requires_grad\":[],\"output\":{\"shape\":[1],\"dtype\":\"float32\","
                        + "\"data\":[NaN]}}"));
        List<JsonNode> cases = Conformance.readCases(file);
        assertEquals(3, cases.size());
        Conformance runner = new Conformance();
        assertTrue(runner.run(cases.get(0)).passed(), runner.run(cases.get(0)).line());
        assertTrue(runner.run(cases.get(1)).passed(), runner.run(cases.get(1)).line());
        // log(0) is -inf, not NaN: a non-finite mismatch must still fail.
        assertTrue(!runner.run(cases.get(2)).passed(), runner.run(cases.get(2)).line());
    }

    /** A number among the inputs (e.g. add's other=2.5, pow's exponent=3) is passed to the op as that argument. */
    @Test
    void scalarInputsActAsArguments(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("scalars.jsonl");
        Files.writeString(file, String.join("\n",
                "{\"id\":\"t/add\",\"op\":\"add\",\"kwargs\":{},\"inputs\":{\"input\":{\"shape\":[2],\"dtype\":"
                        + "\"float32\",\"data\":[1.0,2.0]},\"other\":2.5},\"requires_grad\":[\"input\"],\"output\":"
                        + "{\"shape\":[2],\"dtype\":\"float32\",\"data\":[3.5,4.5]},\"grad_output\":{\"shape\":[2],"
                        + "\"dtype\":\"float32\",\"data\":[1.0,-1.0]},\"grads\":{\"input\":{\"shape\":[2],\"dtype\":"
                        + "\"float32\",\"data\":[1.0,-1.0]}}}",
                "{\"id\":\"t/pow\",\"op\":\"pow\",\"kwargs\":{},\"inputs\":{\"input\":{\"shape\":[2],\"dtype\":"
                        + "\"float32\",\"data\":[1.0,2.0]},\"exponent\":3.0},\"requires_grad\":[],\"output\":"
                        + "{\"shape\":[2],\"dtype\":\"float32\",\"data\":[1.0,8.0]}}"));
        Conformance runner = new Conformance();
        for (JsonNode c : Conformance.readCases(file)) {
            CaseResult r = runner.run(c);
            assertTrue(r.passed(), r.line());
        }
    }
}
