package dev.nabla.nn.functional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.autograd.GradCheck;
import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** interpolate(antialias=True): PyTorch 1.13 values, gradients, and the mode check. */
class AntialiasResamplingTest {
    /** (1, 1, 4, 5) with x[i] = i^1.3 / 10. */
    private static Tensor ramp() {
        float[] v = new float[20];
        for (int i = 0; i < 20; i++) {
            v[i] = (float) (Math.pow(i, 1.3) / 10);
        }
        return Tensor.of(v, 1, 1, 4, 5);
    }

    @Test
    void downsamplingMatchesPyTorch() {
        Tensor bilinear = Resampling.interpolate(ramp(), new int[] {2, 3}, null, "bilinear", null, null, true);
        assertArrayEquals(new float[] {0.7066101f, 1.008158f, 1.349439f, 2.535396f, 2.969123f, 3.418027f},
                bilinear.toFloatArray(), 2e-6f);
        Tensor bicubic = Resampling.interpolate(ramp(), null, new double[] {0.5}, "bicubic", null, null, true);
        assertArrayEquals(new int[] {1, 1, 2, 2}, bicubic.shape());
        assertArrayEquals(new float[] {0.5742948f, 0.9669207f, 2.713801f, 3.295261f}, bicubic.toFloatArray(), 2e-6f);
    }

    @Test
    void gradientsAndModeCheck() {
        Tensor x = Tensor.randn(new Generator(5), 2, 1, 7, 6).requiresGrad(true);
        GradCheck.check(in -> Resampling.interpolate(in[0], new int[] {3, 4}, null, "bicubic", false, null, true), x);
        GradCheck.check(in -> Resampling.interpolate(in[0], new int[] {9, 2}, null, "bilinear", true, null, true), x);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Resampling.interpolate(ramp(), new int[] {2, 2}, null, "nearest", null, null, true));
        assertTrue(e.getMessage().contains("interpolate") && e.getMessage().contains("anti-alias")
                && e.getMessage().contains("nearest"), e.getMessage());
    }
}
