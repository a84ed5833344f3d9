package dev.nabla.train.tensorboard;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32C;

/**
 * TFRecord framing, the container of TensorBoard event files. Each record is
 * {@code uint64 length, uint32 maskedCrc(length), byte[length] data, uint32 maskedCrc(data)},
 * little-endian, where the CRC is CRC-32C (Castagnoli) rotated and offset so that a CRC of data
 * that itself contains CRCs is not trivially related to them.
 */
public final class TfRecord {
    private static final int MASK_DELTA = 0xa282ead8;

    private TfRecord() {}

    /** The masked CRC-32C of {@code data[off, off + len)}. */
    public static int maskedCrc32c(byte[] data, int off, int len) {
        CRC32C crc = new CRC32C();
        crc.update(data, off, len);
        int c = (int) crc.getValue();
        return ((c >>> 15) | (c << 17)) + MASK_DELTA;
    }

    /** Writes one framed record. */
    public static void write(OutputStream out, byte[] data) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        header.putLong(data.length);
        header.putInt(maskedCrc32c(header.array(), 0, 8));
        ByteBuffer footer = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
        footer.putInt(maskedCrc32c(data, 0, data.length));
        out.write(header.array());
        out.write(data);
        out.write(footer.array());
    }

    /**
     * Reads one record, or returns null at a clean end of stream. Throws on a truncated record
     * or a CRC mismatch, naming which part is bad.
     */
    public static byte[] read(InputStream in) throws IOException {
        byte[] header = new byte[12];
        int first = in.readNBytes(header, 0, 12);
        if (first == 0) {
            return null;
        }
        if (first < 12) {
            throw new EOFException("tfrecord: truncated header (" + first + " of 12 bytes)");
        }
        ByteBuffer hb = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
        long length = hb.getLong(0);
        if (hb.getInt(8) != maskedCrc32c(header, 0, 8)) {
            throw new IOException("tfrecord: length CRC mismatch (corrupt or not an event file)");
        }
        if (length < 0 || length > Integer.MAX_VALUE - 16) {
            throw new IOException("tfrecord: record length " + length + " is out of range");
        }
        byte[] data = in.readNBytes((int) length);
        byte[] footer = in.readNBytes(4);
        if (data.length < length || footer.length < 4) {
            throw new EOFException("tfrecord: truncated record (expected " + length + " data bytes)");
        }
        int crc = ByteBuffer.wrap(footer).order(ByteOrder.LITTLE_ENDIAN).getInt();
        if (crc != maskedCrc32c(data, 0, data.length)) {
            throw new IOException("tfrecord: data CRC mismatch in a record of " + length + " bytes");
        }
        return data;
    }
}
