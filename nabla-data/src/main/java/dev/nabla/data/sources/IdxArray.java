package dev.nabla.data.sources;

import dev.nabla.tensor.Tensor;
import java.util.Arrays;

/**
 * The contents of an IDX file: element type, dimensions and the raw big-endian element bytes.
 * Conversions to tensors decode the bytes; {@link #md5()} is the checksum of the decompressed file.
 *
 * @param source where it was read from (for messages)
 * @param type   element type
 * @param dims   dimensions, e.g. [60000, 28, 28]
 * @param data   raw element bytes, big-endian, row-major
 * @param md5    hex MD5 of the whole decompressed file (header and data), or null when not computed
 */
public record IdxArray(String source, IdxType type, int[] dims, byte[] data, String md5) {

    /** The number of elements. */
    public long numel() {
        long n = 1;
        for (int d : dims) {
            n *= d;
        }
        return n;
    }

    /** Element {@code i} as a double, for any type. */
    public double value(int i) {
        int p = i * type.bytes();
        return switch (type) {
            case UBYTE -> data[p] & 0xFF;
            case BYTE -> data[p];
            case SHORT -> (short) (((data[p] & 0xFF) << 8) | (data[p + 1] & 0xFF));
            case INT -> readInt(p);
            case FLOAT -> Float.intBitsToFloat(readInt(p));
            case DOUBLE -> Double.longBitsToDouble(((long) readInt(p) << 32) | (readInt(p + 4) & 0xFFFFFFFFL));
        };
    }

    private int readInt(int p) {
        return ((data[p] & 0xFF) << 24) | ((data[p + 1] & 0xFF) << 16) | ((data[p + 2] & 0xFF) << 8) | (data[p + 3] & 0xFF);
    }

    /** A float32 tensor of shape {@code dims} holding value * scale (e.g. scale 1/255 for pixels). */
    public Tensor toFloatTensor(double scale) {
        int n = Math.toIntExact(numel());
        float[] out = new float[n];
        if (type == IdxType.UBYTE) {
            // The common case (images): no per-element switch.
            float s = (float) scale;
            for (int i = 0; i < n; i++) {
                out[i] = (data[i] & 0xFF) * s;
            }
        } else {
            for (int i = 0; i < n; i++) {
                out[i] = (float) (value(i) * scale);
            }
        }
        return Tensor.wrap(out, dims.clone());
    }

    /** A float32 tensor of the values unscaled. */
    public Tensor toFloatTensor() {
        return toFloatTensor(1.0);
    }

    /** An int64 tensor of the values (integer types; floating values are truncated toward zero). */
    public Tensor toLongTensor() {
        int n = Math.toIntExact(numel());
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            out[i] = (long) value(i);
        }
        return Tensor.ofLongs(out, dims.clone());
    }

    /** An array of unsigned bytes, e.g. for writing a sample. */
    public static IdxArray ofUnsignedBytes(byte[] data, int... dims) {
        long n = 1;
        for (int d : dims) {
            n *= d;
        }
        if (n != data.length) {
            throw new IllegalArgumentException("IdxArray: " + data.length + " bytes cannot fill dims "
                    + Arrays.toString(dims));
        }
        return new IdxArray("memory", IdxType.UBYTE, dims.clone(), data, null);
    }

    @Override
    public String toString() {
        return "IdxArray(" + source + ", " + type + ", " + Arrays.toString(dims) + ")";
    }
}
