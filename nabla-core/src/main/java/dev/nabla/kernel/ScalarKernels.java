package dev.nabla.kernel;

/** Plain-Java reference kernels: simple loops, the ground truth that fast kernels are tested against. */
public class ScalarKernels implements Kernels {
    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public void unary(UnaryOp op, float a, float b, float[] x, int xOff, float[] y, int yOff, int n) {
        switch (op) {
            case ADD_SCALAR -> {
                for (int i = 0; i < n; i++) {
                    y[yOff + i] = x[xOff + i] + a;
                }
            }
            case MUL_SCALAR -> {
                for (int i = 0; i < n; i++) {
                    y[yOff + i] = x[xOff + i] * a;
                }
            }
            case RELU -> {
                for (int i = 0; i < n; i++) {
                    float v = x[xOff + i];
                    y[yOff + i] = v > 0 ? v : (v == v ? 0f : v);
                }
            }
            default -> {
                for (int i = 0; i < n; i++) {
                    y[yOff + i] = op.apply(x[xOff + i], a, b);
                }
            }
        }
    }

    @Override
    public void binary(BinaryOp op, float a, float[] x, int xOff, int xStride, float[] y, int yOff, int yStride,
                       float[] out, int oOff, int n) {
        if (xStride == 1 && yStride == 1) {
            switch (op) {
                case ADD -> {
                    for (int i = 0; i < n; i++) {
                        out[oOff + i] = x[xOff + i] + y[yOff + i];
                    }
                }
                case MUL -> {
                    for (int i = 0; i < n; i++) {
                        out[oOff + i] = x[xOff + i] * y[yOff + i];
                    }
                }
                default -> {
                    for (int i = 0; i < n; i++) {
                        out[oOff + i] = op.apply(x[xOff + i], y[yOff + i], a);
                    }
                }
            }
            return;
        }
        for (int i = 0; i < n; i++) {
            out[oOff + i] = op.apply(x[xOff + i * xStride], y[yOff + i * yStride], a);
        }
    }

    @Override
    public float sum(float[] x, int off, int n) {
        // Pairwise-ish: accumulate in double so long sums stay accurate.
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += x[off + i];
        }
        return (float) s;
    }

    @Override
    public float expShiftSum(float[] x, int xOff, float shift, float[] y, int yOff, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            float e = (float) Math.exp(x[xOff + i] - shift);
            y[yOff + i] = e;
            s += e;
        }
        return (float) s;
    }

    @Override
    public float max(float[] x, int off, int n) {
        float m = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            float v = x[off + i];
            if (v != v) {
                return Float.NaN;
            }
            if (v > m) {
                m = v;
            }
        }
        return m;
    }

    @Override
    public float dot(float[] x, int xOff, float[] y, int yOff, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += (double) x[xOff + i] * y[yOff + i];
        }
        return (float) s;
    }

    @Override
    public void axpy(int n, float alpha, float[] x, int xOff, float[] y, int yOff) {
        for (int i = 0; i < n; i++) {
            y[yOff + i] += alpha * x[xOff + i];
        }
    }

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                     float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                     float beta, float[] c, int cOff, int ldc) {
        for (int i = 0; i < m; i++) {
            int ci = cOff + i * ldc;
            if (beta == 0f) {
                java.util.Arrays.fill(c, ci, ci + n, 0f);
            } else if (beta != 1f) {
                for (int j = 0; j < n; j++) {
                    c[ci + j] *= beta;
                }
            }
            for (int p = 0; p < k; p++) {
                float av = alpha * (transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p]);
                if (av == 0f) {
                    continue;
                }
                if (transB) {
                    for (int j = 0; j < n; j++) {
                        c[ci + j] += av * b[bOff + j * ldb + p];
                    }
                } else {
                    int bp = bOff + p * ldb;
                    for (int j = 0; j < n; j++) {
                        c[ci + j] += av * b[bp + j];
                    }
                }
            }
        }
    }
}
