package dev.nabla.tensor;

import dev.nabla.autograd.Autograd;
import dev.nabla.autograd.GradMode;
import dev.nabla.kernel.BinaryOp;
import dev.nabla.kernel.UnaryOp;
import java.util.Arrays;

/**
 * {@link Tensor}'s elementwise methods: unary ops, binary ops with broadcasting, and comparisons. A
 * part of Tensor's public surface kept in its own file (Tensor extends it and nothing else may); every
 * method works on {@link #self()}, the tensor itself.
 */
abstract sealed class TensorElementwise permits Tensor {
    TensorElementwise() {
    }

    /** This object as the Tensor it always is. */
    private Tensor self() {
        return (Tensor) this;
    }

    // ------------------------------------------------------------------ unary ops

    public Tensor neg() {
        return Elementwise.unary(self(), UnaryOp.NEG);
    }

    public Tensor exp() {
        return Elementwise.unary(self(), UnaryOp.EXP);
    }

    public Tensor log() {
        return Elementwise.unary(self(), UnaryOp.LOG);
    }

    public Tensor sqrt() {
        return Elementwise.unary(self(), UnaryOp.SQRT);
    }

    public Tensor abs() {
        return Elementwise.unary(self(), UnaryOp.ABS);
    }

    public Tensor relu() {
        return Elementwise.unary(self(), UnaryOp.RELU);
    }

    public Tensor sigmoid() {
        return Elementwise.unary(self(), UnaryOp.SIGMOID);
    }

    public Tensor tanh() {
        return Elementwise.unary(self(), UnaryOp.TANH);
    }

    public Tensor sin() {
        return Elementwise.unary(self(), UnaryOp.SIN);
    }

    public Tensor cos() {
        return Elementwise.unary(self(), UnaryOp.COS);
    }

    public Tensor reciprocal() {
        return Elementwise.unary(self(), UnaryOp.RECIPROCAL);
    }

    public Tensor square() {
        return Elementwise.unary(self(), UnaryOp.SQUARE);
    }

    public Tensor rsqrt() {
        return Elementwise.unary(self(), UnaryOp.RSQRT);
    }

    public Tensor log1p() {
        return Elementwise.unary(self(), UnaryOp.LOG1P);
    }

    public Tensor sign() {
        return Elementwise.unary(self(), UnaryOp.SIGN);
    }

    public Tensor floor() {
        return Elementwise.unary(self(), UnaryOp.FLOOR);
    }

    public Tensor ceil() {
        return Elementwise.unary(self(), UnaryOp.CEIL);
    }

    public Tensor round() {
        return Elementwise.unary(self(), UnaryOp.ROUND);
    }

    /** x ** exponent. */
    public Tensor pow(double exponent) {
        return Elementwise.unary(self(), UnaryOp.POW_SCALAR, (float) exponent, 0f);
    }

    /** Clamps to [min, max]; pass infinities for a missing bound. min > max gives max everywhere, as torch. */
    public Tensor clamp(double min, double max) {
        // torch: when min > max every element becomes max (and the gradient is zero).
        return Elementwise.unary(self(), UnaryOp.CLAMP, (float) min, (float) max);
    }

    /**
     * Clamps to tensor bounds (either may be null), broadcasting all three: max(x, min) then min(., max), so
     * where min > max the result is max. Gradients as torch: x where min <= x <= max; min where x < min < max;
     * max where x > max or max < min.
     */
    public Tensor clamp(Tensor min, Tensor max) {
        if (min == null && max == null) {
            throw new IllegalArgumentException("clamp: at least one of 'min' or 'max' must not be None (input "
                    + Arrays.toString(self().shape) + ")");
        }
        Tensor x = self();
        Tensor out;
        try (var s = GradMode.noGrad()) {
            out = x;
            if (min != null) {
                out = out.maximum(min);
            }
            if (max != null) {
                out = out.minimum(max);
            }
            if (out == x) {
                out = x.clone();
            }
        }
        java.util.List<Tensor> ins = new java.util.ArrayList<>(java.util.List.of(x));
        if (min != null) {
            ins.add(min);
        }
        if (max != null) {
            ins.add(max);
        }
        return Autograd.record(out, "clamp", ins.toArray(new Tensor[0]), g -> {
            Tensor zero = Tensor.zeros(g.shape());
            Tensor below = min == null ? null : x.lt(min);
            Tensor above = max == null ? null : x.gt(max);
            Tensor outside = below == null ? above : above == null ? below : below.logicalOr(above);
            Tensor[] grads = new Tensor[ins.size()];
            grads[0] = Reductions.sumToShape(Tensor.where(outside, zero, g), x.shape);
            int i = 1;
            if (min != null) {
                Tensor takesMin = max == null ? below : below.logicalAnd(min.lt(max));
                grads[i++] = Reductions.sumToShape(Tensor.where(takesMin, g, zero), min.shape);
            }
            if (max != null) {
                Tensor takesMax = min == null ? above : above.logicalOr(max.lt(min));
                grads[i] = Reductions.sumToShape(Tensor.where(takesMax, g, zero), max.shape);
            }
            return grads;
        });
    }

    public Tensor clampMin(double min) {
        return clamp(min, Double.POSITIVE_INFINITY);
    }

    public Tensor clampMax(double max) {
        return clamp(Double.NEGATIVE_INFINITY, max);
    }


    // ------------------------------------------------------------------ binary ops

    public Tensor add(Tensor other) {
        return Elementwise.binary(self(), other, BinaryOp.ADD, "add");
    }

    /** this + alpha * other, as {@code torch.add(input, other, alpha=...)}. */
    public Tensor add(Tensor other, float alpha) {
        return alpha == 1f ? add(other) : add(other.mul(alpha));
    }

    public Tensor sub(Tensor other) {
        return Elementwise.binary(self(), other, BinaryOp.SUB, "sub");
    }

    public Tensor mul(Tensor other) {
        return Elementwise.binary(self(), other, BinaryOp.MUL, "mul");
    }

    public Tensor div(Tensor other) {
        return Elementwise.binary(self(), other, BinaryOp.DIV, "div");
    }

    /**
     * Division with torch's rounding_mode: null (true division), "trunc" (towards zero) or "floor" (towards
     * minus infinity). The rounded quotient is piecewise constant, so its gradient is zero (as torch's).
     */
    public Tensor div(Tensor other, String roundingMode) {
        if (roundingMode == null) {
            return div(other);
        }
        if (!roundingMode.equals("trunc") && !roundingMode.equals("floor")) {
            throw new IllegalArgumentException("div: rounding_mode must be null, 'trunc' or 'floor', but got '"
                    + roundingMode + "'");
        }
        Tensor out;
        try (var s = GradMode.noGrad()) {
            Tensor q = div(other);
            out = roundingMode.equals("floor") ? q.floor() : q.sign().mul(q.abs().floor());
        }
        int[] aShape = self().shape.clone();
        int[] bShape = other.shape();
        return Autograd.record(out, "div", new Tensor[] {self(), other},
                g -> new Tensor[] {Tensor.zeros(aShape), Tensor.zeros(bShape)});
    }

    public Tensor maximum(Tensor other) {
        return Elementwise.binary(self(), other, BinaryOp.MAX, "maximum");
    }

    public Tensor minimum(Tensor other) {
        return Elementwise.binary(self(), other, BinaryOp.MIN, "minimum");
    }

    public Tensor pow(Tensor exponent) {
        return Elementwise.binary(self(), exponent, BinaryOp.POW, "pow");
    }

    public Tensor add(double s) {
        return Elementwise.unary(self(), UnaryOp.ADD_SCALAR, (float) s, 0f);
    }

    public Tensor sub(double s) {
        return Elementwise.unary(self(), UnaryOp.ADD_SCALAR, (float) -s, 0f);
    }

    public Tensor mul(double s) {
        return Elementwise.unary(self(), UnaryOp.MUL_SCALAR, (float) s, 0f);
    }

    public Tensor div(double s) {
        return Elementwise.unary(self(), UnaryOp.MUL_SCALAR, (float) (1.0 / s), 0f);
    }

    /** s - this. */
    public Tensor rsub(double s) {
        return Elementwise.unary(self(), UnaryOp.RSUB_SCALAR, (float) s, 0f);
    }

    /** s / this. */
    public Tensor rdiv(double s) {
        return Elementwise.unary(self(), UnaryOp.RDIV_SCALAR, (float) s, 0f);
    }

    // ------------------------------------------------------------------ comparisons (bool results)

    public Tensor eq(Tensor o) {
        return Elementwise.compare(self(), o, Elementwise.Cmp.EQ);
    }

    public Tensor ne(Tensor o) {
        return Elementwise.compare(self(), o, Elementwise.Cmp.NE);
    }

    public Tensor lt(Tensor o) {
        return Elementwise.compare(self(), o, Elementwise.Cmp.LT);
    }

    public Tensor le(Tensor o) {
        return Elementwise.compare(self(), o, Elementwise.Cmp.LE);
    }

    public Tensor gt(Tensor o) {
        return Elementwise.compare(self(), o, Elementwise.Cmp.GT);
    }

    public Tensor ge(Tensor o) {
        return Elementwise.compare(self(), o, Elementwise.Cmp.GE);
    }

    public Tensor eq(double v) {
        return eq(Tensor.scalar((float) v).to(self().dtype()));
    }

    public Tensor gt(double v) {
        return gt(Tensor.scalar((float) v));
    }

    public Tensor lt(double v) {
        return lt(Tensor.scalar((float) v));
    }

    public Tensor ge(double v) {
        return ge(Tensor.scalar((float) v));
    }

    public Tensor le(double v) {
        return le(Tensor.scalar((float) v));
    }

    /** Elementwise logical not of a bool tensor. */
    public Tensor logicalNot() {
        return Elementwise.logical(self(), null, Elementwise.Logic.NOT);
    }

    public Tensor logicalAnd(Tensor o) {
        return Elementwise.logical(self(), o, Elementwise.Logic.AND);
    }

    public Tensor logicalOr(Tensor o) {
        return Elementwise.logical(self(), o, Elementwise.Logic.OR);
    }
}
