package dev.nabla.conformance;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The runner reports unknown ops and wrong numbers as failures, never as passes or skips. */
class RunnerBehaviourTest {
    private final ObjectMapper json = new ObjectMapper();
    private final Conformance runner = new Conformance();

    @Test
    void unknownOpIsAFailureWithItsReason() throws Exception {
        CaseResult r = runner.run(json.readTree("{\"id\":\"x/unknown\",\"op\":\"no_such_op\",\"inputs\":{}}"));
        assertFalse(r.passed());
        assertTrue(r.line().startsWith("FAIL x/unknown: unknown op 'no_such_op'"), r.line());
    }

    @Test
    void wrongExpectedValueFailsAndNamesTheElement() throws Exception {
        String c = "{\"id\":\"x/neg\",\"op\":\"neg\",\"inputs\":{\"input\":{\"shape\":[2],\"dtype\":\"float32\","
                + "\"data\":[1,2]}},\"requires_grad\":[],\"output\":{\"shape\":[2],\"dtype\":\"float32\","
                + "\"data\":[-1,-2.5]},\"rtol\":1e-4,\"atol\":1e-5}";
        CaseResult r = runner.run(json.readTree(c));
        assertFalse(r.passed());
        assertTrue(r.detail().contains("[1]") && r.detail().contains("-2.5"), r.detail());
    }

    @Test
    void correctCaseWithGradientPasses() throws Exception {
        String c = "{\"id\":\"x/sq\",\"op\":\"square\",\"inputs\":{\"input\":{\"shape\":[2],\"dtype\":\"float32\","
                + "\"data\":[1,-3]}},\"requires_grad\":[\"input\"],\"output\":{\"shape\":[2],\"dtype\":\"float32\","
                + "\"data\":[1,9]},\"grad_output\":{\"shape\":[2],\"dtype\":\"float32\",\"data\":[1,0.5]},"
                + "\"grads\":{\"input\":{\"shape\":[2],\"dtype\":\"float32\",\"data\":[2,-3]}},\"rtol\":1e-4,\"atol\":1e-5}";
        CaseResult r = runner.run(json.readTree(c));
        assertTrue(r.passed(), r.line());
    }
}
