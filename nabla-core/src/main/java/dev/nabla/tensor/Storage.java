package dev.nabla.tensor;

/**
 * The flat primitive array behind one or more tensors (views share it).
 * Exactly one of the arrays is non-null, chosen by the dtype. The version counter is bumped by
 * every in-place write so that autograd can refuse to use a saved tensor that changed.
 */
final class Storage {
    final DType dtype;
    final float[] floats;
    final long[] longs;
    final boolean[] bools;
    int version;
    /** Creation order, so autograd can tell storages made during a backward pass (see {@link #clock()}). */
    final long serial = CLOCK.incrementAndGet();

    private static final java.util.concurrent.atomic.AtomicLong CLOCK = new java.util.concurrent.atomic.AtomicLong();

    private Storage(DType dtype, float[] floats, long[] longs, boolean[] bools) {
        this.dtype = dtype;
        this.floats = floats;
        this.longs = longs;
        this.bools = bools;
    }

    /** The serial of the last storage made so far; every storage made later has a larger one. */
    static long clock() {
        return CLOCK.get();
    }

    static Storage of(float[] data) {
        return new Storage(DType.FLOAT32, data, null, null);
    }

    static Storage of(long[] data) {
        return new Storage(DType.INT64, null, data, null);
    }

    static Storage of(boolean[] data) {
        return new Storage(DType.BOOL, null, null, data);
    }

    static Storage allocate(DType dtype, int n) {
        return switch (dtype) {
            case FLOAT32 -> of(new float[n]);
            case INT64 -> of(new long[n]);
            case BOOL -> of(new boolean[n]);
        };
    }

    int length() {
        return switch (dtype) {
            case FLOAT32 -> floats.length;
            case INT64 -> longs.length;
            case BOOL -> bools.length;
        };
    }

    double get(int i) {
        return switch (dtype) {
            case FLOAT32 -> floats[i];
            case INT64 -> longs[i];
            case BOOL -> bools[i] ? 1 : 0;
        };
    }

    /** Element i as a long: exact for int64 (a double holds only 53 bits), truncated for float. */
    long getLong(int i) {
        return switch (dtype) {
            case FLOAT32 -> (long) floats[i];
            case INT64 -> longs[i];
            case BOOL -> bools[i] ? 1 : 0;
        };
    }

    /** this[i] = src[j], converting the dtype; int64 to int64 is copied exactly. */
    void copyElement(int i, Storage src, int j) {
        if (dtype == DType.INT64) {
            longs[i] = src.getLong(j);
        } else {
            set(i, src.get(j));
        }
    }

    void set(int i, double v) {
        switch (dtype) {
            case FLOAT32 -> floats[i] = (float) v;
            case INT64 -> longs[i] = (long) v;
            case BOOL -> bools[i] = v != 0;
        }
    }
}
