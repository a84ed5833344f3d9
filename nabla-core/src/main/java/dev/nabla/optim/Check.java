package dev.nabla.optim;

/**
 * Hyperparameter range checks with torch's messages prefixed by the optimizer's name
 * ({@code Adam: Invalid learning rate: -1.0}).
 */
final class Check {
    private Check() {
    }

    static void lr(String owner, ParamGroup g) {
        double lr = g.getDouble("lr");
        if (!(0.0 <= lr)) {
            throw new IllegalArgumentException(owner + ": Invalid learning rate: " + PyFloat.repr(lr));
        }
    }

    /** {@code Invalid <label> value: x} unless {@code 0 <= x}. */
    static void nonNegative(String owner, ParamGroup g, String key, String label) {
        double v = g.getDouble(key);
        if (!(0.0 <= v)) {
            throw new IllegalArgumentException(owner + ": Invalid " + label + " value: " + PyFloat.repr(v));
        }
    }

    /** Both betas in [0, 1). */
    static void betas(String owner, ParamGroup g) {
        double[] b = g.getDoubles("betas");
        if (b.length != 2) {
            throw new IllegalArgumentException(owner + ": betas must hold two values, got " + ParamGroup.describe(b));
        }
        for (int i = 0; i < 2; i++) {
            if (!(0.0 <= b[i] && b[i] < 1.0)) {
                throw new IllegalArgumentException(owner + ": Invalid beta parameter at index " + i + ": " + PyFloat.repr(b[i]));
            }
        }
    }
}
