package dev.nabla.io;

import dev.nabla.tensor.DType;
import dev.nabla.tensor.Tensor;
import java.util.Arrays;

/**
 * Exact copies between tensors for state dicts and files: int64 values (generator states, step
 * counts) are copied bit for bit by the core's {@link Tensor#copyInPlace}, never through double.
 */
public final class TensorCopy {
    private TensorCopy() {
    }

    /**
     * Copies {@code src} into {@code dst} (same shape; no broadcasting) with the caller holding a
     * no-grad scope. Equal dtypes copy exactly; other pairs convert as {@code copy_}.
     */
    public static void copyExact(Tensor dst, Tensor src) {
        if (!Arrays.equals(dst.shape(), src.shape())) {
            throw new IllegalArgumentException("copy: source shape " + Arrays.toString(src.shape())
                    + " does not match destination shape " + Arrays.toString(dst.shape()));
        }
        dst.copyInPlace(src);
    }

    /** An exact contiguous copy with its own storage (no autograd). */
    public static Tensor copyOf(Tensor t) {
        Tensor out = Tensor.empty(t.dtype(), t.shape());
        copyExact(out, t);
        return out;
    }

    /** The int64 values in row-major order, exactly. */
    public static long[] longs(Tensor t) {
        if (t.dtype() != DType.INT64) {
            throw new IllegalArgumentException("expected an int64 tensor, got " + t.dtype().torchName());
        }
        return copyOf(t).storageLongs();
    }
}
