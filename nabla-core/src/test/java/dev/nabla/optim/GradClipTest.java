package dev.nabla.optim;

import static dev.nabla.optim.OptimTesting.assertValues;
import static dev.nabla.optim.OptimTesting.grad;
import static dev.nabla.optim.OptimTesting.param;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class GradClipTest {
    @Test
    void clipsTheJointTwoNorm() {
        Tensor a = param(0f, 0f);
        Tensor b = param(0f);
        grad(a, 3f, 0f);
        grad(b, 4f); // joint norm 5
        Tensor total = GradClip.clipGradNorm(List.of(a, b), 1.0);
        assertEquals(0, total.dim());
        assertEquals(5f, total.item(), 1e-6f);
        double coef = 1.0 / (5 + 1e-6);
        assertValues(new double[] {3 * coef, 0}, a.grad(), 1e-7);
        assertValues(new double[] {4 * coef}, b.grad(), 1e-7);
    }

    @Test
    void leavesSmallGradientsAlone() {
        Tensor a = param(0f, 0f);
        grad(a, 0.3f, -0.4f);
        assertEquals(0.5f, GradClip.clipGradNorm(List.of(a), 1.0).item(), 1e-7f);
        assertValues(new double[] {0.3f, -0.4f}, a.grad(), 0);
    }

    @Test
    void infinityAndOneNorms() {
        Tensor a = param(0f, 0f);
        Tensor b = param(0f);
        grad(a, 1f, -6f);
        grad(b, 2f);
        assertEquals(6f, GradClip.clipGradNorm(List.of(a, b), 3.0, Double.POSITIVE_INFINITY).item());
        assertValues(new double[] {0.5, -3}, a.grad(), 1e-6);
        grad(a, 1f, -6f);
        grad(b, 2f);
        assertEquals(9f, GradClip.clipGradNorm(List.of(a, b), 100.0, 1.0).item());
        assertValues(new double[] {1, -6}, a.grad(), 0);
    }

    @Test
    void skipsMissingGradsAndReportsNonFinite() {
        Tensor a = param(1f);
        Tensor b = param(1f);
        grad(b, Float.NaN);
        assertEquals(0f, GradClip.clipGradNorm(List.of(a), 1.0).item());
        assertNull(a.grad());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GradClip.clipGradNorm(List.of(a, b), 1.0, 2.0, true));
        assertTrue(e.getMessage().contains("non-finite"), e.getMessage());
        assertTrue(Float.isNaN(GradClip.clipGradNorm(List.of(a, b), 1.0, 2.0, false).item()));
    }

    @Test
    void clipGradValueClamps() {
        Tensor a = param(0f, 0f, 0f);
        grad(a, -3f, 0.2f, 5f);
        GradClip.clipGradValue(List.of(a), 1.0);
        assertValues(new double[] {-1, 0.2, 1}, a.grad(), 1e-7);
        grad(a, Float.NaN, -0.5f, 0.5f);
        GradClip.clipGradValue(List.of(a), 0.25);
        float[] g = a.grad().toFloatArray();
        assertTrue(Float.isNaN(g[0]));
        assertEquals(-0.25f, g[1]);
        assertEquals(0.25f, g[2]);
    }

    @Test
    void clipsNonContiguousGradients() {
        Tensor a = Tensor.zeros(2, 2).requiresGrad(true);
        a.setGrad(Tensor.of(new float[] {3, 0, 4, 0}, 2, 2).t()); // a transposed view
        assertEquals(5f, GradClip.clipGradNorm(List.of(a), 0.5).item(), 1e-6f);
        assertValues(new double[] {0.3, 0.4, 0, 0}, a.grad(), 1e-6);
    }

    @Test
    void penaltiesAreDifferentiable() {
        Tensor w = param(-2f, 3f);
        Tensor v = param(0.5f);
        Tensor l1 = Penalties.l1Penalty(List.of(w, v));
        assertEquals(5.5f, l1.item(), 1e-6f);
        l1.backward();
        assertValues(new double[] {-1, 1}, w.grad(), 0);
        assertValues(new double[] {1}, v.grad(), 0);
        w.setGrad(null);
        v.setGrad(null);
        Tensor l2 = Penalties.l2Penalty(List.of(w, v));
        assertEquals(13.25f, l2.item(), 1e-5f);
        l2.backward();
        assertValues(new double[] {-4, 6}, w.grad(), 1e-6);
        assertValues(new double[] {1}, v.grad(), 1e-6);
    }
}
