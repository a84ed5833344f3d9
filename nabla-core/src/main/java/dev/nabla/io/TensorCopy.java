package dev.nabla.io;

import dev.nabla.tensor.DType;
import dev.nabla.tensor.Tensor;
import java.util.Arrays;

/**
 * Exact, bit-preserving copies between tensors for state dicts and files. Tensor's own copies go
 * through double, which would round int64 values above 2^53 (generator states are such values).
 */
public final class TensorCopy {
    private TensorCopy() {
    }

    /**
     * Copies {@code src} into {@code dst} (same shape) without autograd or in-place checks; the
     * caller holds a no-grad scope. Equal dtypes copy bits; other pairs convert as {@code copy_}.
     */
    public static void copyExact(Tensor dst, Tensor src) {
        if (!Arrays.equals(dst.shape(), src.shape())) {
            throw new IllegalArgumentException("copy: source shape " + Arrays.toString(src.shape())
                    + " does not match destination shape " + Arrays.toString(dst.shape()));
        }
        if (dst.dtype() != src.dtype()) {
            dst.copyInPlace(src);
            return;
        }
        int n = dst.numel();
        int[] shape = dst.shape();
        int[] ds = dst.strides();
        int[] ss = src.strides();
        int[] idx = new int[shape.length];
        int dp = dst.offset();
        int sp = src.offset();
        switch (dst.dtype()) {
            case FLOAT32 -> {
                float[] d = dst.storageFloats();
                float[] s = src.storageFloats();
                for (int i = 0; i < n; i++) {
                    d[dp] = s[sp];
                    int k = shape.length - 1;
                    while (k >= 0 && ++idx[k] == shape[k]) {
                        dp -= (shape[k] - 1) * ds[k];
                        sp -= (shape[k] - 1) * ss[k];
                        idx[k--] = 0;
                    }
                    if (k >= 0) {
                        dp += ds[k];
                        sp += ss[k];
                    }
                }
            }
            case INT64 -> {
                long[] d = dst.storageLongs();
                long[] s = src.storageLongs();
                for (int i = 0; i < n; i++) {
                    d[dp] = s[sp];
                    int k = shape.length - 1;
                    while (k >= 0 && ++idx[k] == shape[k]) {
                        dp -= (shape[k] - 1) * ds[k];
                        sp -= (shape[k] - 1) * ss[k];
                        idx[k--] = 0;
                    }
                    if (k >= 0) {
                        dp += ds[k];
                        sp += ss[k];
                    }
                }
            }
            case BOOL -> {
                boolean[] d = dst.storageBools();
                boolean[] s = src.storageBools();
                for (int i = 0; i < n; i++) {
                    d[dp] = s[sp];
                    int k = shape.length - 1;
                    while (k >= 0 && ++idx[k] == shape[k]) {
                        dp -= (shape[k] - 1) * ds[k];
                        sp -= (shape[k] - 1) * ss[k];
                        idx[k--] = 0;
                    }
                    if (k >= 0) {
                        dp += ds[k];
                        sp += ss[k];
                    }
                }
            }
        }
        dst.bumpVersion();
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
