package dev.nabla.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every case of variant-training.jsonl (written by tools/gen_variant_training_cases.py with PyTorch
 * 1.13: optimizer options, schedules with all their kwargs, gradient clipping), one dynamic test per case.
 */
class VariantTrainingCasesTest {
    static List<JsonNode> cases() throws Exception {
        return CaseFileTests.resource("/variant-training.jsonl");
    }

    @TestFactory
    Stream<DynamicTest> everyVariantCasePasses() throws Exception {
        return CaseFileTests.eachPasses(cases());
    }

    /** Guards against a regenerated file that silently lost a family of cases. */
    @Test
    void fileCoversEveryFamily() throws Exception {
        Map<String, Integer> perKind = new TreeMap<>();
        for (JsonNode c : cases()) {
            String kind = c.path("op").asText() + ":" + c.path("optimizer").asText(c.path("scheduler").asText(""));
            perKind.merge(kind, 1, Integer::sum);
        }
        for (String kind : List.of("optim:SGD", "optim:Adam", "optim:AdamW", "optim:RMSprop", "optim:Adagrad",
                "sched:StepLR", "sched:MultiStepLR", "sched:ExponentialLR", "sched:CosineAnnealingLR",
                "sched:CosineAnnealingWarmRestarts", "sched:LinearLR", "sched:ConstantLR", "sched:PolynomialLR",
                "sched:CyclicLR", "sched:OneCycleLR", "sched:ReduceLROnPlateau", "clip_grad_norm:", "clip_grad_value:")) {
            assertTrue(perKind.getOrDefault(kind, 0) >= 1, "no case of " + kind + " in " + perKind);
        }
        assertEquals(cases().size(), perKind.values().stream().mapToInt(Integer::intValue).sum());
    }
}
