package dev.nabla.nn.functional;

import dev.nabla.autograd.Autograd;
import dev.nabla.autograd.GradMode;
import dev.nabla.kernel.UnaryOp;
import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;

/** Activation functions and dropout, with PyTorch's argument names and defaults. */
public final class Activations {
    private Activations() {
    }

    public static Tensor leakyRelu(Tensor x, double negativeSlope) {
        return Unary.apply(x, UnaryOp.LEAKY_RELU, (float) negativeSlope, 0f);
    }

    public static Tensor elu(Tensor x, double alpha) {
        return Unary.apply(x, UnaryOp.ELU, (float) alpha, 0f);
    }

    /** GELU; approximate is "none" (exact, with erf) or "tanh". */
    public static Tensor gelu(Tensor x, String approximate) {
        return switch (approximate) {
            case "none" -> Unary.apply(x, UnaryOp.GELU, 0f, 0f);
            case "tanh" -> Unary.apply(x, UnaryOp.GELU_TANH, 0f, 0f);
            default -> throw new IllegalArgumentException("gelu: approximate must be 'none' or 'tanh', got '"
                    + approximate + "'");
        };
    }

    public static Tensor silu(Tensor x) {
        return Unary.apply(x, UnaryOp.SILU, 0f, 0f);
    }

    /** log(1 + exp(beta x)) / beta, linear above the threshold (defaults 1 and 20). */
    public static Tensor softplus(Tensor x, double beta, double threshold) {
        return Unary.apply(x, UnaryOp.SOFTPLUS, (float) beta, (float) threshold);
    }

    public static Tensor logSigmoid(Tensor x) {
        return Unary.apply(x, UnaryOp.LOG_SIGMOID, 0f, 0f);
    }

    /** Clamps to [minVal, maxVal] (torch defaults -1 and 1); the gradient passes inside the range. */
    public static Tensor hardtanh(Tensor x, double minVal, double maxVal) {
        if (minVal > maxVal) {
            throw new IllegalArgumentException("hardtanh: min_val (" + minVal + ") cannot be greater than max_val ("
                    + maxVal + ")");
        }
        return clampOpen(x, minVal, maxVal, "hardtanh");
    }

    /** min(max(0, x), 6); as hardtanh, the gradient is zero at 0 and 6. */
    public static Tensor relu6(Tensor x) {
        return clampOpen(x, 0, 6, "relu6");
    }

    /**
     * x clamped to [lo, hi] with the gradient passed only strictly inside (lo, hi), as torch's
     * hardtanh_backward (clamp's own gradient includes the bounds).
     */
    private static Tensor clampOpen(Tensor x, double lo, double hi, String op) {
        Tensor out;
        try (var s = GradMode.noGrad()) {
            out = x.clamp(lo, hi);
        }
        return Autograd.record(out, op, new Tensor[] {x}, new Tensor[] {x}, g -> {
            Tensor inside = x.gt(lo).logicalAnd(x.lt(hi));
            return new Tensor[] {Tensor.where(inside, g, Tensor.zeros(g.shape()))};
        });
    }

    /** scale * elu(x, alpha) with the self-normalising constants of Klambauer et al. (as torch). */
    public static Tensor selu(Tensor x) {
        return elu(x, SELU_ALPHA).mul(SELU_SCALE);
    }

    /** max(0, x) + min(0, alpha (exp(x / alpha) - 1)), i.e. alpha * elu(x / alpha). */
    public static Tensor celu(Tensor x, double alpha) {
        if (alpha == 0) {
            throw new IllegalArgumentException("celu: alpha must not be 0 (it divides x)");
        }
        return elu(x.mul(1.0 / alpha), 1.0).mul(alpha);
    }

    /** x * tanh(softplus(x)). */
    public static Tensor mish(Tensor x) {
        return x.mul(softplus(x, 1.0, 20.0).tanh());
    }

    /** x * relu6(x + 3) / 6; gradient 0 below -3, x / 3 + 1/2 on [-3, 3), 1 from 3 on (torch's choice at the kinks). */
    public static Tensor hardswish(Tensor x) {
        Tensor out;
        try (var s = GradMode.noGrad()) {
            out = x.mul(x.add(3.0).clamp(0, 6)).mul(1.0 / 6.0);
        }
        return Autograd.record(out, "hardswish", new Tensor[] {x}, new Tensor[] {x}, g -> {
            Tensor mid = g.mul(x.mul(1.0 / 3.0).add(0.5));
            Tensor zero = Tensor.zeros(g.shape());
            return new Tensor[] {Tensor.where(x.lt(-3.0), zero, Tensor.where(x.lt(3.0), mid, g))};
        });
    }

    /** relu6(x + 3) / 6; the gradient 1/6 strictly inside (-3, 3). */
    public static Tensor hardsigmoid(Tensor x) {
        return clampOpen(x.add(3.0), 0, 6, "hardsigmoid").mul(1.0 / 6.0);
    }

    /** x / (1 + |x|). */
    public static Tensor softsign(Tensor x) {
        return x.div(x.abs().add(1.0));
    }

    /** x - tanh(x). */
    public static Tensor tanhshrink(Tensor x) {
        return x.sub(x.tanh());
    }

    /** x where x > threshold, else value. */
    public static Tensor threshold(Tensor x, double threshold, double value) {
        return Tensor.where(x.gt(threshold), x, Tensor.full((float) value, x.shape()));
    }

    /** x - lambd above lambd, x + lambd below -lambd, 0 between (lambd >= 0). */
    public static Tensor softshrink(Tensor x, double lambd) {
        if (lambd < 0) {
            throw new IllegalArgumentException("softshrink: lambda must be greater or equal to 0, but found to be "
                    + lambd);
        }
        return x.sub(x.clamp(-lambd, lambd));
    }

    /** x where |x| > lambd, else 0. */
    public static Tensor hardshrink(Tensor x, double lambd) {
        return Tensor.where(x.abs().gt(lambd), x, Tensor.zeros(x.shape()));
    }

    /**
     * Randomized leaky ReLU: in training each negative element gets a slope drawn uniformly from [lower, upper)
     * with g; in evaluation the slope is (lower + upper) / 2.
     */
    public static Tensor rrelu(Tensor x, double lower, double upper, boolean training, Generator g) {
        if (lower > upper) {
            throw new IllegalArgumentException("rrelu: lower bound (" + lower + ") must not exceed the upper bound ("
                    + upper + ")");
        }
        if (!training) {
            return leakyRelu(x, (lower + upper) / 2);
        }
        Generator gen = g == null ? Generator.defaultGenerator() : g;
        float[] slope = new float[x.numel()];
        for (int i = 0; i < slope.length; i++) {
            slope[i] = (float) (lower + (upper - lower) * gen.nextDouble());
        }
        return Tensor.where(x.ge(0.0), x, x.mul(Tensor.wrap(slope, x.shape())));
    }

    /** softmax(-x) along dim. */
    public static Tensor softmin(Tensor x, int dim) {
        return x.neg().softmax(dim);
    }

    /** Gated linear unit: the first half of dim times the sigmoid of the second half. */
    public static Tensor glu(Tensor x, int dim) {
        int d = dim < 0 ? dim + x.dim() : dim;
        if (d < 0 || d >= x.dim()) {
            throw new IllegalArgumentException("glu: dim " + dim + " is out of range for input "
                    + java.util.Arrays.toString(x.shape()));
        }
        if (x.size(d) % 2 != 0) {
            throw new IllegalArgumentException("glu: halving dimension must be even, but dimension " + dim + " is size "
                    + x.size(d) + " (input " + java.util.Arrays.toString(x.shape()) + ")");
        }
        Tensor[] halves = x.chunk(2, d);
        return halves[0].mul(halves[1].sigmoid());
    }

    /** x where x > 0, else weight * x; weight has 1 element or one per channel (dim 1, or dim 0 of a 1-D input). */
    public static Tensor prelu(Tensor x, Tensor weight) {
        int n = weight.numel();
        Tensor w = weight.reshape(-1);
        if (n != 1) {
            int channelDim = x.dim() >= 2 ? 1 : 0;
            if (x.dim() == 0 || x.size(channelDim) != n) {
                throw new IllegalArgumentException("prelu: weight has " + n + " elements but the input has "
                        + (x.dim() == 0 ? 0 : x.size(channelDim)) + " channels (input "
                        + java.util.Arrays.toString(x.shape()) + ", weight "
                        + java.util.Arrays.toString(weight.shape()) + ")");
            }
            int[] shape = new int[x.dim()];
            java.util.Arrays.fill(shape, 1);
            shape[channelDim] = n;
            w = w.reshape(shape);
        } else {
            w = w.reshape();
        }
        return Tensor.where(x.gt(0.0), x, x.mul(w));
    }

    private static final double SELU_ALPHA = 1.6732632423543772848170429916717;
    private static final double SELU_SCALE = 1.0507009873554804934193349852946;

    /**
     * Zeroes each element with probability p and scales the rest by 1/(1-p) in training; the
     * identity in evaluation.
     */
    public static Tensor dropout(Tensor x, double p, boolean training, Generator g) {
        checkP("dropout", p);
        if (!training || p == 0) {
            return x;
        }
        if (p == 1) {
            return x.mul(0.0);
        }
        // As torch's CPU dropout: noise.bernoulli_(1 - p) (a double uniform per element, kept when < 1 - p),
        // then noise / (1 - p) in float.
        float[] mask = new float[x.numel()];
        double keep = 1.0 - p;
        float scale = 1f / (float) keep;
        for (int i = 0; i < mask.length; i++) {
            mask[i] = g.nextDouble() < keep ? scale : 0f;
        }
        return x.mul(Tensor.wrap(mask, x.shape()));
    }

    /** Zeroes whole channels of an (N, C, ...) input with probability p, as {@code F.dropout2d}. */
    public static Tensor dropout2d(Tensor x, double p, boolean training, Generator g) {
        checkP("dropout2d", p);
        if (!training || p == 0) {
            return x;
        }
        if (x.dim() < 2) {
            throw new IllegalArgumentException("dropout2d: expected an input with at least 2 dims (N, C, ...), got "
                    + java.util.Arrays.toString(x.shape()));
        }
        if (p == 1) {
            return x.mul(0.0); // as torch: no draws
        }
        int n = x.size(0);
        int c = x.size(1);
        // One bernoulli_(1 - p) draw per (n, c), in that order, as torch's feature noise of shape (N, C, 1, ...).
        float[] mask = new float[n * c];
        double keep = 1.0 - p;
        float scale = 1f / (float) keep;
        for (int i = 0; i < mask.length; i++) {
            mask[i] = g.nextDouble() < keep ? scale : 0f;
        }
        int[] shape = new int[x.dim()];
        java.util.Arrays.fill(shape, 1);
        shape[0] = n;
        shape[1] = c;
        return x.mul(Tensor.wrap(mask, shape));
    }

    private static void checkP(String op, double p) {
        if (p < 0 || p > 1) {
            throw new IllegalArgumentException(op + ": dropout probability has to be between 0 and 1, but got " + p);
        }
    }
}
