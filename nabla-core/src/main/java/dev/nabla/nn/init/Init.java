package dev.nabla.nn.init;

import dev.nabla.autograd.GradMode;
import dev.nabla.io.TensorCopy;
import dev.nabla.kernel.Erf;
import dev.nabla.tensor.DType;
import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;
import java.util.Arrays;

/**
 * Weight initialisers, as {@code torch.nn.init}: each fills a float tensor in place (under no-grad,
 * so it works on parameters) and returns it. Random ones draw from the given {@link Generator}, or
 * from {@link Generator#defaultGenerator()} when none is passed.
 *
 * <pre>{@code
 * Init.kaimingNormal(conv.weight, 0, "fan_out", "relu", gen);
 * Init.zeros(conv.bias);
 * }</pre>
 */
public final class Init {
    private Init() {
    }

    /** Fan-in and fan-out of a weight of shape (out, in, *kernel), as {@code _calculate_fan_in_and_fan_out}. */
    public record Fans(long fanIn, long fanOut) {
    }

    /** fan_in = in * prod(kernel), fan_out = out * prod(kernel); needs at least 2 dims. */
    public static Fans calculateFanInAndFanOut(Tensor t) {
        if (t.dim() < 2) {
            throw new IllegalArgumentException("init: fan in and fan out can not be computed for a tensor with fewer"
                    + " than 2 dimensions (shape " + Arrays.toString(t.shape()) + ")");
        }
        long receptive = 1;
        for (int d = 2; d < t.dim(); d++) {
            receptive *= t.size(d);
        }
        return new Fans((long) t.size(1) * receptive, (long) t.size(0) * receptive);
    }

    /**
     * The recommended gain for a nonlinearity, as {@code calculate_gain}: 1 for linear, conv* and
     * sigmoid, 5/3 for tanh, sqrt(2) for relu, sqrt(2 / (1 + slope^2)) for leaky_relu (slope
     * {@code param}, NaN meaning the default 0.01), 3/4 for selu.
     */
    public static double calculateGain(String nonlinearity, double param) {
        switch (nonlinearity) {
            case "linear", "conv1d", "conv2d", "conv3d", "conv_transpose1d", "conv_transpose2d", "conv_transpose3d",
                    "sigmoid":
                return 1.0;
            case "tanh":
                return 5.0 / 3;
            case "relu":
                return Math.sqrt(2.0);
            case "leaky_relu": {
                double slope = Double.isNaN(param) ? 0.01 : param;
                return Math.sqrt(2.0 / (1 + slope * slope));
            }
            case "selu":
                return 3.0 / 4;
            default:
                throw new IllegalArgumentException("calculateGain: unsupported nonlinearity '" + nonlinearity + "'");
        }
    }

    /** {@link #calculateGain(String, double)} with the default parameter. */
    public static double calculateGain(String nonlinearity) {
        return calculateGain(nonlinearity, Double.NaN);
    }

    // ------------------------------------------------------------------ plain fills

    /**
     * U(a, b), drawn as torch's {@code uniform_}: a and b rounded to float, one 32-bit word per element in
     * memory order, x * (b - a) + a in float.
     */
    public static Tensor uniform(Tensor t, double a, double b, Generator g) {
        checkFloat("uniform", t);
        if (!(a <= b)) {
            throw new IllegalArgumentException("uniform: expected a <= b, got a=" + a + ", b=" + b);
        }
        return draw(t, (d, off, len) -> g.fillUniform(d, off, len, a, b));
    }

    public static Tensor uniform(Tensor t, double a, double b) {
        return uniform(t, a, b, Generator.defaultGenerator());
    }

    /** U(0, 1). */
    public static Tensor uniform(Tensor t) {
        return uniform(t, 0, 1);
    }

    /**
     * N(mean, std^2), drawn as torch's {@code normal_}: a contiguous tensor of 16 or more elements takes
     * the float Box-Muller fill, others one double normal per element.
     */
    public static Tensor normal(Tensor t, double mean, double std, Generator g) {
        checkFloat("normal", t);
        if (!(std >= 0)) {
            throw new IllegalArgumentException("normal: std must be non-negative, got " + std);
        }
        if (!t.isContiguous()) {
            float[] v = new float[t.numel()];
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) g.nextGaussian(mean, std);
            }
            return fill(t, v);
        }
        return draw(t, (d, off, len) -> g.fillNormal(d, off, len, mean, std));
    }

    public static Tensor normal(Tensor t, double mean, double std) {
        return normal(t, mean, std, Generator.defaultGenerator());
    }

    /** N(0, 1). */
    public static Tensor normal(Tensor t) {
        return normal(t, 0, 1);
    }

    /**
     * N(mean, std^2) restricted to [a, b], as torch's {@code trunc_normal_} (defaults a=-2, b=2): inverse
     * CDF sampling, i.e. {@code uniform_(2l - 1, 2u - 1)} with l, u the normal CDF at the bounds, then
     * erfinv, times std * sqrt(2), plus mean, clamped to [a, b], each step in float as torch.
     */
    public static Tensor truncNormal(Tensor t, double mean, double std, double a, double b, Generator g) {
        checkFloat("truncNormal", t);
        if (!(a < b) || !(std > 0)) {
            throw new IllegalArgumentException("truncNormal: expected a < b and std > 0, got a=" + a + ", b=" + b
                    + ", std=" + std);
        }
        double l = normCdf((a - mean) / std);
        double u = normCdf((b - mean) / std);
        float[] v = new float[t.numel()];
        g.fillUniform(v, 0, v.length, 2 * l - 1, 2 * u - 1);
        float scale = (float) (std * Math.sqrt(2.));
        float m = (float) mean;
        float lo = (float) a;
        float hi = (float) b;
        for (int i = 0; i < v.length; i++) {
            float x = erfinv(v[i]) * scale + m;
            v[i] = Math.min(Math.max(x, lo), hi);
        }
        return fill(t, v);
    }

    private static double normCdf(double x) {
        return (1. + Erf.erf(x / Math.sqrt(2.))) / 2.;
    }

    /**
     * Inverse error function in float as torch's CPU {@code erfinv}: a rational first guess (central
     * range |y| &lt;= 0.7, tail otherwise) refined by two Newton steps; the polynomials use the fused
     * multiply-adds of torch's AVX2 build. erf and exp are computed in double and rounded, where torch
     * calls glibc's erff/expf, so a value can differ from torch's in the last bit.
     */
    static float erfinv(float y) {
        float ay = Math.abs(y);
        if (ay > 1f || Float.isNaN(y)) {
            return Float.NaN;
        }
        if (ay == 1f) {
            return Math.copySign(Float.POSITIVE_INFINITY, y);
        }
        float x;
        if (ay <= 0.7f) {
            float z = y * y;
            float num = Math.fma(Math.fma(Math.fma(ERFINV_A[3], z, ERFINV_A[2]), z, ERFINV_A[1]), z, ERFINV_A[0]);
            float dem = Math.fma(Math.fma(Math.fma(Math.fma(ERFINV_B[3], z, ERFINV_B[2]), z, ERFINV_B[1]), z,
                    ERFINV_B[0]), z, 1f);
            x = y * num / dem;
        } else {
            float z = (float) Math.sqrt(-(float) Math.log((1f - ay) / 2f));
            float num = Math.fma(Math.fma(Math.fma(ERFINV_C[3], z, ERFINV_C[2]), z, ERFINV_C[1]), z, ERFINV_C[0]);
            float dem = Math.fma(Math.fma(ERFINV_D[1], z, ERFINV_D[0]), z, 1f);
            x = Math.copySign(num, y) / dem;
        }
        float twoOverSqrtPi = 2f / (float) Math.sqrt(Math.PI);
        x = x - ((float) Erf.erf(x) - y) / (twoOverSqrtPi * (float) Math.exp(-x * x));
        x = x - ((float) Erf.erf(x) - y) / (twoOverSqrtPi * (float) Math.exp(-x * x));
        return x;
    }

    private static final float[] ERFINV_A = {0.886226899f, -1.645349621f, 0.914624893f, -0.140543331f};
    private static final float[] ERFINV_B = {-2.118377725f, 1.442710462f, -0.329097515f, 0.012229801f};
    private static final float[] ERFINV_C = {-1.970840454f, -1.624906493f, 3.429567803f, 1.641345311f};
    private static final float[] ERFINV_D = {3.543889200f, 1.637067800f};

    public static Tensor truncNormal(Tensor t, double mean, double std, Generator g) {
        return truncNormal(t, mean, std, -2, 2, g);
    }

    /** Every element = value. */
    public static Tensor constant(Tensor t, double value) {
        try (var s = GradMode.noGrad()) {
            t.fillInPlace(value);
        }
        return t;
    }

    public static Tensor zeros(Tensor t) {
        return constant(t, 0);
    }

    public static Tensor ones(Tensor t) {
        return constant(t, 1);
    }

    /** The identity matrix (2-D only), as {@code eye_}. */
    public static Tensor eye(Tensor t) {
        checkFloat("eye", t);
        if (t.dim() != 2) {
            throw new IllegalArgumentException("eye: only 2-D tensors are supported, got "
                    + Arrays.toString(t.shape()));
        }
        float[] v = new float[t.numel()];
        int cols = t.size(1);
        for (int i = 0; i < Math.min(t.size(0), cols); i++) {
            v[i * cols + i] = 1f;
        }
        return fill(t, v);
    }

    // ------------------------------------------------------------------ scaled by fans

    /** U(-a, a) with a = gain * sqrt(6 / (fan_in + fan_out)) (Glorot and Bengio, 2010). */
    public static Tensor xavierUniform(Tensor t, double gain, Generator g) {
        Fans f = calculateFanInAndFanOut(t);
        double std = gain * Math.sqrt(2.0 / (f.fanIn() + f.fanOut()));
        double a = Math.sqrt(3.0) * std;
        return uniform(t, -a, a, g);
    }

    public static Tensor xavierUniform(Tensor t, double gain) {
        return xavierUniform(t, gain, Generator.defaultGenerator());
    }

    public static Tensor xavierUniform(Tensor t) {
        return xavierUniform(t, 1.0);
    }

    /** N(0, std^2) with std = gain * sqrt(2 / (fan_in + fan_out)). */
    public static Tensor xavierNormal(Tensor t, double gain, Generator g) {
        Fans f = calculateFanInAndFanOut(t);
        double std = gain * Math.sqrt(2.0 / (f.fanIn() + f.fanOut()));
        return normal(t, 0, std, g);
    }

    public static Tensor xavierNormal(Tensor t, double gain) {
        return xavierNormal(t, gain, Generator.defaultGenerator());
    }

    public static Tensor xavierNormal(Tensor t) {
        return xavierNormal(t, 1.0);
    }

    /**
     * U(-bound, bound) with bound = gain * sqrt(3 / fan) (He et al., 2015); {@code a} is the
     * leaky_relu slope, {@code mode} "fan_in" (default) or "fan_out", {@code nonlinearity}
     * default "leaky_relu". A tensor with no elements is returned unchanged, as in PyTorch.
     */
    public static Tensor kaimingUniform(Tensor t, double a, String mode, String nonlinearity, Generator g) {
        if (t.numel() == 0) {
            return t;
        }
        double std = calculateGain(nonlinearity, a) / Math.sqrt(fan(t, mode));
        double bound = Math.sqrt(3.0) * std;
        return uniform(t, -bound, bound, g);
    }

    public static Tensor kaimingUniform(Tensor t, double a, Generator g) {
        return kaimingUniform(t, a, "fan_in", "leaky_relu", g);
    }

    public static Tensor kaimingUniform(Tensor t) {
        return kaimingUniform(t, 0, "fan_in", "leaky_relu", Generator.defaultGenerator());
    }

    /** N(0, std^2) with std = gain / sqrt(fan); arguments as {@link #kaimingUniform}. */
    public static Tensor kaimingNormal(Tensor t, double a, String mode, String nonlinearity, Generator g) {
        if (t.numel() == 0) {
            return t;
        }
        double std = calculateGain(nonlinearity, a) / Math.sqrt(fan(t, mode));
        return normal(t, 0, std, g);
    }

    public static Tensor kaimingNormal(Tensor t, double a, Generator g) {
        return kaimingNormal(t, a, "fan_in", "leaky_relu", g);
    }

    public static Tensor kaimingNormal(Tensor t) {
        return kaimingNormal(t, 0, "fan_in", "leaky_relu", Generator.defaultGenerator());
    }

    private static long fan(Tensor t, String mode) {
        Fans f = calculateFanInAndFanOut(t);
        return switch (mode) {
            case "fan_in" -> f.fanIn();
            case "fan_out" -> f.fanOut();
            default -> throw new IllegalArgumentException("init: mode must be 'fan_in' or 'fan_out', got '" + mode + "'");
        };
    }

    // ------------------------------------------------------------------ orthogonal

    /**
     * A (semi-)orthogonal matrix times {@code gain} (Saxe et al., 2013), as {@code orthogonal_}: the
     * tensor is viewed as (rows, numel / rows), a Gaussian matrix is QR-factored (Householder) and Q
     * is made unique by the signs of R's diagonal. Rows are orthonormal when rows &lt;= cols, columns
     * otherwise.
     */
    public static Tensor orthogonal(Tensor t, double gain, Generator g) {
        checkFloat("orthogonal", t);
        if (t.dim() < 2) {
            throw new IllegalArgumentException("orthogonal: only tensors with 2 or more dimensions are supported, got "
                    + Arrays.toString(t.shape()));
        }
        if (t.numel() == 0) {
            return t;
        }
        int rows = t.size(0);
        int cols = t.numel() / rows;
        // As torch: a float (rows, cols) tensor filled by normal_(0, 1); the QR then runs in double here.
        float[] drawn = new float[rows * cols];
        g.fillNormal(drawn, 0, drawn.length, 0, 1);
        double[] flat = new double[rows * cols]; // (rows, cols), row-major
        for (int i = 0; i < flat.length; i++) {
            flat[i] = drawn[i];
        }
        boolean transposed = rows < cols;
        int m = transposed ? cols : rows;
        int n = transposed ? rows : cols;
        double[] a = new double[m * n]; // (m, n) with m >= n
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                if (transposed) {
                    a[j * n + i] = flat[i * cols + j];
                } else {
                    a[i * n + j] = flat[i * cols + j];
                }
            }
        }
        double[] q = householderQ(a, m, n);
        float[] v = new float[rows * cols];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float x = (float) (gain * q[i * n + j]);
                if (transposed) {
                    v[j * cols + i] = x;
                } else {
                    v[i * cols + j] = x;
                }
            }
        }
        return fill(t, v);
    }

    public static Tensor orthogonal(Tensor t, double gain) {
        return orthogonal(t, gain, Generator.defaultGenerator());
    }

    public static Tensor orthogonal(Tensor t) {
        return orthogonal(t, 1.0);
    }

    /**
     * The thin Q (m, n) of A = QR for m >= n, scaled column-wise so that R has a non-negative
     * diagonal. {@code a} is overwritten by R above its diagonal.
     */
    static double[] householderQ(double[] a, int m, int n) {
        double[][] vs = new double[n][];
        double[] diag = new double[n];
        for (int k = 0; k < n; k++) {
            double norm = 0;
            for (int i = k; i < m; i++) {
                norm += a[i * n + k] * a[i * n + k];
            }
            norm = Math.sqrt(norm);
            if (norm == 0) {
                diag[k] = 0;
                continue;
            }
            double alpha = a[k * n + k] > 0 ? -norm : norm;
            double[] v = new double[m - k];
            for (int i = k; i < m; i++) {
                v[i - k] = a[i * n + k];
            }
            v[0] -= alpha;
            double vn = 0;
            for (double x : v) {
                vn += x * x;
            }
            vn = Math.sqrt(vn);
            for (int i = 0; i < v.length; i++) {
                v[i] /= vn;
            }
            // A[k:, k:] -= 2 v (v^T A[k:, k:])
            for (int j = k; j < n; j++) {
                double dot = 0;
                for (int i = k; i < m; i++) {
                    dot += v[i - k] * a[i * n + j];
                }
                for (int i = k; i < m; i++) {
                    a[i * n + j] -= 2 * v[i - k] * dot;
                }
            }
            vs[k] = v;
            diag[k] = a[k * n + k];
        }
        double[] q = new double[m * n];
        for (int j = 0; j < n; j++) {
            q[j * n + j] = 1;
        }
        for (int k = n - 1; k >= 0; k--) {
            double[] v = vs[k];
            if (v == null) {
                continue;
            }
            for (int j = 0; j < n; j++) {
                double dot = 0;
                for (int i = k; i < m; i++) {
                    dot += v[i - k] * q[i * n + j];
                }
                for (int i = k; i < m; i++) {
                    q[i * n + j] -= 2 * v[i - k] * dot;
                }
            }
        }
        for (int j = 0; j < n; j++) {
            double s = Math.signum(diag[j]);
            for (int i = 0; i < m; i++) {
                q[i * n + j] *= s;
            }
        }
        return q;
    }

    // ------------------------------------------------------------------ helpers

    private static void checkFloat(String op, Tensor t) {
        if (t.dtype() != DType.FLOAT32) {
            throw new IllegalArgumentException(op + ": expected a float32 tensor, got " + t.dtype().torchName()
                    + " with shape " + Arrays.toString(t.shape()));
        }
    }

    /** Fills d[off, off + len) with random values. */
    private interface Draw {
        void into(float[] d, int off, int len);
    }

    /**
     * Draws straight into a contiguous tensor's storage (no buffer, no copy: large layers initialise
     * fast); a strided one gets its values in row-major order through a buffer (torch would walk it in
     * memory order).
     */
    private static Tensor draw(Tensor t, Draw draw) {
        if (t.isContiguous()) {
            draw.into(t.storageFloats(), t.offset(), t.numel());
            t.bumpVersion();
            return t;
        }
        float[] v = new float[t.numel()];
        draw.into(v, 0, v.length);
        return fill(t, v);
    }

    /** Writes row-major values into t (any strides) without recording. */
    private static Tensor fill(Tensor t, float[] values) {
        try (var s = GradMode.noGrad()) {
            TensorCopy.copyExact(t, Tensor.wrap(values, t.shape()));
        }
        return t;
    }
}
