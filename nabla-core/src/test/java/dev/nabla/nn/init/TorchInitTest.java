package dev.nabla.nn.init;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.nabla.nn.BatchNorm2d;
import dev.nabla.nn.Conv2d;
import dev.nabla.nn.Embedding;
import dev.nabla.nn.Flatten;
import dev.nabla.nn.Linear;
import dev.nabla.nn.MaxPool2d;
import dev.nabla.nn.Module;
import dev.nabla.nn.ReLU;
import dev.nabla.nn.Sequential;
import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;
import dev.nabla.tensor.TorchRngReference;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * nn.init and the layers' default initialisation against torch 1.13: torch.manual_seed(s) then the same
 * init (values from tools/torch_rng_reference.py, run with torch) must equal Nabla's with new Generator(s),
 * bit for bit (trunc_normal_ and orthogonal_ within float rounding, see their tests).
 */
class TorchInitTest {
    private static void assertExact(String name, float[] expected, float[] actual) {
        assertEquals(expected.length, actual.length, name + ": length");
        int bad = 0;
        int first = -1;
        for (int i = 0; i < expected.length; i++) {
            if (Float.floatToIntBits(expected[i]) != Float.floatToIntBits(actual[i])) {
                bad++;
                first = first < 0 ? i : first;
            }
        }
        if (bad > 0) {
            fail(name + ": " + bad + " of " + expected.length + " differ from torch, first at " + first + ": torch "
                    + expected[first] + ", nabla " + actual[first]);
        }
    }

    private static void assertTorch(String name, Tensor t) {
        assertExact(name, TorchRngReference.floats(name), t.toFloatArray());
    }

    /** A big tensor: torch's strided sample element for element, and its sum. */
    private static void assertTorchBig(String name, Tensor t) {
        TorchRngReference.Case sample = TorchRngReference.get(name + ".sample");
        float[] all = t.toFloatArray();
        float[] picked = new float[sample.count()];
        for (int i = 0; i < picked.length; i++) {
            picked[i] = all[i * sample.stride()];
        }
        assertExact(name, sample.floats(), picked);
        TorchRngReference.Case sum = TorchRngReference.get(name + ".sum");
        assertEquals(sum.count(), all.length, name + ": numel");
        double s = 0;
        for (float v : all) {
            s += v;
        }
        assertEquals(sum.sum(), s, 1e-9 * all.length, name + ": sum");
    }

    @Test
    void kaimingAndXavierMatchTorch() {
        assertTorch("init.kaiming_uniform.seed0.7x5", Init.kaimingUniform(Tensor.zeros(7, 5), 0, new Generator(0)));
        assertTorch("init.kaiming_uniform.seed0.a0.3.fan_out.relu.6x4x3",
                Init.kaimingUniform(Tensor.zeros(6, 4, 3), 0.3, "fan_out", "relu", new Generator(0)));
        assertTorch("init.kaiming_normal.seed1.50x30", Init.kaimingNormal(Tensor.zeros(50, 30), 0, new Generator(1)));
        assertTorch("init.kaiming_normal.seed1.3x4", Init.kaimingNormal(Tensor.zeros(3, 4), 0, new Generator(1)));
        assertTorch("init.xavier_uniform.seed2.30x20", Init.xavierUniform(Tensor.zeros(30, 20), 1.0, new Generator(2)));
        assertTorch("init.xavier_normal.seed2.gain2.30x20",
                Init.xavierNormal(Tensor.zeros(30, 20), 2.0, new Generator(2)));
    }

    @Test
    void uniformAndNormalMatchTorch() {
        assertTorch("init.uniform.seed4.m2.3.n40", Init.uniform(Tensor.zeros(40), -2.0, 3.0, new Generator(4)));
        assertTorch("init.normal.seed4.m1.s0.02.n40", Init.normal(Tensor.zeros(40), 1.0, 0.02, new Generator(4)));
    }

    @Test
    void truncNormalFollowsTorchsInverseCdfWithinALastBit() {
        assertClose("init.trunc_normal.seed6.s0.02.n500", Init.truncNormal(Tensor.zeros(500), 0, 0.02, new Generator(6)), 0);
        Tensor t = Init.truncNormal(Tensor.zeros(200), 0.5, 1.0, 0.0, 2.0, new Generator(6));
        assertClose("init.trunc_normal.seed6.m0.5.s1.a0.b2.n200", t, 0.5);
        for (float v : t.toFloatArray()) {
            assertTrue(v >= 0f && v <= 2f, "inside [a, b]: " + v);
        }
    }

    /**
     * Torch calls glibc's erff/expf inside erfinv; ours are double-rounded, so allow 2 ulp of the
     * erfinv term (before the mean is added) and require most values exact.
     */
    private static void assertClose(String name, Tensor t, double mean) {
        float[] expected = TorchRngReference.floats(name);
        float[] actual = t.toFloatArray();
        int exact = 0;
        for (int i = 0; i < expected.length; i++) {
            float tol = 2 * Math.ulp((float) (Math.abs(expected[i] - mean) + Math.abs(mean)));
            assertEquals(expected[i], actual[i], tol, name + " at " + i);
            exact += expected[i] == actual[i] ? 1 : 0;
        }
        System.out.println(name + ": " + exact + " of " + expected.length + " bit-identical to torch");
        assertTrue(exact >= expected.length * 9 / 10, name + ": only " + exact + " of " + expected.length + " exact");
    }

    @Test
    void orthogonalDrawsTorchsNormalsAndAgreesAfterTheQr() {
        // torch factors in float with LAPACK, Nabla in double: same Q up to float rounding.
        assertNear("init.orthogonal.seed8.6x10", Init.orthogonal(Tensor.zeros(6, 10), 1.0, new Generator(8)), 2e-6);
        assertNear("init.orthogonal.seed8.gain2.12x5", Init.orthogonal(Tensor.zeros(12, 5), 2.0, new Generator(8)), 4e-6);
    }

    private static void assertNear(String name, Tensor t, double tol) {
        float[] expected = TorchRngReference.floats(name);
        float[] actual = t.toFloatArray();
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], tol, name + " at " + i);
        }
    }

    @Test
    void layerDefaultInitsMatchTorch() {
        Linear lin = new Linear(20, 7, true, new Generator(0));
        assertTorch("layer.linear.seed0.20x7.weight", lin.weight);
        assertTorch("layer.linear.seed0.20x7.bias", lin.bias);
        Linear big = new Linear(784, 500, true, new Generator(0));
        assertTorchBig("layer.linear.seed0.784x500.weight", big.weight);
        assertTorch("layer.linear.seed0.784x500.bias", big.bias);
        Conv2d conv = Conv2d.builder(3, 4, 3).generator(new Generator(3)).build();
        assertTorch("layer.conv2d.seed3.3x4x3.weight", conv.weight);
        assertTorch("layer.conv2d.seed3.3x4x3.bias", conv.bias);
        Embedding emb = new Embedding(10, 3, null, new Generator(5));
        assertTorch("layer.embedding.seed5.10x3.weight", emb.weight);
    }

    /** Builds a module after seeding the default generator, as torch.manual_seed(seed) then the constructor. */
    private static void assertModule(String name, long seed, java.util.function.Supplier<Module> build) {
        Generator.defaultGenerator().manualSeed(seed);
        Module m = build.get();
        int checked = 0;
        for (Map.Entry<String, Tensor> e : m.namedParameters().entrySet()) {
            assertTorchBig("module." + name + ".seed" + seed + "." + e.getKey(), e.getValue());
            checked++;
        }
        assertTrue(checked > 0, name);
    }

    @Test
    void moreLayersInitialiseAsTorchParameterByParameter() {
        assertModule("lstm.4x3", 1, () -> new dev.nabla.nn.LSTM(4, 3));
        assertModule("gru.5x2", 2, () -> new dev.nabla.nn.GRU(5, 2));
        assertModule("lstmcell.3x4", 3, () -> new dev.nabla.nn.LSTMCell(3, 4));
        assertModule("mha.8.2", 4, () -> new dev.nabla.nn.MultiheadAttention(8, 2));
        assertModule("convtranspose2d.3x2x3", 5, () -> new dev.nabla.nn.ConvTranspose2d(3, 2, 3));
        assertModule("conv1d.2x3x4", 6, () -> new dev.nabla.nn.Conv1d(2, 3, 4));
        assertModule("transformerencoderlayer.8.2", 7, () -> new dev.nabla.nn.TransformerEncoderLayer(8, 2));
    }

    @Test
    void benchModelsBuiltAfterASeedMatchTorchParameterForParameter() {
        Generator.defaultGenerator().manualSeed(0);
        Module mlp = new Sequential(new Flatten(), new Linear(784, 500), new ReLU(), new Linear(500, 10));
        for (Map.Entry<String, Tensor> e : mlp.namedParameters().entrySet()) {
            assertTorchBig("bench.mlp.seed0." + e.getKey(), e.getValue());
        }
        Generator.defaultGenerator().manualSeed(0);
        Module convnet = new Sequential(
                new Conv2d(1, 16, 5, 1, 2), new BatchNorm2d(16), new ReLU(), new MaxPool2d(2),
                new Conv2d(16, 32, 5, 1, 2), new BatchNorm2d(32), new ReLU(), new MaxPool2d(2),
                new Flatten(), new Linear(7 * 7 * 32, 10));
        for (Map.Entry<String, Tensor> e : convnet.namedParameters().entrySet()) {
            assertTorchBig("bench.convnet.seed0." + e.getKey(), e.getValue());
        }
    }
}
