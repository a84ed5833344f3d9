package dev.nabla.nn.functional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.autograd.GradCheck;
import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** conv3d and adaptive 3-D pooling against PyTorch 1.13 values, finite differences and shape errors. */
class VolumetricTest {
    private static Tensor seq(int n, double div, boolean sin, int... shape) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (sin ? Math.sin(i / div) : Math.cos(i / div));
        }
        return Tensor.of(v, shape);
    }

    private final Tensor x = seq(36, 10, true, 1, 2, 3, 3, 2);
    private final Tensor w = seq(32, 7, false, 2, 2, 2, 2, 2);

    @Test
    void conv3dMatchesPyTorch() {
        Tensor y = Volumetric.conv3d(x, w, Tensor.of(new float[] {0.5f, -0.5f}, 2), new int[] {2, 1, 1},
                new int[] {1, 0, 1}, new int[] {1, 1, 1}, 1);
        assertArrayEquals(new int[] {1, 2, 2, 2, 3}, y.shape());
        assertArrayEquals(new float[] {-0.1599838f, -0.3871036f, 0.28288f, 0.1659876f, 0.2903454f, 0.628643f,
                3.129404f, 6.398266f, 3.727869f, 3.559652f, 7.113953f, 4.00638f, -1.476369f, -2.854817f, -1.86712f,
                -1.798787f, -3.450361f, -2.135909f, -4.540725f, -8.489323f, -4.39915f, -4.391609f, -8.014352f,
                -4.075517f}, y.toFloatArray(), 1e-5f);
    }

    @Test
    void adaptivePoolingMatchesPyTorch() {
        assertArrayEquals(new float[] {0.4129458f, 0.5745493f, 0.8235106f, 0.9009431f, 0.7386839f, 0.6054784f,
                0.2729247f, 0.08683432f}, Volumetric.adaptiveAvgPool3d(x, 2, 2, 1).toFloatArray(), 1e-6f);
        assertArrayEquals(new float[] {0.7833269f, 0.8912074f, 0.997495f, 0.9995736f, 0.9738476f, 0.9092974f,
                0.6754632f, 0.5155014f}, Volumetric.adaptiveMaxPool3d(x, 2, 2, 1).toFloatArray(), 1e-6f);
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        Generator g = new Generator(3);
        Tensor in = Tensor.randn(g, 2, 4, 4, 3, 3).requiresGrad(true);
        Tensor wt = Tensor.randn(g, 2, 2, 3, 2, 2).requiresGrad(true);
        Tensor b = Tensor.randn(g, 2).requiresGrad(true);
        GradCheck.check(t -> Volumetric.conv3d(t[0], t[1], t[2], new int[] {2, 1, 1}, new int[] {1, 1, 0},
                new int[] {1, 1, 2}, 2), in, wt, b);
        GradCheck.check(t -> Volumetric.conv3d(t[0], t[1], null, new int[] {1, 1, 1}, "same",
                new int[] {1, 1, 1}, 2), in, wt);
        GradCheck.check(t -> Volumetric.adaptiveAvgPool3d(t[0], 3, 2, 2), in);
        GradCheck.check(t -> Volumetric.adaptiveMaxPool3d(t[0], 3, 2, 2), in);
    }

    @Test
    void errorsNameTheOpAndShapes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Volumetric.conv3d(x,
                Tensor.zeros(2, 3, 2, 2, 2), null, new int[] {1, 1, 1}, new int[3], new int[] {1, 1, 1}, 1));
        assertTrue(e.getMessage().contains("conv3d") && e.getMessage().contains("[1, 2, 3, 3, 2]")
                && e.getMessage().contains("[2, 3, 2, 2, 2]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Volumetric.conv3d(x, w, null, new int[] {2, 1, 1},
                "same", new int[] {1, 1, 1}, 1));
        assertTrue(e.getMessage().contains("same") && e.getMessage().contains("strided"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Volumetric.adaptiveAvgPool3d(x.reshape(2, 3, 3, 2, 1, 1),
                1, 1, 1));
        assertTrue(e.getMessage().contains("adaptive_avg_pool3d"), e.getMessage());
    }
}
