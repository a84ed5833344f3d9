package dev.nabla.kernel;

/**
 * Elementwise float functions z = f(x, y; a) that kernels implement. The {@code _BACKWARD} ops fuse
 * the common activation gradients: x is the upstream gradient, y what the rule needs.
 */
public enum BinaryOp {
    ADD, SUB, MUL, DIV, MAX, MIN, POW,
    /** x + a * y. */
    ADD_SCALED,
    /** x * (y > 0): relu's gradient given its input (or output). */
    RELU_BACKWARD,
    /** x * y * (1 - y): sigmoid's gradient given its output y. */
    SIGMOID_BACKWARD,
    /** x * (1 - y * y): tanh's gradient given its output y. */
    TANH_BACKWARD,
    /** x * (y > 0 ? 1 : a): leaky relu's gradient given its input y. */
    LEAKY_RELU_BACKWARD;

    /** The reference value; fast kernels are tested against it. */
    public float apply(float x, float y, float a) {
        return switch (this) {
            case ADD -> x + y;
            case SUB -> x - y;
            case MUL -> x * y;
            case DIV -> x / y;
            case MAX -> (x != x || y != y) ? Float.NaN : Math.max(x, y);
            case MIN -> (x != x || y != y) ? Float.NaN : Math.min(x, y);
            case POW -> (float) Math.pow(x, y);
            case ADD_SCALED -> x + a * y;
            case RELU_BACKWARD -> y > 0 ? x : 0f;
            case SIGMOID_BACKWARD -> x * y * (1f - y);
            case TANH_BACKWARD -> x * (1f - y * y);
            case LEAKY_RELU_BACKWARD -> y > 0 ? x : x * a;
        };
    }
}
