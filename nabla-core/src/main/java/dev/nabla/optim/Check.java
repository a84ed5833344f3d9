package dev.nabla.optim;

/** Hyperparameter range checks with torch's exact messages ({@code Invalid learning rate: -1.0}). */
final class Check {
    private Check() {
    }

    static void lr(ParamGroup g) {
        double lr = g.getDouble("lr");
        if (!(0.0 <= lr)) {
            throw new IllegalArgumentException("Invalid learning rate: " + PyFloat.repr(lr));
        }
    }

    /** {@code Invalid <label> value: x} unless {@code 0 <= x}. */
    static void nonNegative(ParamGroup g, String key, String label) {
        double v = g.getDouble(key);
        if (!(0.0 <= v)) {
            throw new IllegalArgumentException("Invalid " + label + " value: " + PyFloat.repr(v));
        }
    }

    /** Both betas in [0, 1). */
    static void betas(ParamGroup g) {
        double[] b = g.getDoubles("betas");
        if (b.length != 2) {
            throw new IllegalArgumentException("betas must hold two values, got " + ParamGroup.describe(b));
        }
        for (int i = 0; i < 2; i++) {
            if (!(0.0 <= b[i] && b[i] < 1.0)) {
                throw new IllegalArgumentException("Invalid beta parameter at index " + i + ": " + PyFloat.repr(b[i]));
            }
        }
    }
}
