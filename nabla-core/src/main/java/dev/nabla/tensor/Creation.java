package dev.nabla.tensor;

import java.util.Arrays;

/** The bodies of Tensor's factories that compute their values (ranges, identities, random draws). */
final class Creation {
    private Creation() {
    }

    static Tensor of(float[][] rows) {
        int m = rows.length;
        int n = m == 0 ? 0 : rows[0].length;
        float[] d = new float[m * n];
        for (int i = 0; i < m; i++) {
            if (rows[i].length != n) {
                throw new IllegalArgumentException("of: row " + i + " has length " + rows[i].length + ", expected " + n);
            }
            System.arraycopy(rows[i], 0, d, i * n, n);
        }
        return Tensor.wrap(d, m, n);
    }

    static Tensor arange(double start, double end, double step) {
        if (step == 0) {
            throw new IllegalArgumentException("arange: step must be nonzero");
        }
        int n = (int) Math.max(0, Math.ceil((end - start) / step));
        float[] d = new float[n];
        for (int i = 0; i < n; i++) {
            d[i] = (float) (start + i * step);
        }
        return Tensor.wrap(d, n);
    }

    static Tensor linspace(double start, double end, int steps) {
        if (steps < 0) {
            throw new IllegalArgumentException("linspace: number of steps must be non-negative, got " + steps);
        }
        float[] d = new float[steps];
        double step = steps > 1 ? (end - start) / (steps - 1) : 0;
        int half = steps / 2;
        for (int i = 0; i < steps; i++) {
            // Like torch: fill from both ends so the last value is exactly end.
            d[i] = (float) (i < half ? start + step * i : end - step * (steps - 1 - i));
        }
        return Tensor.wrap(d, steps);
    }

    static Tensor eye(int n, int m) {
        float[] d = new float[n * m];
        for (int i = 0; i < Math.min(n, m); i++) {
            d[i * m + i] = 1f;
        }
        return Tensor.wrap(d, n, m);
    }

    static Tensor rand(Generator g, int... shape) {
        checkShape("rand", shape);
        float[] d = new float[Shapes.numel(shape)];
        g.fillUniform(d, 0, d.length, 0, 1);
        return Tensor.wrap(d, shape);
    }

    static Tensor randn(Generator g, int... shape) {
        checkShape("randn", shape);
        float[] d = new float[Shapes.numel(shape)];
        g.fillNormal(d, 0, d.length, 0, 1);
        return Tensor.wrap(d, shape);
    }

    static Tensor randint(long low, long high, Generator g, int... shape) {
        if (high <= low) {
            throw new IllegalArgumentException("randint: expected low < high, got low=" + low + " high=" + high);
        }
        checkShape("randint", shape);
        // As torch: range = high - low as unsigned 64 bits, one 32-bit word per value when it fits.
        long range = high - low;
        long[] d = new long[Shapes.numel(shape)];
        for (int i = 0; i < d.length; i++) {
            d[i] = low + (Long.compareUnsigned(range, 1L << 32) >= 0
                    ? Long.remainderUnsigned(g.nextLong(), range)
                    : (g.nextInt32() & 0xffffffffL) % range);
        }
        return new Tensor(Storage.of(d), shape.clone());
    }

    private static void checkShape(String op, int[] shape) {
        for (int s : shape) {
            if (s < 0) {
                throw new IllegalArgumentException(op + ": negative dimension in shape " + Arrays.toString(shape));
            }
        }
    }
}
