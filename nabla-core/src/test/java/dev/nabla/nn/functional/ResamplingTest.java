package dev.nabla.nn.functional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.autograd.GradCheck;
import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;
import org.junit.jupiter.api.Test;

class ResamplingTest {
    private final Generator gen = new Generator(5);

    private Tensor randn(int... shape) {
        return Tensor.randn(gen, shape).requiresGrad(true);
    }

    @Test
    void handComputedNearest() {
        Tensor x = Tensor.of(new float[] {1, 2, 3, 4}, 1, 1, 2, 2);
        assertArrayEquals(new float[] {1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4},
                F.interpolate(x, null, new double[] {2}, "nearest", null).toFloatArray());
        // 3 -> 2 by size: scale 1.5, sources floor(0) = 0 and floor(1.5) = 1
        Tensor r = Tensor.of(new float[] {1, 2, 3}, 1, 1, 3);
        assertArrayEquals(new float[] {1, 2}, F.interpolate(r, new int[] {2}, null, "nearest", null).toFloatArray());
        // nearest-exact uses pixel centres: floor(0.75) = 0, floor(2.25) = 2
        assertArrayEquals(new float[] {1, 3},
                F.interpolate(r, new int[] {2}, null, "nearest-exact", null).toFloatArray());
        // a scale factor of 1.5 on length 3 gives floor(4.5) = 4 outputs with scale 1/1.5
        assertArrayEquals(new float[] {1, 1, 2, 3},
                F.interpolate(r, null, new double[] {1.5}, "nearest", null).toFloatArray());
    }

    @Test
    void handComputedLinear() {
        Tensor x = Tensor.of(new float[] {1, 2}, 1, 1, 2);
        // align_corners=false: sources max(-0.25, 0), 0.25, 0.75, 1.25 (clamped to the last pixel)
        assertArrayEquals(new float[] {1, 1.25f, 1.75f, 2},
                F.interpolate(x, new int[] {4}, null, "linear", false).toFloatArray(), 1e-6f);
        // align_corners=true: sources 0, 1/3, 2/3, 1
        assertArrayEquals(new float[] {1, 4f / 3, 5f / 3, 2},
                F.interpolate(x, new int[] {4}, null, "linear", true).toFloatArray(), 1e-6f);
        // bilinear 2x2 -> 3x3 with align_corners: the centre is the mean of all four
        Tensor b = Tensor.of(new float[] {1, 2, 3, 4}, 1, 1, 2, 2);
        Tensor y = F.interpolate(b, new int[] {3, 3}, null, "bilinear", true);
        assertArrayEquals(new float[] {1, 1.5f, 2, 2, 2.5f, 3, 3, 3.5f, 4}, y.toFloatArray(), 1e-6f);
        // downsampling to one pixel with align_corners=false reads source (0 + 0.5) * 2 - 0.5 = 0.5
        assertEquals(2.5f, F.interpolate(b, new int[] {1, 1}, null, "bilinear", false).item(), 1e-6);
    }

    @Test
    void areaAndRecomputedScale() {
        // area is adaptive average pooling: 4 -> 3 windows [0,2), [1,3), [2,4)
        Tensor x = Tensor.of(new float[] {1, 2, 3, 4}, 1, 1, 4);
        assertArrayEquals(new float[] {1.5f, 2.5f, 3.5f},
                F.interpolate(x, new int[] {3}, null, "area", null).toFloatArray(), 1e-6f);
        Tensor x2 = Tensor.of(new float[] {1, 2, 3, 4}, 1, 1, 2, 2);
        assertEquals(2.5f, F.interpolate(x2, null, new double[] {0.5}, "area", null).item(), 1e-6);
        // scale 1.6 on length 3 -> 4 outputs; the given scale reads floor(i / 1.6) = 0, 0, 1, 1, while the
        // recomputed scale 3/4 reads floor(0.75 i) = 0, 0, 1, 2
        Tensor r = Tensor.of(new float[] {1, 2, 3}, 1, 1, 3);
        assertArrayEquals(new float[] {1, 1, 2, 2},
                F.interpolate(r, null, new double[] {1.6}, "nearest", null).toFloatArray());
        assertArrayEquals(new float[] {1, 1, 2, 3},
                F.interpolate(r, null, new double[] {1.6}, "nearest", null, true).toFloatArray());
        GradCheck.check(in -> F.interpolate(in[0], new int[] {3, 2}, null, "area", null), randn(1, 2, 5, 4));
    }

    @Test
    void handComputedBicubic() {
        // Keys' kernel (A = -0.75) at t = 0.5 weighs the four taps -0.09375, 0.59375, 0.59375, -0.09375
        Tensor spike = Tensor.of(new float[] {0, 0, 1, 0, 0}, 1, 1, 1, 5);
        Tensor y = F.interpolate(spike, new int[] {1, 9}, null, "bicubic", true);
        assertArrayEquals(new float[] {0, -0.09375f, 0, 0.59375f, 1, 0.59375f, 0, -0.09375f, 0}, y.toFloatArray(),
                1e-6f);
        // a linear ramp is reproduced exactly away from the clamped border
        Tensor ramp = Tensor.arange(6).toFloat().reshape(1, 1, 1, 6);
        Tensor r = F.interpolate(ramp, new int[] {1, 11}, null, "bicubic", true);
        for (int i = 2; i <= 8; i++) {
            assertEquals(i * 0.5f, r.getFloat(0, 0, 0, i), 1e-5);
        }
        // without align_corners the source index is not clamped at 0: output 0 of 2x reads -0.25, so
        // base -1, t 0.75, taps -2, -1, 0, 1 (clamped to 0, 0, 0, 1); only the last sees the 4, with
        // weight cc2(2 - t) = cc2(1.25) = -0.10546875, hence the overshoot -0.421875. Output 1 reads 0.25:
        // taps 0, 0, 1, 1 with weights .., .., cc1(0.75) = 0.26171875, cc2(1.75) = -0.03515625 -> 0.90625;
        // outputs 2 and 3 mirror outputs 1 and 0 about 2.
        Tensor two = Tensor.of(new float[] {0, 4}, 1, 1, 1, 2);
        assertArrayEquals(new float[] {-0.421875f, 0.90625f, 3.09375f, 4.421875f},
                F.interpolate(two, new int[] {1, 4}, null, "bicubic", false).toFloatArray(), 1e-5f);
        GradCheck.check(in -> F.interpolate(in[0], new int[] {5, 7}, null, "bicubic", false), randn(1, 2, 3, 4));
        GradCheck.check(in -> F.interpolate(in[0], new int[] {2, 6}, null, "bicubic", true), randn(2, 1, 4, 3));
    }

    @Test
    void pixelShuffle() {
        // 4 channels of 1x1 become one 2x2 channel in raster order
        Tensor x = Tensor.of(new float[] {1, 2, 3, 4}, 1, 4, 1, 1);
        assertArrayEquals(new float[] {1, 2, 3, 4}, F.pixelShuffle(x, 2).toFloatArray());
        // (8, 1, 2) -> (2, 2, 4): out[c, h*2+i, w*2+j] = in[c*4 + i*2 + j, h, w]
        Tensor y = Tensor.arange(16).toFloat().reshape(8, 1, 2);
        Tensor s = F.pixelShuffle(y, 2);
        assertArrayEquals(new int[] {2, 2, 4}, s.shape());
        assertEquals(y.getFloat(4 + 2 + 1, 0, 1), s.getFloat(1, 1, 3), 0);
        assertArrayEquals(y.toFloatArray(), F.pixelUnshuffle(s, 2).toFloatArray());
        GradCheck.check(in -> F.pixelShuffle(in[0], 2), randn(2, 8, 2, 3));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> F.pixelShuffle(Tensor.zeros(1, 6, 2, 2), 2));
        assertTrue(e.getMessage().startsWith("pixel_shuffle:") && e.getMessage().contains("[1, 6, 2, 2]"),
                e.getMessage());
    }

    @Test
    void gradients() {
        GradCheck.check(in -> F.interpolate(in[0], null, new double[] {2}, "nearest", null), randn(2, 2, 3, 2));
        GradCheck.check(in -> F.interpolate(in[0], new int[] {5, 2}, null, "nearest", null), randn(1, 2, 3, 4));
        GradCheck.check(in -> F.interpolate(in[0], new int[] {7}, null, "nearest", null), randn(2, 2, 3));
        GradCheck.check(in -> F.interpolate(in[0], new int[] {7, 5}, null, "bilinear", false), randn(2, 2, 4, 3));
        GradCheck.check(in -> F.interpolate(in[0], new int[] {7, 5}, null, "bilinear", true), randn(2, 2, 4, 3));
        GradCheck.check(in -> F.interpolate(in[0], new int[] {2, 2}, null, "bilinear", false), randn(1, 2, 5, 3));
        GradCheck.check(in -> F.interpolate(in[0], null, new double[] {1.7, 2.5}, "bilinear", false),
                randn(1, 1, 3, 3));
        GradCheck.check(in -> F.interpolate(in[0], new int[] {9}, null, "linear", true), randn(2, 3, 4));
        GradCheck.check(in -> F.interpolate(in[0], null, new double[] {0.5}, "linear", false), randn(2, 1, 6));
    }

    @Test
    void edgeShapes() {
        // size-1 input broadcasts; same size is the identity
        Tensor one = Tensor.of(new float[] {3}, 1, 1, 1, 1);
        assertArrayEquals(new float[] {3, 3, 3, 3}, F.interpolate(one, new int[] {2}, null, "bilinear", false)
                .toFloatArray());
        Tensor x = Tensor.randn(gen, 2, 3, 4, 5);
        assertArrayEquals(x.toFloatArray(), F.interpolate(x, new int[] {4, 5}, null, "bilinear", true).toFloatArray());
        // a permuted view resamples like its contiguous copy
        Tensor view = Tensor.randn(gen, 1, 4, 3, 2).permute(0, 3, 1, 2);
        assertArrayEquals(F.interpolate(view.contiguousCopy(), new int[] {6, 5}, null, "bilinear", false).toFloatArray(),
                F.interpolate(view, new int[] {6, 5}, null, "bilinear", false).toFloatArray());
    }

    @Test
    void errors() {
        Tensor x4 = Tensor.zeros(1, 1, 2, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> F.interpolate(x4, new int[] {4}, null, "linear", false));
        assertEquals("interpolate: got 4-D input [1, 1, 2, 2], but linear mode needs 3-D input", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> F.interpolate(x4, new int[] {4}, null, "nearest", true));
        assertTrue(e.getMessage().contains("align_corners"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> F.interpolate(x4, new int[] {4}, new double[] {2}, "nearest", null));
        assertTrue(e.getMessage().contains("exactly one of size and scale_factor"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> F.interpolate(x4, new int[] {4}, null, "trilinear", null));
        assertTrue(e.getMessage().startsWith("interpolate: mode 'trilinear' is not supported"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> F.interpolate(x4, new int[] {1, 2, 3}, null, "nearest",
                null));
        assertTrue(e.getMessage().contains("[1, 2, 3]") && e.getMessage().contains("[1, 1, 2, 2]"), e.getMessage());
    }
}
