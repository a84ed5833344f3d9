package dev.nabla.optim;

import dev.nabla.tensor.DType;
import dev.nabla.tensor.Tensor;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Scalars in state dicts, for optimizers and schedules. A double is stored under its torch name as a
 * float32 tensor (readable, what other tools expect) and, beside it under {@code name + ".float64_bits"},
 * as its exact IEEE bits in an int64 tensor, so a saved and restored run continues bit for bit (a
 * learning rate of 1e-3 is not a float32 value). Loading prefers the exact bits when they agree with
 * the float32 value and falls back to the float32 value alone (e.g. a state dict converted from torch).
 */
public final class StateValues {
    /** Suffix of the key holding a double's exact bits. */
    public static final String EXACT_SUFFIX = ".float64_bits";

    private StateValues() {
    }

    public static void putDouble(Map<String, Tensor> out, String key, double v) {
        out.put(key, Tensor.scalar((float) v));
        out.put(key + EXACT_SUFFIX, Tensor.ofLongs(new long[] {Double.doubleToRawLongBits(v)}));
    }

    public static void putDoubles(Map<String, Tensor> out, String key, double[] v) {
        float[] f = new float[v.length];
        long[] bits = new long[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
            bits[i] = Double.doubleToRawLongBits(v[i]);
        }
        out.put(key, Tensor.of(f, v.length));
        out.put(key + EXACT_SUFFIX, Tensor.ofLongs(bits, v.length));
    }

    public static void putLong(Map<String, Tensor> out, String key, long v) {
        out.put(key, Tensor.ofLongs(new long[] {v}));
    }

    public static void putLongs(Map<String, Tensor> out, String key, long[] v) {
        out.put(key, Tensor.ofLongs(v, v.length));
    }

    public static void putBool(Map<String, Tensor> out, String key, boolean v) {
        out.put(key, Tensor.ofBools(new boolean[] {v}));
    }

    /** Reads a state dict, tracking which keys were used so that leftovers can be reported. */
    public static final class Reader {
        private final String owner;
        private final Map<String, Tensor> state;
        private final Set<String> unused;

        /** {@code owner} names the loader in messages, e.g. {@code Adam.loadStateDict}. */
        public Reader(String owner, Map<String, Tensor> state) {
            this.owner = owner;
            this.state = state;
            this.unused = new LinkedHashSet<>(state.keySet());
        }

        public boolean has(String key) {
            return state.containsKey(key);
        }

        /** The raw tensor (marks it used), or an error naming the missing key. */
        public Tensor tensor(String key) {
            Tensor t = state.get(key);
            if (t == null) {
                throw new IllegalArgumentException(owner + ": missing key '" + key + "'");
            }
            unused.remove(key);
            return t;
        }

        public double getDouble(String key) {
            Tensor t = tensor(key);
            requireScalar(key, t);
            double v = t.toFloatArray()[0];
            if (state.containsKey(key + EXACT_SUFFIX)) {
                Tensor bits = tensor(key + EXACT_SUFFIX);
                double exact = Double.longBitsToDouble(exactLongs(bits)[0]);
                if ((float) exact == (float) v || Double.isNaN(v) && Double.isNaN(exact)) {
                    return exact;
                }
            }
            return v;
        }

        public double[] getDoubles(String key) {
            Tensor t = tensor(key);
            if (t.dim() != 1) {
                throw new IllegalArgumentException(owner + ": key '" + key + "' should be 1-D but has shape "
                        + Arrays.toString(t.shape()));
            }
            float[] f = t.toFloatArray();
            double[] out = new double[f.length];
            long[] bits = null;
            if (state.containsKey(key + EXACT_SUFFIX)) {
                bits = exactLongs(tensor(key + EXACT_SUFFIX));
            }
            for (int i = 0; i < f.length; i++) {
                out[i] = f[i];
                if (bits != null && bits.length == f.length) {
                    double exact = Double.longBitsToDouble(bits[i]);
                    if ((float) exact == f[i]) {
                        out[i] = exact;
                    }
                }
            }
            return out;
        }

        public long getLong(String key) {
            Tensor t = tensor(key);
            requireScalar(key, t);
            return exactLongs(t)[0];
        }

        public long[] getLongs(String key) {
            return exactLongs(tensor(key));
        }

        public boolean getBool(String key) {
            Tensor t = tensor(key);
            requireScalar(key, t);
            return t.toFloatArray()[0] != 0;
        }

        /** The keys starting with {@code prefix}, in the dict's order (not marked used). */
        public java.util.List<String> keysWithPrefix(String prefix) {
            java.util.List<String> out = new java.util.ArrayList<>();
            for (String k : state.keySet()) {
                if (k.startsWith(prefix)) {
                    out.add(k);
                }
            }
            return out;
        }

        /** Throws naming every key that no getter used. */
        public void finish() {
            if (!unused.isEmpty()) {
                throw new IllegalArgumentException(owner + ": unexpected keys " + new TreeSet<>(unused));
            }
        }

        private void requireScalar(String key, Tensor t) {
            if (t.numel() != 1) {
                throw new IllegalArgumentException(owner + ": key '" + key + "' should hold one value but has shape "
                        + Arrays.toString(t.shape()));
            }
        }

        /** The values as longs without a detour through double (which would round bit patterns). */
        private static long[] exactLongs(Tensor t) {
            if (t.dtype() != DType.INT64) {
                return t.toLongArray();
            }
            long[] src = t.storageLongs();
            long[] out = new long[t.numel()];
            if (t.dim() == 0) {
                out[0] = src[t.offset()];
                return out;
            }
            if (t.dim() != 1) {
                return t.toLongArray();
            }
            int stride = t.strides()[0];
            for (int i = 0; i < out.length; i++) {
                out[i] = src[t.offset() + i * stride];
            }
            return out;
        }

        /** True when the tensor holds booleans. */
        public static boolean isBool(Tensor t) {
            return t.dtype() == DType.BOOL;
        }
    }
}
