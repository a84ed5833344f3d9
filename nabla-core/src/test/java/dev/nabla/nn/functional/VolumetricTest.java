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
    void convTranspose3dMatchesPyTorch() {
        Tensor wt = seq(24, 7, false, 2, 1, 3, 2, 2);
        Tensor y = Volumetric.convTranspose3d(x, wt, Tensor.of(new float[] {0.5f}, 1), new int[] {2, 1, 1},
                new int[] {1, 0, 1}, new int[] {1, 0, 0}, 1, new int[] {1, 1, 1});
        assertArrayEquals(new int[] {1, 1, 6, 4, 1}, y.shape());
        assertArrayEquals(new float[] {-0.7729871f, -1.972527f, -1.15631f, -0.3393088f, -0.4042014f, -1.142496f,
                0.113417f, 0.3614245f, 0.5652477f, 0.6390472f, 1.546612f, 1.031762f},
                java.util.Arrays.copyOf(y.toFloatArray(), 12), 1e-5f);
    }

    @Test
    void adaptivePoolingMatchesPyTorch() {
        assertArrayEquals(new float[] {0.4129458f, 0.5745493f, 0.8235106f, 0.9009431f, 0.7386839f, 0.6054784f,
                0.2729247f, 0.08683432f}, Volumetric.adaptiveAvgPool3d(x, 2, 2, 1).toFloatArray(), 1e-6f);
        assertArrayEquals(new float[] {0.7833269f, 0.8912074f, 0.997495f, 0.9995736f, 0.9738476f, 0.9092974f,
                0.6754632f, 0.5155014f}, Volumetric.adaptiveMaxPool3d(x, 2, 2, 1).toFloatArray(), 1e-6f);
    }

    @Test
    void pooling3dAndTrilinearMatchPyTorch() {
        Tensor xs = seq(36, 10, true, 1, 2, 3, 3, 2);
        Tensor mp = Volumetric.maxPool3d(xs, new int[] {2, 2, 2}, new int[] {1, 1, 1}, new int[] {1, 1, 1},
                new int[] {1, 1, 1}, false);
        assertArrayEquals(new int[] {1, 2, 4, 4, 3}, mp.shape());
        assertArrayEquals(new float[] {0f, 0.09983342f, 0.09983342f, 0.1986693f, 0.2955202f, 0.2955202f, 0.3894183f,
                0.4794255f, 0.4794255f, 0.3894183f}, java.util.Arrays.copyOf(mp.toFloatArray(), 10), 1e-6f);
        Tensor ap = Volumetric.avgPool3d(xs, new int[] {2, 3, 2}, new int[] {2, 2, 1}, new int[] {1, 1, 0}, true,
                false, null);
        assertArrayEquals(new int[] {1, 2, 2, 2, 1}, ap.shape());
        assertArrayEquals(new float[] {0.1485057f, 0.3407584f, 0.8235106f, 0.9009431f, 0.9231636f, 0.8316771f,
                0.2729247f, 0.08683432f}, ap.toFloatArray(), 1e-6f);
        Tensor tri = Volumetric.interpolate3d(xs, new int[] {2, 4, 3}, null, "trilinear", false, null);
        assertArrayEquals(new float[] {0.1411606f, 0.1885451f, 0.2359295f, 0.2581484f, 0.3037709f, 0.3493935f,
                0.393625f, 0.436467f}, java.util.Arrays.copyOf(tri.toFloatArray(), 8), 1e-6f);
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
        GradCheck.check(t -> Volumetric.convTranspose3d(t[0], t[1], null, new int[] {2, 1, 2}, new int[] {1, 0, 1},
                new int[] {1, 0, 1}, 2, new int[] {1, 1, 1}), in, Tensor.randn(g, 4, 1, 2, 2, 2).requiresGrad(true));
        GradCheck.check(t -> Volumetric.adaptiveAvgPool3d(t[0], 3, 2, 2), in);
        GradCheck.check(t -> Volumetric.adaptiveMaxPool3d(t[0], 3, 2, 2), in);
        // Distinct values 0.1 apart, so no window holds a near-tie that finite differences would straddle.
        Tensor spaced = Tensor.randperm(288, g).toFloat().mul(0.1).reshape(2, 4, 4, 3, 3).requiresGrad(true);
        GradCheck.check(t -> Volumetric.maxPool3d(t[0], new int[] {2, 2, 2}, null, new int[] {1, 0, 1},
                new int[] {1, 1, 1}, true), spaced);
        GradCheck.check(t -> Volumetric.avgPool3d(t[0], new int[] {3, 2, 2}, new int[] {2, 1, 1}, new int[] {1, 1, 0},
                true, false, null), in);
        GradCheck.check(t -> Volumetric.interpolate3d(t[0], new int[] {5, 2, 4}, null, "trilinear", true, null), in);
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
