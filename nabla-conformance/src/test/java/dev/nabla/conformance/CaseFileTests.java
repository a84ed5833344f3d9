package dev.nabla.conformance;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/** Shared by the tests that run a case file from the test resources: loading it, one dynamic test per case. */
final class CaseFileTests {
    private CaseFileTests() {
    }

    /** The cases of a file in this module's test resources, e.g. {@code /variant-ops.jsonl}. */
    static List<JsonNode> resource(String name) throws Exception {
        return Conformance.readCases(Path.of(CaseFileTests.class.getResource(name).toURI()));
    }

    /** One dynamic test per case, named by its id, passing when Nabla passes the case. */
    static Stream<DynamicTest> eachPasses(List<JsonNode> cases) {
        Conformance runner = new Conformance();
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.path("id").asText(), () -> {
            CaseResult r = runner.run(c);
            assertTrue(r.passed(), r.line());
        }));
    }
}
