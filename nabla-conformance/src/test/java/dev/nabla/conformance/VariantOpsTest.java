package dev.nabla.conformance;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every case of variant-ops.jsonl (PyTorch 1.13 variants of the reference ops: other shapes, kwargs
 * and neighbouring ops, made by tools/gen_variant_cases.py), one dynamic test per case.
 */
class VariantOpsTest {
    static List<JsonNode> cases() throws Exception {
        return CaseFileTests.resource("/variant-ops.jsonl");
    }

    @TestFactory
    Stream<DynamicTest> everyVariantCasePasses() throws Exception {
        return CaseFileTests.eachPasses(cases());
    }

    /** The file must keep covering every family (a truncated regeneration would silently shrink the suite). */
    @Test
    void fileCoversEveryFamily() throws Exception {
        List<JsonNode> cases = cases();
        Set<String> families = new HashSet<>();
        Set<String> ids = new HashSet<>();
        for (JsonNode c : cases) {
            String id = c.path("id").asText();
            assertTrue(ids.add(id), "duplicate case id " + id);
            families.add(id.substring(0, id.indexOf('/')));
        }
        assertTrue(cases.size() >= 300, "expected at least 300 variant cases, found " + cases.size());
        assertTrue(families.containsAll(Set.of("unary", "binary", "reduce", "linalg", "shape", "conv", "pool",
                "norm", "embed", "loss", "rnn", "attn")), "families present: " + families);
    }
}
