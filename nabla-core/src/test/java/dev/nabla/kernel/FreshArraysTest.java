package dev.nabla.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.nn.functional.F;
import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;
import org.junit.jupiter.api.Test;

class FreshArraysTest {
    @Test
    void theTestJvmAllocatesUninitializedAndPoisoned() {
        // the surefire argLine exports jdk.internal.misc as the launcher does, and asks for NaN poison
        assertTrue(FreshArrays.uninitialized(), "jdk.internal.misc is not exported to the tests");
        assertTrue(Boolean.getBoolean("nabla.poisonFresh"), "the test JVM should poison fresh arrays");
        for (int n : new int[] {0, 1, FreshArrays.MIN_UNINITIALIZED - 1, FreshArrays.MIN_UNINITIALIZED, 1 << 20}) {
            float[] a = FreshArrays.floats(n);
            assertEquals(n, a.length);
            for (float v : a) {
                assertTrue(Float.isNaN(v), "n=" + n);
            }
        }
    }

    @Test
    void opsThatUseFreshArraysWriteEveryElement() {
        // Big enough for the uninitialized path; under the poison any element an op leaves unwritten is NaN.
        Generator g = new Generator(3);
        Tensor a = Tensor.randn(g, 70, 90);
        Tensor b = Tensor.randn(g, 90, 130);
        Tensor w = Tensor.randn(g, 130, 90);
        Tensor bias = Tensor.randn(g, 130);
        Tensor[] outs = {
            a.mm(b), a.unsqueeze(0).expand(3, 70, 90).bmm(b.unsqueeze(0).expand(3, 90, 130)),
            a.matmul(b), a.relu(), a.add(Tensor.randn(g, 90)), a.softmax(-1), a.logSoftmax(0),
            dev.nabla.nn.functional.F.linear(a, w, bias), dev.nabla.nn.functional.F.linear(a, w, null),
            a.reshape(7, 10, 9, 10).unsqueeze(0).reshape(7, 10, 9, 10).exp()};
        for (Tensor t : outs) {
            assertAllFinite(t);
        }
    }

    @Test
    void backwardPassesAndConvolutionWriteEveryElement() {
        Generator g = new Generator(4);
        Tensor x = Tensor.randn(g, 70, 90).requiresGrad(true);
        Tensor w = Tensor.randn(g, 130, 90).requiresGrad(true);
        Tensor bias = Tensor.randn(g, 130).requiresGrad(true);
        dev.nabla.nn.functional.F.linear(x, w, bias).softmax(-1).sigmoid().mul(x.sum()).sum().backward();
        assertAllFinite(x.grad());
        assertAllFinite(w.grad());
        assertAllFinite(bias.grad());
        // a batch big enough for one image per task (the allocating forward's own path)
        Tensor img = Tensor.randn(g, 8, 16, 14, 14);
        Tensor cw = Tensor.randn(g, 32, 16, 5, 5);
        assertAllFinite(dev.nabla.nn.functional.F.conv2d(img, cw, Tensor.randn(g, 32), new int[] {1, 1},
                new int[] {2, 2}, new int[] {1, 1}, 1));
    }

    @Test
    void freshIntsArePoisonedWithAnIndexThatCannotBeUsed() {
        for (int n : new int[] {0, 1, FreshArrays.MIN_UNINITIALIZED, 1 << 16}) {
            int[] a = FreshArrays.ints(n);
            assertEquals(n, a.length);
            for (int v : a) {
                assertEquals(Integer.MAX_VALUE, v, "n=" + n);
            }
        }
    }

    @Test
    void normalizationsWriteEveryElementForwardAndBackward() {
        Generator g = new Generator(5);
        Tensor x4 = Tensor.randn(g, 6, 8, 13, 11).requiresGrad(true);   // odd planes: vector bodies and tails
        Tensor x2 = Tensor.randn(g, 300, 24).requiresGrad(true);
        Tensor w8 = Tensor.randn(g, 8).requiresGrad(true);
        Tensor b8 = Tensor.randn(g, 8).requiresGrad(true);
        Tensor rm = Tensor.zeros(8);
        Tensor rv = Tensor.ones(8);
        Tensor[] outs = {
            F.batchNorm(x4, rm, rv, w8, b8, true, 0.1, 1e-5),
            F.batchNorm(x4, rm, rv, null, null, false, 0.1, 1e-5),
            F.batchNorm(x2, null, null, null, null, true, 0.1, 1e-5),
            F.layerNorm(x4, new int[] {13, 11}, null, null, 1e-5),
            F.layerNorm(x2, new int[] {24}, Tensor.randn(g, 24), Tensor.randn(g, 24), 1e-5),
            F.groupNorm(x4, 4, w8, b8, 1e-5)};
        for (Tensor t : outs) {
            assertAllFinite(t);
        }
        Tensor loss = outs[0].sum();
        for (int i = 1; i < outs.length; i++) {
            loss = loss.add(outs[i].mul(outs[i]).sum());
        }
        loss.backward();
        assertAllFinite(x4.grad());
        assertAllFinite(x2.grad());
        assertAllFinite(w8.grad());
        assertAllFinite(b8.grad());
    }

    @Test
    void maxPoolingWritesEveryValueIndexAndGradient() {
        Generator g = new Generator(6);
        // even planes (the 2x2 vector path), odd planes (a row and a column left out), a padded 3x3 window
        // with ceil_mode; each backward zeroes its planes itself
        int[][] shapes = {{4, 16, 28, 28}, {3, 10, 15, 17}, {2, 8, 20, 21}};
        int[][] windows = {{2, 2, 0}, {2, 2, 0}, {3, 2, 1}};
        for (int i = 0; i < shapes.length; i++) {
            int[] sh = shapes[i];
            int[] kw = windows[i];
            Tensor x = Tensor.randn(g, sh).requiresGrad(true);
            dev.nabla.tensor.ValuesIndices vi = dev.nabla.nn.functional.Pooling.maxPool2dWithIndices(x, new int[] {kw[0]}, new int[] {kw[1]},
                    new int[] {kw[2]}, new int[] {1}, i == 2);
            assertAllFinite(vi.values());
            long hw = (long) sh[2] * sh[3];
            for (long idx : vi.indices().toLongArray()) {
                assertTrue(idx >= 0 && idx < hw, "index " + idx + " outside the plane");
            }
            vi.values().mul(vi.values()).sum().backward();
            assertAllFinite(x.grad());
        }
    }

    private static void assertAllFinite(Tensor t) {
        for (float v : t.toFloatArray()) {
            assertTrue(Float.isFinite(v), "an op left an element unwritten: " + java.util.Arrays.toString(t.shape()));
        }
    }
}
