package dev.nabla.kernel;

/**
 * The primitive array kernels every op runs on. {@link ScalarKernels} is the plain reference; a
 * faster implementation replaces it through {@link KernelProvider} and is tested equal to it.
 * All arrays are row-major with explicit offsets; nothing here allocates per element.
 */
public interface Kernels {
    /** A short name for logs, e.g. {@code scalar} or {@code vector-512}. */
    String name();

    /** y[yOff+i] = op(x[xOff+i]; a, b) for i in [0, n). */
    void unary(UnaryOp op, float a, float b, float[] x, int xOff, float[] y, int yOff, int n);

    /**
     * out[oOff+i] = op(x[xOff+i*xStride], y[yOff+i*yStride]; a) for i in [0, n). Strides of 0 broadcast a
     * scalar; 1 is the common contiguous case.
     */
    void binary(BinaryOp op, float a, float[] x, int xOff, int xStride, float[] y, int yOff, int yStride,
                float[] out, int oOff, int n);

    /** Sum of x[off..off+n). */
    float sum(float[] x, int off, int n);

    /** Maximum of x[off..off+n) (NaN if any is NaN); -inf for n = 0. */
    float max(float[] x, int off, int n);

    /**
     * y[yOff+i] = exp(x[xOff+i] - shift) for i in [0, n); returns the sum of those values (a softmax row's
     * numerators and denominator in one pass).
     */
    float expShiftSum(float[] x, int xOff, float shift, float[] y, int yOff, int n);

    /** Dot product of x[xOff..xOff+n) and y[yOff..yOff+n). */
    float dot(float[] x, int xOff, float[] y, int yOff, int n);

    /** y[yOff+i] += alpha * x[xOff+i]. */
    void axpy(int n, float alpha, float[] x, int xOff, float[] y, int yOff);

    /**
     * C = alpha * op(A) * op(B) + beta * C, where op(A) is m x k and op(B) is k x n. A is stored
     * m x k with row stride lda (or k x m when transA), B is k x n with row stride ldb (or n x k
     * when transB), C is m x n with row stride ldc. beta = 0 ignores C's old contents (NaN included).
     */
    void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
              float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
              float beta, float[] c, int cOff, int ldc);
}
