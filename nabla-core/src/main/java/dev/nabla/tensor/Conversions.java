package dev.nabla.tensor;

import java.util.Arrays;

/** Copies between dtypes, layouts and Java arrays (int64 stays exact: it never passes through double). */
final class Conversions {
    private Conversions() {
    }

    static float[] toFloatArray(Tensor t) {
        if (t.storage.dtype == DType.FLOAT32) {
            return t.contiguousFloats().clone();
        }
        float[] out = new float[t.numel()];
        StridedIter.forEach(t, (i, p) -> out[i] = (float) t.storage.get(p));
        return out;
    }

    static long[] toLongArray(Tensor t) {
        long[] out = new long[t.numel()];
        StridedIter.forEach(t, (i, p) -> out[i] = t.storage.getLong(p));
        return out;
    }

    static int[] toIntArray(Tensor t) {
        int[] out = new int[t.numel()];
        StridedIter.forEach(t, (i, p) -> out[i] = (int) t.storage.getLong(p));
        return out;
    }

    static boolean[] toBoolArray(Tensor t) {
        boolean[] out = new boolean[t.numel()];
        StridedIter.forEach(t, (i, p) -> out[i] = t.storage.get(p) != 0);
        return out;
    }

    static Tensor to(Tensor t, DType dtype) {
        if (dtype == t.storage.dtype) {
            return t;
        }
        Tensor out = Tensor.empty(dtype, t.shape);
        Storage s = out.storage;
        StridedIter.forEach(t, (i, p) -> s.copyElement(i, t.storage, p));
        return out;
    }

    static void copyRaw(Tensor t, Tensor src) {
        if (!Arrays.equals(src.shape, t.shape)) {
            throw new IllegalArgumentException("copy: shape " + Arrays.toString(src.shape) + " into "
                    + Arrays.toString(t.shape));
        }
        if (t.storage.dtype == DType.FLOAT32 && src.storage.dtype == DType.FLOAT32) {
            Tensor c = Views.rawContiguous(src);
            StridedIter.scatterFloats(c.storage.floats, c.offset, t.storage.floats, t.shape, t.strides, t.offset);
        } else {
            // Positions first, then element copies, so overlapping views read before they are written.
            Tensor c = src.storage == t.storage ? Views.rawCopy(src) : src;
            int[] from = new int[c.numel()];
            StridedIter.forEach(c, (i, p) -> from[i] = p);
            StridedIter.forEach(t, (i, p) -> t.storage.copyElement(p, c.storage, from[i]));
        }
        t.storage.version++;
    }
}
