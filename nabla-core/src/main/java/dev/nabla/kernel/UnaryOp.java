package dev.nabla.kernel;

/**
 * Elementwise float functions y = f(x; a, b) that kernels implement. {@code a} and {@code b} are the
 * op's scalar parameters (slope, bounds, exponent) and are ignored where not listed.
 */
public enum UnaryOp {
    NEG, EXP, LOG, SQRT, ABS, RELU, SIGMOID, TANH,
    /** softplus with beta = a and threshold = b, as torch. */
    SOFTPLUS,
    SILU, SIN, COS, RECIPROCAL, SQUARE, RSQRT,
    /** negative slope a. */
    LEAKY_RELU,
    /** alpha a. */
    ELU,
    GELU, GELU_TANH,
    /** clamp to [a, b]; use infinities for a missing bound. */
    CLAMP,
    /** x ** a. */
    POW_SCALAR,
    /** x + a. */
    ADD_SCALAR,
    /** x * a. */
    MUL_SCALAR,
    /** a - x. */
    RSUB_SCALAR,
    /** a / x. */
    RDIV_SCALAR,
    /** a ** x. */
    RPOW_SCALAR,
    SIGN, FLOOR, CEIL, ROUND, LOG1P, EXPM1, LOG_SIGMOID;

    private final String opName = name().toLowerCase(java.util.Locale.ROOT);

    /** The lower-case name used in the graph and in messages, e.g. {@code leaky_relu}. */
    public String opName() {
        return opName;
    }

    /** The reference value of this function; the scalar kernel uses it and fast kernels are tested against it. */
    public float apply(float x, float a, float b) {
        return switch (this) {
            case NEG -> -x;
            case EXP -> (float) Math.exp(x);
            case LOG -> (float) Math.log(x);
            case SQRT -> (float) Math.sqrt(x);
            case ABS -> Math.abs(x);
            case RELU -> x > 0 ? x : (x == x ? 0f : x);
            case SIGMOID -> (float) (1.0 / (1.0 + Math.exp(-x)));
            case TANH -> (float) Math.tanh(x);
            case SOFTPLUS -> x * a > b ? x : (float) (Math.log1p(Math.exp(x * a)) / a);
            case SILU -> (float) (x / (1.0 + Math.exp(-x)));
            case SIN -> (float) Math.sin(x);
            case COS -> (float) Math.cos(x);
            case RECIPROCAL -> 1f / x;
            case SQUARE -> x * x;
            case RSQRT -> (float) (1.0 / Math.sqrt(x));
            case LEAKY_RELU -> x > 0 ? x : x * a;
            case ELU -> x > 0 ? x : (float) (a * Math.expm1(x));
            case GELU -> (float) (0.5 * x * (1.0 + Erf.erf(x / Math.sqrt(2.0))));
            case GELU_TANH -> {
                double inner = Math.sqrt(2.0 / Math.PI) * (x + 0.044715 * x * x * x);
                yield (float) (0.5 * x * (1.0 + Math.tanh(inner)));
            }
            case CLAMP -> x != x ? x : Math.min(Math.max(x, a), b);
            case POW_SCALAR -> (float) Math.pow(x, a);
            case ADD_SCALAR -> x + a;
            case MUL_SCALAR -> x * a;
            case RSUB_SCALAR -> a - x;
            case RDIV_SCALAR -> a / x;
            case RPOW_SCALAR -> (float) Math.pow(a, x);
            case SIGN -> Math.signum(x);
            case FLOOR -> (float) Math.floor(x);
            case CEIL -> (float) Math.ceil(x);
            case ROUND -> (float) Math.rint(x);
            case LOG1P -> (float) Math.log1p(x);
            case EXPM1 -> (float) Math.expm1(x);
            case LOG_SIGMOID -> x < 0 ? (float) (x - Math.log1p(Math.exp(x))) : (float) (-Math.log1p(Math.exp(-x)));
        };
    }

    /** Whether the gradient rule reads the input x (else only the output y, or nothing). */
    public boolean derivativeNeedsInput() {
        return switch (this) {
            case EXP, SQRT, SIGMOID, TANH, RECIPROCAL, RSQRT, EXPM1, RPOW_SCALAR, NEG, ADD_SCALAR, MUL_SCALAR,
                 RSUB_SCALAR, SIGN, FLOOR, CEIL, ROUND -> false;
            default -> true;
        };
    }

    /** dy/dx at input x with output y = apply(x, a, b). */
    public float derivative(float x, float y, float a, float b) {
        return switch (this) {
            case NEG -> -1f;
            case EXP -> y;
            case LOG -> 1f / x;
            case SQRT -> 0.5f / y;
            case ABS -> Math.signum(x);
            case RELU -> x > 0 ? 1f : 0f;
            case SIGMOID -> y * (1f - y);
            case TANH -> 1f - y * y;
            case SOFTPLUS -> x * a > b ? 1f : (float) (1.0 / (1.0 + Math.exp(-x * a)));
            case SILU -> {
                double s = 1.0 / (1.0 + Math.exp(-x));
                yield (float) (s * (1 + x * (1 - s)));
            }
            case SIN -> (float) Math.cos(x);
            case COS -> (float) -Math.sin(x);
            case RECIPROCAL -> -y * y;
            case SQUARE -> 2f * x;
            case RSQRT -> -0.5f * y * y * y;
            case LEAKY_RELU -> x > 0 ? 1f : a;
            case ELU -> x > 0 ? 1f : (float) (a * Math.exp(x));
            case GELU -> {
                double cdf = 0.5 * (1.0 + Erf.erf(x / Math.sqrt(2.0)));
                double pdf = Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
                yield (float) (cdf + x * pdf);
            }
            case GELU_TANH -> {
                double k = Math.sqrt(2.0 / Math.PI);
                double t = Math.tanh(k * (x + 0.044715 * x * x * x));
                yield (float) (0.5 * (1 + t) + 0.5 * x * (1 - t * t) * k * (1 + 3 * 0.044715 * x * x));
            }
            case CLAMP -> (x >= a && x <= b) ? 1f : 0f;
            case POW_SCALAR -> a == 0f ? 0f : (float) (a * Math.pow(x, a - 1));
            case ADD_SCALAR -> 1f;
            case MUL_SCALAR -> a;
            case RSUB_SCALAR -> -1f;
            case RDIV_SCALAR -> -a / (x * x);
            case RPOW_SCALAR -> (float) (y * Math.log(a));
            case SIGN, FLOOR, CEIL, ROUND -> 0f;
            case LOG1P -> 1f / (1f + x);
            case EXPM1 -> y + 1f;
            case LOG_SIGMOID -> (float) (1.0 / (1.0 + Math.exp(x)));
        };
    }
}
