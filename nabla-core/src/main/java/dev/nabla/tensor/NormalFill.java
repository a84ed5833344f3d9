package dev.nabla.tensor;

/**
 * The float32 {@code normal_} fill of torch's CPU kernel for 16 or more contiguous values (AVX2 build,
 * torch 1.13), reproduced bit for bit: all values are first drawn as float uniforms, then each block of
 * 16 becomes 16 normals by Box-Muller, u1 = 1 - d[j] and u2 = d[j + 8] giving
 * d[j] = r cos(theta) * std + mean and d[j + 8] = r sin(theta) * std + mean. A ragged tail re-draws
 * the last 16 positions and transforms them again, as torch does.
 *
 * <p>log, sin and cos are torch's single-precision Cephes polynomials (the AVX "mathfun" routines),
 * with the multiply-adds that GCC fuses under {@code -mfma} fused here by {@link Math#fma}; plain
 * {@link Math#log} would differ in the last bit.
 */
final class NormalFill {
    static final float TWO_PI = (float) (2.0 * Math.PI);
    private static final int ONE_BITS = Float.floatToRawIntBits(1f);

    // log(x) = polynomial in (m - 1) plus e * log(2) split in two parts (Cephes logf).
    static final float SQRTHF = (float) 0.707106781186547524;
    static final float LOG_P0 = (float) 7.0376836292E-2;
    static final float LOG_P1 = (float) -1.1514610310E-1;
    static final float LOG_P2 = (float) 1.1676998740E-1;
    static final float LOG_P3 = (float) -1.2420140846E-1;
    static final float LOG_P4 = (float) 1.4249322787E-1;
    static final float LOG_P5 = (float) -1.6668057665E-1;
    static final float LOG_P6 = (float) 2.0000714765E-1;
    static final float LOG_P7 = (float) -2.4999993993E-1;
    static final float LOG_P8 = (float) 3.3333331174E-1;
    static final float LOG_Q1 = (float) -2.12194440e-4;
    static final float LOG_Q2 = (float) 0.693359375;

    // sin/cos: reduction by multiples of pi/4 in three parts, then one of two polynomials (Cephes sinf/cosf).
    static final float FOPI = (float) 1.27323954473516; // 4 / pi
    static final float MINUS_DP1 = (float) -0.78515625;
    static final float MINUS_DP2 = (float) -2.4187564849853515625e-4;
    static final float MINUS_DP3 = (float) -3.77489497744594108e-8;
    static final float SIN_P0 = (float) -1.9515295891E-4;
    static final float SIN_P1 = (float) 8.3321608736E-3;
    static final float SIN_P2 = (float) -1.6666654611E-1;
    static final float COS_P0 = (float) 2.443315711809948E-005;
    static final float COS_P1 = (float) -1.388731625493765E-003;
    static final float COS_P2 = (float) 4.166664568298827E-002;

    /** Whether the Vector API is present, so {@link NormalFillVector} can be loaded. */
    private static final boolean VECTOR = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
            && !"scalar".equals(System.getProperty("nabla.kernels")) && NormalFillVector.SUPPORTED;

    private NormalFill() {
    }

    /** Fills d[off, off + len) (len &gt;= 16) with normals of the given float mean and std. */
    static void fill(Generator g, float[] d, int off, int len, float mean, float std) {
        int end = off + len;
        for (int i = off; i < end; i++) {
            d[i] = g.nextFloat();
        }
        for (int i = off; i + 16 <= end; i += 16) {
            transform16(d, i, mean, std);
        }
        if (len % 16 != 0) {
            int tail = end - 16;
            for (int i = tail; i < end; i++) {
                d[i] = g.nextFloat();
            }
            transform16(d, tail, mean, std);
        }
    }

    private static void transform16(float[] d, int i, float mean, float std) {
        if (VECTOR) {
            NormalFillVector.transform16(d, i, mean, std);
        } else {
            transform16Scalar(d, i, mean, std);
        }
    }

    /** Box-Muller on d[i, i + 16): the first 8 give u1, the last 8 u2 (the scalar reference). */
    static void transform16Scalar(float[] d, int i, float mean, float std) {
        for (int j = i; j < i + 8; j++) {
            float u1 = 1f - d[j];
            float u2 = d[j + 8];
            float radius = (float) Math.sqrt(-2f * log(u1));
            sinCos(TWO_PI * u2, radius, std, mean, d, j);
        }
    }

    /** Cephes logf as torch's log256_ps computes it, for x in (0, 1] (u1 is never 0 here). */
    static float log(float x) {
        if (!(x > 0)) {
            return Float.NaN;
        }
        x = Math.max(x, Float.MIN_NORMAL);
        int bits = Float.floatToRawIntBits(x);
        float e = (float) ((bits >>> 23) - 0x7f) + 1f;
        x = Float.intBitsToFloat((bits & ~0x7f800000) | 0x3f000000); // mantissa in [0.5, 1)
        // Branch-free as the vector code (the branch is a coin flip): mask = all ones where x < sqrt(1/2).
        int mask = Float.floatToRawIntBits(x - SQRTHF) >> 31;
        float tmp = Float.intBitsToFloat(Float.floatToRawIntBits(x) & mask);
        x = x - 1f;
        e = e - Float.intBitsToFloat(ONE_BITS & mask);
        x = x + tmp;
        float z = x * x;
        float y = Math.fma(LOG_P0, x, LOG_P1);
        y = Math.fma(y, x, LOG_P2);
        y = Math.fma(y, x, LOG_P3);
        y = Math.fma(y, x, LOG_P4);
        y = Math.fma(y, x, LOG_P5);
        y = Math.fma(y, x, LOG_P6);
        y = Math.fma(y, x, LOG_P7);
        y = Math.fma(y, x, LOG_P8);
        y = y * x;
        y = Math.fma(y, z, e * LOG_Q1);
        y = Math.fma(-z, 0.5f, y);
        x = x + y;
        return Math.fma(e, LOG_Q2, x);
    }

    /** Cephes sinf as torch's sincos256_ps computes it. */
    static float sin(float x) {
        float[] out = new float[9];
        sinCos(x, 1f, 1f, 0f, out, 0);
        return out[8];
    }

    /** Cephes cosf as torch's sincos256_ps computes it. */
    static float cos(float x) {
        float[] out = new float[9];
        sinCos(x, 1f, 1f, 0f, out, 0);
        return out[0];
    }

    /**
     * sin and cos of x at once as sincos256_ps, then out[j] = (radius cos x) * std + mean and
     * out[j + 8] = (radius sin x) * std + mean, fused as torch's final multiply-add.
     */
    private static void sinCos(float x, float radius, float std, float mean, float[] out, int j) {
        int signSin = Float.floatToRawIntBits(x) & 0x80000000;
        x = Math.abs(x);
        int q = (int) (x * FOPI);
        q = (q + 1) & ~1;
        float y = (float) q;
        int swapSignSin = (q & 4) << 29;
        int polyMask = ((q & 2) >> 1) - 1; // all ones where the sine takes the sine polynomial
        x = Math.fma(y, MINUS_DP1, x);
        x = Math.fma(y, MINUS_DP2, x);
        x = Math.fma(y, MINUS_DP3, x);
        int signCos = (~(q - 2) & 4) << 29;
        signSin ^= swapSignSin;
        float z = x * x;
        float c = Math.fma(COS_P0, z, COS_P1);
        c = Math.fma(c, z, COS_P2);
        c = c * z;
        c = Math.fma(c, z, -(z * 0.5f));
        c = c + 1f;
        float s = Math.fma(SIN_P0, z, SIN_P1);
        s = Math.fma(s, z, SIN_P2);
        s = s * z;
        s = Math.fma(s, x, x);
        // The vector code's select, by masks (no branch on a coin flip); the adds of +0 are kept as they are.
        int sBits = Float.floatToRawIntBits(s);
        int cBits = Float.floatToRawIntBits(c);
        float ysin2 = Float.intBitsToFloat(polyMask & sBits);
        float ysin1 = Float.intBitsToFloat(~polyMask & cBits);
        float sinPart = ysin1 + ysin2;
        float cosPart = (c - ysin1) + (s - ysin2);
        float sinV = Float.intBitsToFloat(Float.floatToRawIntBits(sinPart) ^ signSin);
        float cosV = Float.intBitsToFloat(Float.floatToRawIntBits(cosPart) ^ signCos);
        out[j] = Math.fma(radius * cosV, std, mean);
        out[j + 8] = Math.fma(radius * sinV, std, mean);
    }
}
