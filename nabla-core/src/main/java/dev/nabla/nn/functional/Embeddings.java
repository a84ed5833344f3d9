package dev.nabla.nn.functional;

import dev.nabla.autograd.Autograd;
import dev.nabla.kernel.Kernels;
import dev.nabla.kernel.KernelProvider;
import dev.nabla.tensor.DType;
import dev.nabla.tensor.Tensor;
import java.util.Arrays;

/**
 * Embedding lookup, as {@code torch.nn.functional.embedding}: rows of a (V, D) table picked by int64
 * indices of any shape; the gradient scatter-adds into the picked rows, except the padding row.
 *
 * <pre>{@code
 * Tensor vecs = Embeddings.embedding(tokenIds, table, 0);   // (B, T) ids -> (B, T, D), row 0 frozen
 * }</pre>
 */
public final class Embeddings {
    private Embeddings() {
    }

    /**
     * Looks up rows of weight (V, D) for indices (int64, any shape); returns indices.shape + (D).
     * paddingIdx (null for none; negative counts from the end) names a row that receives no gradient.
     */
    public static Tensor embedding(Tensor indices, Tensor weight, Integer paddingIdx) {
        return embedding(indices, weight, paddingIdx, null, 2.0);
    }

    /**
     * As {@link #embedding(Tensor, Tensor, Integer)}; when maxNorm is not null, each looked-up row whose
     * normType-norm exceeds maxNorm is first rescaled in place (without recording) to norm maxNorm,
     * as torch's max_norm does.
     */
    public static Tensor embedding(Tensor indices, Tensor weight, Integer paddingIdx, Double maxNorm,
                                   double normType) {
        return embedding(indices, weight, paddingIdx, maxNorm, normType, false);
    }

    /**
     * As {@link #embedding(Tensor, Tensor, Integer, Double, double)}; with scaleGradByFreq each row's gradient
     * is divided by how often that row occurs in indices (torch's scale_grad_by_freq).
     */
    public static Tensor embedding(Tensor indices, Tensor weight, Integer paddingIdx, Double maxNorm,
                                   double normType, boolean scaleGradByFreq) {
        String op = "embedding";
        if (indices.dtype() != DType.INT64) {
            throw new IllegalArgumentException(op + ": indices must be int64, got " + indices.dtype().torchName()
                    + " of shape " + Arrays.toString(indices.shape()));
        }
        if (weight.dim() != 2 || weight.dtype() != DType.FLOAT32) {
            throw new IllegalArgumentException(op + ": weight must be a 2-D float32 (num_embeddings, embedding_dim)"
                    + " table, got " + weight.dtype().torchName() + " " + Arrays.toString(weight.shape()));
        }
        int v = weight.size(0);
        int d = weight.size(1);
        int pad = -1;
        if (paddingIdx != null) {
            if (paddingIdx >= v || paddingIdx < -v) {
                throw new IllegalArgumentException(op + ": padding_idx " + paddingIdx + " must be within num_embeddings "
                        + v + " (weight " + Arrays.toString(weight.shape()) + ")");
            }
            pad = paddingIdx < 0 ? paddingIdx + v : paddingIdx;
        }
        long[] idx = indices.toLongArray();
        int[] rows = new int[idx.length];
        for (int i = 0; i < idx.length; i++) {
            long r = idx[i];
            if (r < 0 || r >= v) {
                throw new IndexOutOfBoundsException(op + ": index " + r + " at position " + i
                        + " is out of range for weight with " + v + " rows (indices "
                        + Arrays.toString(indices.shape()) + ", weight " + Arrays.toString(weight.shape()) + ")");
            }
            rows[i] = (int) r;
        }
        if (maxNorm != null) {
            renorm(weight, rows, maxNorm, normType);
        }
        float[] w = weight.contiguousFloats();
        float[] out = new float[rows.length * d];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(w, rows[i] * d, out, i * d, d);
        }
        int[] shape = Arrays.copyOf(indices.shape(), indices.dim() + 1);
        shape[indices.dim()] = d;
        Tensor result = Tensor.wrap(out, shape);
        int padRow = pad;
        return Autograd.record(result, op, new Tensor[] {weight}, gOut -> {
            Kernels k = KernelProvider.get();
            float[] g = gOut.contiguousFloats();
            float[] dw = new float[v * d];
            int[] freq = null;
            if (scaleGradByFreq) {
                freq = new int[v];
                for (int r : rows) {
                    freq[r]++;
                }
            }
            for (int i = 0; i < rows.length; i++) {
                if (rows[i] != padRow) {
                    k.axpy(d, freq == null ? 1f : 1f / freq[rows[i]], g, i * d, dw, rows[i] * d);
                }
            }
            return new Tensor[] {Tensor.wrap(dw, v, d)};
        });
    }

    /**
     * One-hot encoding of int64 class indices: shape indices.shape + (numClasses), int64; numClasses -1 means
     * max(indices) + 1.
     */
    public static Tensor oneHot(Tensor indices, int numClasses) {
        if (indices.dtype() != DType.INT64) {
            throw new IllegalArgumentException("one_hot: indices must be int64, got " + indices.dtype().torchName()
                    + " of shape " + Arrays.toString(indices.shape()));
        }
        long[] idx = indices.toLongArray();
        long max = -1;
        for (long v : idx) {
            if (v < 0) {
                throw new IllegalArgumentException("one_hot: class values must be non-negative, got " + v);
            }
            max = Math.max(max, v);
        }
        int n = numClasses == -1 ? (int) max + 1 : numClasses;
        if (max >= n) {
            throw new IllegalArgumentException("one_hot: class value " + max + " is out of range for num_classes " + n);
        }
        long[] out = new long[idx.length * n];
        for (int i = 0; i < idx.length; i++) {
            out[i * n + (int) idx[i]] = 1;
        }
        int[] shape = Arrays.copyOf(indices.shape(), indices.dim() + 1);
        shape[indices.dim()] = n;
        return Tensor.ofLongs(out, shape);
    }

    /** torch's embedding_renorm_: rows (each once) with norm above maxNorm scaled by maxNorm / (norm + 1e-7). */
    private static void renorm(Tensor weight, int[] rows, double maxNorm, double normType) {
        float[] data = weight.storageFloats();
        int off = weight.offset();
        int rs = weight.strides()[0];
        int cs = weight.strides()[1];
        int d = weight.size(1);
        boolean[] seen = new boolean[weight.size(0)];
        boolean changed = false;
        for (int r : rows) {
            if (seen[r]) {
                continue;
            }
            seen[r] = true;
            int base = off + r * rs;
            double norm = 0;
            for (int j = 0; j < d; j++) {
                double v = Math.abs(data[base + j * cs]);
                norm += normType == 1 ? v : normType == 2 ? v * v : Math.pow(v, normType);
            }
            norm = normType == 1 ? norm : normType == 2 ? Math.sqrt(norm) : Math.pow(norm, 1 / normType);
            if (norm > maxNorm) {
                float scale = (float) (maxNorm / (norm + 1e-7));
                for (int j = 0; j < d; j++) {
                    data[base + j * cs] *= scale;
                }
                changed = true;
            }
        }
        if (changed) {
            weight.bumpVersion();
        }
    }
}
