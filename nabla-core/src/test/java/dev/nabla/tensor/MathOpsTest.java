package dev.nabla.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.autograd.GradCheck;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** MathOps against PyTorch 1.13 values at x = -1.5, -0.4, 0.3, 0.9, and their gradients by finite differences. */
class MathOpsTest {
    private static final float[] X = {-1.5f, -0.4f, 0.3f, 0.9f};

    private static void check(float[] expected, Tensor actual) {
        assertArrayEquals(expected, actual.toFloatArray(), 2e-6f * 8);
    }

    @Test
    void valuesMatchPyTorch() {
        Tensor x = Tensor.of(X, 4);
        check(new float[] {-0.7768698f, -0.32968f, 0.3498588f, 1.459603f}, MathOps.expm1(x));
        check(new float[] {0.3535534f, 0.7578583f, 1.231144f, 1.866066f}, MathOps.exp2(x));
        check(new float[] {-1f, -0f, 0f, 0f}, MathOps.trunc(x));
        check(new float[] {-0.5f, -0.4f, 0.3f, 0.9f}, MathOps.frac(x));
        check(new float[] {-14.10142f, -0.4227932f, 0.3093362f, 1.260158f}, MathOps.tan(x));
        check(new float[] {-2.129279f, -0.4107523f, 0.3045203f, 1.026517f}, MathOps.sinh(x));
        check(new float[] {2.35241f, 1.081072f, 1.045339f, 1.433086f}, MathOps.cosh(x));
        check(new float[] {-0.9827937f, -0.3805064f, 0.2914568f, 0.7328151f}, MathOps.atan(x));
        check(new float[] {-0.9661051f, -0.4283924f, 0.3286268f, 0.7969082f}, MathOps.erf(x));
        check(new float[] {-0.8480621f, -0.2013579f, 0.1505683f, 0.4667653f}, MathOps.asin(x.mul(0.5)));
        check(new float[] {2.418858f, 1.772154f, 1.420228f, 1.104031f}, MathOps.acos(x.mul(0.5)));
        check(new float[] {0.5849625f, -1.321928f, -1.736966f, -0.1520031f}, MathOps.log2(x.abs()));
        check(new float[] {0.1760913f, -0.39794f, -0.5228787f, -0.04575749f}, MathOps.log10(x.abs()));
        Tensor a = Tensor.of(new float[] {1f, -2f, 0.5f, 3f}, 2, 2);
        Tensor b = Tensor.of(new float[] {-1f, 2f}, 2);
        check(new float[] {2.3561945f, -0.7853982f, 2.677945f, 0.9827937f}, MathOps.atan2(a, b));
        check(new float[] {1.126928f, 2.0181499f, 0.7014133f, 3.3132617f}, MathOps.logaddexp(a, b));
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        float[] pts = {-0.7f, -0.2f, 0.35f, 0.8f};
        List<UnaryOperator<Tensor>> fns = List.of(MathOps::expm1, MathOps::exp2, MathOps::frac, MathOps::tan,
                MathOps::sinh, MathOps::cosh, MathOps::asin, MathOps::acos, MathOps::atan, MathOps::erf,
                t -> MathOps.log2(t.abs()), t -> MathOps.log10(t.abs()));
        for (UnaryOperator<Tensor> f : fns) {
            GradCheck.check(in -> f.apply(in[0]), Tensor.of(pts.clone(), 2, 2).requiresGrad(true));
        }
        Tensor a = Tensor.of(new float[] {1f, -2f, 0.5f, 3f, -0.3f, 0.7f}, 3, 2).requiresGrad(true);
        Tensor b = Tensor.of(new float[] {-1f, 2f}, 2).requiresGrad(true);
        GradCheck.check(in -> MathOps.atan2(in[0], in[1]), a, b);
        GradCheck.check(in -> MathOps.logaddexp(in[0], in[1]), a, b);
        Tensor t = Tensor.of(pts.clone(), 4).requiresGrad(true);
        MathOps.trunc(t).sum().backward();
        assertArrayEquals(new float[4], t.grad().toFloatArray());
    }

    @Test
    void remainderFmodAndHypot() {
        Tensor a = Tensor.of(new float[] {5.5f, -5.5f, 3f, -1.25f}, 4).requiresGrad(true);
        Tensor b = Tensor.of(new float[] {2f, 2f, -2f, -0.5f}, 4).requiresGrad(true);
        Tensor r = MathOps.remainder(a, b);
        assertArrayEquals(new float[] {1.5f, 0.5f, -1f, -0.25f}, r.toFloatArray());   // sign of b
        assertArrayEquals(new float[] {1.5f, -1.5f, 1f, -0.25f}, MathOps.fmod(a, b).toFloatArray());   // sign of a
        r.sum().backward();
        assertArrayEquals(new float[] {1f, 1f, 1f, 1f}, a.grad().toFloatArray());
        assertArrayEquals(new float[] {-2f, 3f, 2f, -2f}, b.grad().toFloatArray());
        assertArrayEquals(new float[] {5f, 13f}, MathOps.hypot(Tensor.of(new float[] {3f, 5f}, 2),
                Tensor.of(new float[] {4f, 12f}, 2)).toFloatArray(), 1e-6f);
    }

    @Test
    void rejectsNonFloatInputAndUnbroadcastableShapes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MathOps.erf(Tensor.ofLongs(new long[] {1, 2}, 2)));
        assertTrue(e.getMessage().contains("erf") && e.getMessage().contains("[2]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> MathOps.atan2(Tensor.zeros(2, 3), Tensor.zeros(4)));
        assertTrue(e.getMessage().contains("atan2"), e.getMessage());
    }
}
