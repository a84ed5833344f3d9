package dev.nabla.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.nabla.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Leaf gradients made during backward become .grad without copies, but never alias anything. */
class LeafGradAdoptionTest {
    @Test
    void oneGradientFlowingToTwoLeavesIsNotShared() {
        Tensor a = Tensor.of(new float[] {1, 2}, 2).requiresGrad(true);
        Tensor b = Tensor.of(new float[] {3, 4}, 2).requiresGrad(true);
        // add's rule hands the same gradient tensor to both leaves
        a.add(b).mul(Tensor.of(new float[] {5, 6}, 2)).sum().backward();
        assertFalse(a.grad().sharesStorageWith(b.grad()));
        a.grad().mulInPlace(Tensor.scalar(0f));
        assertArrayEquals(new float[] {5, 6}, b.grad().toFloatArray());
    }

    @Test
    void userSuppliedRootGradientIsCopied() {
        Tensor a = Tensor.of(new float[] {1, 2}, 2).requiresGrad(true);
        Tensor gy = Tensor.of(new float[] {7, 8}, 2);
        a.mul(1.0).backward(gy, false);
        a.grad().addInPlace(Tensor.ones(2), 1);
        assertArrayEquals(new float[] {7, 8}, gy.toFloatArray());
        assertArrayEquals(new float[] {8, 9}, a.grad().toFloatArray());
    }

    @Test
    void gradientStillPendingForAnotherNodeIsNotCorrupted() {
        // x feeds a leaf path and a longer path through y; the leaf's share must not be modified in place
        // while y's rule still needs the same gradient.
        Tensor x = Tensor.of(new float[] {1, 2, 3}, 3).requiresGrad(true);
        Tensor w = Tensor.of(new float[] {2, 2, 2}, 3).requiresGrad(true);
        Tensor y = x.mul(3.0);
        Tensor z = y.add(w).add(w);
        z.sum().backward();
        assertArrayEquals(new float[] {2, 2, 2}, w.grad().toFloatArray());
        assertArrayEquals(new float[] {3, 3, 3}, x.grad().toFloatArray());
        z = x.mul(w).add(w);
        z.sum().backward();   // accumulates into the existing grads in place
        assertArrayEquals(new float[] {2 + 2, 2 + 3, 2 + 4}, w.grad().toFloatArray());
        assertArrayEquals(new float[] {5, 5, 5}, x.grad().toFloatArray());
    }
}
