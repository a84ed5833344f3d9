package dev.nabla.train;

import dev.nabla.tensor.DType;
import dev.nabla.tensor.Tensor;
import java.util.Arrays;
import java.util.Map;

/**
 * Exact scalars in state dicts: a long as a 0-dim int64 tensor and a double as the int64 of its raw
 * bits (float32 tensors would round it), so a resumed run sees the very same numbers. Values are
 * read straight from the int64 storage: {@code toLongArray} goes through double and would drop the
 * low bits of large values such as raw double bits.
 */
public final class StateValues {
    private StateValues() {}

    public static Tensor ofLong(long v) {
        return Tensor.ofLongs(new long[] {v});
    }

    public static Tensor ofDouble(double v) {
        return ofLong(Double.doubleToRawLongBits(v));
    }

    /** Doubles as a 1-D int64 tensor of raw bits. */
    public static Tensor ofDoubles(double[] v) {
        long[] bits = new long[v.length];
        for (int i = 0; i < v.length; i++) {
            bits[i] = Double.doubleToRawLongBits(v[i]);
        }
        return Tensor.ofLongs(bits, v.length);
    }

    public static long getLong(String owner, Map<String, Tensor> state, String key) {
        Tensor t = require(owner, state, key);
        if (t.numel() != 1) {
            throw new IllegalArgumentException(owner + ".loadStateDict: '" + key + "' must hold one value, got shape "
                    + Arrays.toString(t.shape()));
        }
        return longs(t)[0];
    }

    public static double getDouble(String owner, Map<String, Tensor> state, String key) {
        return Double.longBitsToDouble(getLong(owner, state, key));
    }

    public static double[] getDoubles(String owner, Map<String, Tensor> state, String key) {
        long[] bits = longs(require(owner, state, key));
        double[] out = new double[bits.length];
        for (int i = 0; i < bits.length; i++) {
            out[i] = Double.longBitsToDouble(bits[i]);
        }
        return out;
    }

    private static Tensor require(String owner, Map<String, Tensor> state, String key) {
        Tensor t = state.get(key);
        if (t == null) {
            throw new IllegalArgumentException(owner + ".loadStateDict: missing key '" + key + "' (got "
                    + state.keySet() + ")");
        }
        if (t.dtype() != DType.INT64) {
            throw new IllegalArgumentException(owner + ".loadStateDict: '" + key + "' must be int64, got "
                    + t.dtype().torchName());
        }
        return t;
    }

    /** The values of a 0-D or 1-D int64 tensor, exactly. */
    static long[] longs(Tensor t) {
        if (t.dim() > 1) {
            throw new IllegalArgumentException("state value must be 0-D or 1-D, got shape " + Arrays.toString(t.shape()));
        }
        long[] storage = t.storageLongs();
        int n = t.numel();
        int stride = t.dim() == 0 ? 0 : t.strides()[0];
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            out[i] = storage[t.offset() + i * stride];
        }
        return out;
    }
}
