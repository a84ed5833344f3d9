package dev.nabla.conformance;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Runs every case of ../shared/conformance/torch-reference.jsonl, one dynamic test per case. */
class TorchReferenceTest {
    static Path referenceFile() {
        Path shared = Path.of(System.getProperty("nabla.shared", "../shared"));
        Path file = shared.resolve("conformance/torch-reference.jsonl");
        assertTrue(Files.isRegularFile(file), "conformance file not found at " + file.toAbsolutePath()
                + " (the shared/ folder must sit beside the repository)");
        return file;
    }

    @TestFactory
    Stream<DynamicTest> everyReferenceCasePasses() {
        List<JsonNode> cases = Conformance.readCases(referenceFile());
        assertTrue(cases.size() >= 147, "expected at least 147 cases, found " + cases.size());
        Conformance runner = new Conformance();
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.path("id").asText(), () -> {
            CaseResult r = runner.run(c);
            assertTrue(r.passed(), r.line());
        }));
    }
}
