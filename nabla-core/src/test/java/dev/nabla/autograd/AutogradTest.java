package dev.nabla.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.tensor.Tensor;
import org.junit.jupiter.api.Test;

class AutogradTest {
    @Test
    void reusedInputAccumulatesGradient() {
        Tensor x = Tensor.of(new float[] {1, 2, 3}, 3).requiresGrad(true);
        x.mul(x).add(x).sum().backward();   // d/dx (x^2 + x) = 2x + 1
        assertArrayEquals(new float[] {3, 5, 7}, x.grad().toFloatArray());
        x.mul(2.0).sum().backward();        // grads accumulate across backward calls
        assertArrayEquals(new float[] {5, 7, 9}, x.grad().toFloatArray());
    }

    @Test
    void gradientsFlowThroughViewsAndBroadcasting() {
        Tensor x = Tensor.arange(6).reshape(2, 3).requiresGrad(true);
        Tensor b = Tensor.of(new float[] {1, 2, 3}, 3).requiresGrad(true);
        // permute, slice with step and broadcast add
        Tensor y = x.t().slice(0, 0, 3, 2).add(b.narrow(0, 0, 2).unsqueeze(0).t().expand(2, 2));
        y.sum().backward();
        assertArrayEquals(new float[] {1, 0, 1, 1, 0, 1}, x.grad().toFloatArray());
        assertArrayEquals(new float[] {2, 2, 0}, b.grad().toFloatArray());
    }

    @Test
    void backwardTwiceWithoutRetainGraphFails() {
        Tensor x = Tensor.ones(2).requiresGrad(true);
        Tensor y = x.exp().sum();
        y.backward();
        var e = assertThrows(IllegalStateException.class, y::backward);
        assertTrue(e.getMessage().contains("second time"), e.getMessage());
    }

    @Test
    void retainGraphAllowsASecondBackward() {
        Tensor x = Tensor.ones(2).requiresGrad(true);
        Tensor y = x.mul(3.0).sum();
        y.backward(Tensor.scalar(1f), true);
        y.backward();
        assertArrayEquals(new float[] {6, 6}, x.grad().toFloatArray());
    }

    @Test
    void backwardOnATensorThatNeedsNoGradFails() {
        var e = assertThrows(IllegalStateException.class, () -> Tensor.ones(1).mul(2.0).backward());
        assertTrue(e.getMessage().contains("does not require grad"), e.getMessage());
        var e2 = assertThrows(IllegalArgumentException.class,
                () -> Tensor.ones(3).requiresGrad(true).mul(2.0).backward());
        assertTrue(e2.getMessage().contains("scalar outputs"), e2.getMessage());
    }

    @Test
    void inPlaceChangeOfASavedTensorIsCaught() {
        Tensor x = Tensor.ones(3).requiresGrad(true);
        Tensor h = x.mul(2.0);
        Tensor y = h.mul(h).sum();   // saves h
        h.addInPlace(1f);
        var e = assertThrows(IllegalStateException.class, y::backward);
        assertTrue(e.getMessage().contains("modified by an in-place operation"), e.getMessage());
    }

    @Test
    void inPlaceOnALeafThatRequiresGradIsRefused() {
        Tensor x = Tensor.ones(3).requiresGrad(true);
        assertThrows(IllegalStateException.class, () -> x.addInPlace(1f));
        try (var s = GradMode.noGrad()) {
            x.addInPlace(1f);
        }
        assertArrayEquals(new float[] {2, 2, 2}, x.toFloatArray());
    }

    @Test
    void noGradScopeRecordsNothingAndRestores() {
        Tensor x = Tensor.ones(2).requiresGrad(true);
        Tensor y;
        try (var s = GradMode.noGrad()) {
            y = x.mul(2.0);
            assertFalse(GradMode.isEnabled());
        }
        assertTrue(GradMode.isEnabled());
        assertFalse(y.requiresGrad());
        assertNull(y.gradFn());
    }

    @Test
    void detachCutsTheGraph() {
        Tensor x = Tensor.ones(2).requiresGrad(true);
        Tensor d = x.mul(2.0).detach();
        assertFalse(d.requiresGrad());
        Tensor z = x.mul(d).sum();
        z.backward();
        assertArrayEquals(new float[] {2, 2}, x.grad().toFloatArray());
    }

    @Test
    void deepGraphsDoNotOverflowTheStack() {
        Tensor x = Tensor.ones(1).requiresGrad(true);
        Tensor y = x;
        for (int i = 0; i < 20000; i++) {
            y = y.mul(1.0);
        }
        y.sum().backward();
        assertEquals(1f, x.grad().item());
    }

    @Test
    void gradCheckCatchesAWrongGradient() {
        Tensor a = Tensor.ones(3).requiresGrad(true);
        // A function whose recorded gradient is deliberately wrong (2x instead of 3x^2).
        assertThrows(AssertionError.class, () -> GradCheck.check(in -> {
            Tensor v = in[0].detach().pow(3.0);
            return Autograd.record(v, "bad_cube", new Tensor[] {in[0]}, g -> new Tensor[] {g.mul(in[0]).mul(2.0)});
        }, a));
    }
}
