package dev.nabla.tensor;

import dev.nabla.autograd.Autograd;
import dev.nabla.autograd.GradMode;
import dev.nabla.kernel.Erf;
import dev.nabla.kernel.UnaryOp;
import java.util.function.DoubleUnaryOperator;

/**
 * Elementwise math beyond Tensor's core set, as torch's functions of the same names: expm1, exp2,
 * log2, log10, trunc, frac, tan, sinh, cosh, asin, acos, atan, erf, and the binary atan2 and
 * logaddexp, remainder, fmod and hypot. Each has torch's gradient (zero for the piecewise-constant trunc).
 *
 * <pre>{@code
 * Tensor y = MathOps.atan2(a, b);   // broadcasts as torch.atan2
 * }</pre>
 */
public final class MathOps {
    private MathOps() {
    }

    public static Tensor expm1(Tensor x) {
        return Elementwise.unary(x, UnaryOp.EXPM1);
    }

    /** 2^x. */
    public static Tensor exp2(Tensor x) {
        return map(x, "exp2", v -> Math.pow(2.0, v), (v, y) -> y * Math.log(2.0));
    }

    public static Tensor log2(Tensor x) {
        return map(x, "log2", v -> Math.log(v) / Math.log(2.0), (v, y) -> 1.0 / (v * Math.log(2.0)));
    }

    public static Tensor log10(Tensor x) {
        return map(x, "log10", Math::log10, (v, y) -> 1.0 / (v * Math.log(10.0)));
    }

    /** Rounds towards zero; the gradient is zero. */
    public static Tensor trunc(Tensor x) {
        return map(x, "trunc", v -> v < 0 ? Math.ceil(v) : Math.floor(v), (v, y) -> 0.0);
    }

    /** x - trunc(x); the gradient is one. */
    public static Tensor frac(Tensor x) {
        return map(x, "frac", v -> v - (v < 0 ? Math.ceil(v) : Math.floor(v)), (v, y) -> 1.0);
    }

    public static Tensor tan(Tensor x) {
        return map(x, "tan", Math::tan, (v, y) -> 1.0 + y * y);
    }

    public static Tensor sinh(Tensor x) {
        return map(x, "sinh", Math::sinh, (v, y) -> Math.cosh(v));
    }

    public static Tensor cosh(Tensor x) {
        return map(x, "cosh", Math::cosh, (v, y) -> Math.sinh(v));
    }

    /** arcsin; NaN outside [-1, 1], as torch. */
    public static Tensor asin(Tensor x) {
        return map(x, "asin", Math::asin, (v, y) -> 1.0 / Math.sqrt(1.0 - v * v));
    }

    public static Tensor acos(Tensor x) {
        return map(x, "acos", Math::acos, (v, y) -> -1.0 / Math.sqrt(1.0 - v * v));
    }

    public static Tensor atan(Tensor x) {
        return map(x, "atan", Math::atan, (v, y) -> 1.0 / (1.0 + v * v));
    }

    public static Tensor erf(Tensor x) {
        return map(x, "erf", Erf::erf, (v, y) -> 2.0 / Math.sqrt(Math.PI) * Math.exp(-v * v));
    }

    /** atan2(input, other) with broadcasting; d/da = b / (a^2 + b^2), d/db = -a / (a^2 + b^2). */
    public static Tensor atan2(Tensor a, Tensor b) {
        Tensor out;
        int[] shape = Shapes.broadcast("atan2", a.shape(), b.shape());
        float[] av = a.expand(shape).toFloatArray();
        float[] bv = b.expand(shape).toFloatArray();
        float[] o = new float[av.length];
        for (int i = 0; i < o.length; i++) {
            o[i] = (float) Math.atan2(av[i], bv[i]);
        }
        out = Tensor.wrap(o, shape);
        return Autograd.record(out, "atan2", new Tensor[] {a, b}, new Tensor[] {a, b}, g -> {
            Tensor r2 = a.square().add(b.square());
            return new Tensor[] {
                a.requiresGrad() ? Reductions.sumToShape(g.mul(b).div(r2), a.shape()) : null,
                b.requiresGrad() ? Reductions.sumToShape(g.mul(a).neg().div(r2), b.shape()) : null};
        });
    }

    /** a - floor(a / b) * b: the result takes the sign of b (Python's %); d/da = 1, d/db = -floor(a / b). */
    public static Tensor remainder(Tensor a, Tensor b) {
        return a.sub(a.div(b, "floor").mul(b));
    }

    /** a - trunc(a / b) * b: the result takes the sign of a (C's fmod); d/da = 1, d/db = -trunc(a / b). */
    public static Tensor fmod(Tensor a, Tensor b) {
        return a.sub(a.div(b, "trunc").mul(b));
    }

    /** sqrt(a^2 + b^2) with broadcasting. */
    public static Tensor hypot(Tensor a, Tensor b) {
        return a.square().add(b.square()).sqrt();
    }

    /** log(exp(a) + exp(b)), computed as max + log1p(exp(-|a - b|)). */
    public static Tensor logaddexp(Tensor a, Tensor b) {
        Tensor m;
        try (var s = GradMode.noGrad()) {
            m = a.maximum(b);
        }
        // softmax weights of the two terms carry the gradient; recorded ops give them directly.
        return a.sub(m).exp().add(b.sub(m).exp()).log().add(m);
    }

    /** The derivative as a function of the input v and output y. */
    private interface Derivative {
        double at(double v, double y);
    }

    private static Tensor map(Tensor x, String op, DoubleUnaryOperator f, Derivative df) {
        if (x.dtype() != DType.FLOAT32) {
            throw new IllegalArgumentException(op + ": expected a float32 input, got " + x.dtype().torchName() + " "
                    + java.util.Arrays.toString(x.shape()));
        }
        float[] in = x.toFloatArray();
        float[] out = new float[in.length];
        for (int i = 0; i < in.length; i++) {
            out[i] = (float) f.applyAsDouble(in[i]);
        }
        Tensor y = Tensor.wrap(out, x.shape());
        return Autograd.record(y, op, new Tensor[] {x}, new Tensor[] {x}, g -> {
            float[] gv = g.toFloatArray();
            float[] d = new float[in.length];
            for (int i = 0; i < in.length; i++) {
                d[i] = (float) (gv[i] * df.at(in[i], out[i]));
            }
            return new Tensor[] {Tensor.wrap(d, x.shape())};
        });
    }
}
