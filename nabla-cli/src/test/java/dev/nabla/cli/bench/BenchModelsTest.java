package dev.nabla.cli.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.nn.Module;
import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** The bench models match torch_cpu_bench.py's: same parameter counts and output shapes. */
class BenchModelsTest {
    private static long count(Module m) {
        return m.parameters().stream().mapToLong(Tensor::numel).sum();
    }

    @Test
    void parameterCountsEqualTorchs() {
        // Counted from the torch definitions: e.g. mlp = 784*500+500 + 500*10+10.
        assertEquals(397_510, count(BenchModels.mlp()));
        assertEquals(29_034, count(BenchModels.convnet()));
        assertEquals(784 * 100 + 100 + 100 * 50 + 50 + 50 * 20 + 20 + 20 * 50 + 50 + 50 * 100 + 100 + 100 * 784 + 784,
                count(BenchModels.autoencoder()));
        assertEquals(135_063, count(BenchModels.segnet()));
        assertEquals(1_000_000 + 4 * 128 * (100 + 128) + 2 * 4 * 128 + 129, count(new BenchModels.LstmClassifier()));
        assertEquals(1_280_000 + 64 * 128 + 4 * (128 * 128 + 128) + 2 * 256 + (128 * 512 + 512 + 512 * 128 + 128) + 258,
                count(new BenchModels.TinyTransformer()));
    }

    @Test
    void outputShapes() {
        Generator g = new Generator(0);
        assertArrayEquals(new int[] {4, 10}, BenchModels.mlp().call(Tensor.rand(g, 4, 1, 28, 28)).shape());
        assertArrayEquals(new int[] {4, 10}, BenchModels.convnet().call(Tensor.rand(g, 4, 1, 28, 28)).shape());
        assertArrayEquals(new int[] {4, 784}, BenchModels.autoencoder().call(Tensor.rand(g, 4, 1, 28, 28)).shape());
        assertArrayEquals(new int[] {1, 23, 32, 32}, BenchModels.segnet().call(Tensor.rand(g, 1, 3, 32, 32)).shape());
        assertArrayEquals(new int[] {3}, new BenchModels.LstmClassifier().call(Tensor.randint(0, 10000, g, 3, 7)).shape());
        assertArrayEquals(new int[] {3, 2},
                new BenchModels.TinyTransformer().call(Tensor.randint(0, 10000, g, 3, 64)).shape());
    }

    @Test
    void percentileInterpolatesAsNumpy() {
        double[] v = {1, 2, 3, 4};
        assertEquals(2.5, InferenceWorkload.percentile(v, 50), 1e-12);
        assertEquals(3.97, InferenceWorkload.percentile(v, 99), 1e-12);
        assertEquals(2.5, Timing.median(new double[] {4, 1, 3, 2}), 1e-12);
        assertTrue(ProcessStats.peakRssMb() > 0);
    }
}
