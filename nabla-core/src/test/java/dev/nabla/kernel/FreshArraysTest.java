package dev.nabla.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    private static void assertAllFinite(Tensor t) {
        for (float v : t.toFloatArray()) {
            assertTrue(Float.isFinite(v), "an op left an element unwritten: " + java.util.Arrays.toString(t.shape()));
        }
    }
}
