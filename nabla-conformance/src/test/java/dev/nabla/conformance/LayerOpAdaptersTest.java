package dev.nabla.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nabla.tensor.Tensor;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The layer adapters read torch's kwargs and defaults, and batch_norm cases decide training correctly. */
class LayerOpAdaptersTest {
    private final ObjectMapper json = new ObjectMapper();
    private final Conformance runner = new Conformance();
    private final OpRegistry registry = OpRegistry.standard();

    private static String t(String shape, String data) {
        return "{\"shape\":" + shape + ",\"dtype\":\"float32\",\"data\":" + data + "}";
    }

    /** Channel 0 = {1, 3} (mean 2, biased var 1, unbiased 2); channel 1 = {10, 30} (mean 20, var 100 / 200). */
    private String batchNormCase(String id, String kwargs, String runMean, String runVar) {
        double i0 = 1 / Math.sqrt(1 + 1e-5);
        double i1 = 1 / Math.sqrt(100 + 1e-5);
        String out = String.format(Locale.ROOT, "[%.8f,%.8f,%.8f,%.8f]", -i0, -10 * i1, i0, 10 * i1);
        return "{\"id\":\"" + id + "\",\"op\":\"batch_norm\",\"kwargs\":" + kwargs + ",\"inputs\":{"
                + "\"input\":" + t("[2,2]", "[1,10,3,30]") + ",\"running_mean\":" + t("[2]", "[0,0]")
                + ",\"running_var\":" + t("[2]", "[1,1]") + "},\"requires_grad\":[\"input\"],"
                + "\"output\":{\"out\":" + t("[2,2]", out) + ",\"running_mean\":" + t("[2]", runMean)
                + ",\"running_var\":" + t("[2]", runVar) + "},"
                + "\"grad_output\":{\"out\":" + t("[2,2]", "[1,1,1,1]") + "},"
                + "\"grads\":{\"input\":" + t("[2,2]", "[0,0,0,0]") + "},\"rtol\":1e-4,\"atol\":1e-5}";
    }

    @Test
    void batchNormTrainingCaseChecksUpdatedRunningStats() throws Exception {
        // training inferred from the id, then from the kwarg
        String updatedMean = "[0.2,2.0]";
        String updatedVar = "[1.1,20.9]";
        assertTrue(runner.run(json.readTree(batchNormCase("norm/batch_norm_train_x", "{\"momentum\":0.1}",
                updatedMean, updatedVar))).passed());
        CaseResult r = runner.run(json.readTree(batchNormCase("norm/bn_x", "{\"training\":true}", updatedMean,
                updatedVar)));
        assertTrue(r.passed(), r.line());
        // a wrong running estimate (the biased variance) fails
        r = runner.run(json.readTree(batchNormCase("norm/batch_norm_train_y", "{}", updatedMean, "[1.0,10.9]")));
        assertFalse(r.passed());
        assertTrue(r.detail().contains("running_var"), r.detail());
    }

    @Test
    void batchNormCaseRecordedAfterTheUpdateIsReportedAsMalformed() throws Exception {
        CaseResult r = runner.run(json.readTree(batchNormCase("norm/batch_norm_train_z", "{}", "[0,0]", "[1,1]")));
        assertFalse(r.passed());
        assertTrue(r.detail().startsWith("malformed case: expected running_mean, running_var equal the given inputs"),
                r.detail());
        assertTrue(r.detail().endsWith("the output and gradients alone: pass"), r.detail());
    }

    @Test
    void convolutionTakesNamedPadding() throws Exception {
        Tensor x = Tensor.ones(1, 1, 3, 3);
        Tensor w = Tensor.ones(1, 1, 3, 3);
        Map<String, Tensor> out = registry.adapter("conv2d").run(Map.of("input", x, "weight", w),
                new Kwargs(json.readTree("{\"padding\":\"same\"}")));
        assertArrayEquals(new float[] {4, 6, 4, 6, 9, 6, 4, 6, 4}, out.get("output").toFloatArray());
        out = registry.adapter("conv2d").run(Map.of("input", x, "weight", w),
                new Kwargs(json.readTree("{\"padding\":\"valid\"}")));
        assertArrayEquals(new float[] {9}, out.get("output").toFloatArray());
    }

    @Test
    void poolingDefaultsFollowTorch() throws Exception {
        Tensor x = Tensor.arange(16).toFloat().reshape(1, 1, 4, 4);
        // stride defaults to kernel_size
        Map<String, Tensor> out = registry.adapter("max_pool2d").run(Map.of("input", x),
                new Kwargs(json.readTree("{\"kernel_size\":2}")));
        assertArrayEquals(new float[] {5, 7, 13, 15}, out.get("output").toFloatArray());
        // a null entry of output_size keeps that input size
        out = registry.adapter("adaptive_avg_pool2d").run(Map.of("input", x),
                new Kwargs(json.readTree("{\"output_size\":[null,1]}")));
        assertArrayEquals(new int[] {1, 1, 4, 1}, out.get("output").shape());
        assertArrayEquals(new float[] {1.5f, 5.5f, 9.5f, 13.5f}, out.get("output").toFloatArray());
        // max_pool2d also reports the flat in-plane indices of the maxima
        assertArrayEquals(new long[] {5, 7, 13, 15}, registry.adapter("max_pool2d").run(Map.of("input", x),
                new Kwargs(json.readTree("{\"kernel_size\":[2,2]}"))).get("indices").toLongArray());
        // 1-D pooling with torch's list-valued kwargs
        Tensor row = Tensor.arange(6).toFloat().reshape(1, 1, 6);
        assertArrayEquals(new float[] {1, 3, 5}, registry.adapter("max_pool1d").run(Map.of("input", row),
                new Kwargs(json.readTree("{\"kernel_size\":2}"))).get("output").toFloatArray());
        assertArrayEquals(new float[] {0.5f, 2, 4}, registry.adapter("avg_pool1d").run(Map.of("input", row),
                new Kwargs(json.readTree("{\"kernel_size\":[3],\"stride\":[2],\"padding\":1,"
                        + "\"count_include_pad\":false}"))).get("output").toFloatArray());
        // interpolate's default mode is nearest
        out = registry.adapter("interpolate").run(Map.of("input", x),
                new Kwargs(json.readTree("{\"size\":[2,2]}")));
        assertArrayEquals(new float[] {0, 2, 8, 10}, out.get("output").toFloatArray());
    }
}
