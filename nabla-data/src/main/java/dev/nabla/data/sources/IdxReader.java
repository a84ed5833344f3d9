package dev.nabla.data.sources;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads IDX files (the MNIST / Fashion-MNIST format), gzipped or not.
 *
 * <p>Layout: a 4-byte magic {@code 0x00 0x00 type ndims}, then ndims big-endian int32 sizes, then
 * the elements big-endian. Gzip is detected from the content (bytes 1f 8b), not the file name.
 * Everything is checked: the magic, the type code, positive dimensions, and that exactly the
 * announced number of data bytes follows; any failure is an {@link IdxFormatException} that names
 * the file and says what is wrong.
 *
 * <pre>{@code
 * IdxArray images = IdxReader.read(Path.of("train-images-idx3-ubyte.gz"));   // dims [60000, 28, 28]
 * Tensor x = images.toFloatTensor(1 / 255.0);
 * }</pre>
 */
public final class IdxReader {
    /** Largest element count read into one array. */
    private static final long MAX_BYTES = Integer.MAX_VALUE - 16;

    private IdxReader() {
    }

    /** Reads a file (gzipped or not). */
    public static IdxArray read(Path path) throws IOException {
        InputStream raw;
        try {
            raw = Files.newInputStream(path);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(path.toString(), null, "IDX file not found");
        }
        try (InputStream in = raw) {
            return read(in, path.toString());
        }
    }

    /** Reads from a stream (gzipped or not); {@code name} is used in messages. Does not close the stream. */
    public static IdxArray read(InputStream in, String name) throws IOException {
        BufferedInputStream buf = new BufferedInputStream(in, 1 << 16);
        buf.mark(2);
        int b0 = buf.read();
        int b1 = buf.read();
        buf.reset();
        InputStream body = buf;
        boolean gz = b0 == 0x1f && b1 == 0x8b;
        if (gz) {
            try {
                body = new BufferedInputStream(new GZIPInputStream(buf, 1 << 16), 1 << 16);
            } catch (EOFException | ZipException e) {
                throw new IdxFormatException(name + ": corrupt or truncated gzip header (" + e.getMessage() + ")", e);
            }
        }
        MessageDigest md5 = md5();
        DigestInputStream in2 = new DigestInputStream(body, md5);
        try {
            return parse(in2, name, md5);
        } catch (EOFException e) {
            throw new IdxFormatException(name + ": " + (gz ? "truncated gzip stream" : "unexpected end of file")
                    + " (" + e.getMessage() + ")", e);
        } catch (ZipException e) {
            throw new IdxFormatException(name + ": corrupt gzip data (" + e.getMessage() + ")", e);
        }
    }

    private static IdxArray parse(InputStream in, String name, MessageDigest md5) throws IOException {
        byte[] magic = new byte[4];
        int got = readFully(in, magic);
        if (got < 4) {
            throw new IdxFormatException(name + ": file too short for an IDX header (" + got + " bytes, need at least 4)");
        }
        if (magic[0] != 0 || magic[1] != 0) {
            throw new IdxFormatException(name + ": bad IDX magic number " + hex(magic)
                    + " (the first two bytes must be 0; is this an IDX file?)");
        }
        IdxType type = IdxType.fromCode(magic[2] & 0xFF);
        if (type == null) {
            throw new IdxFormatException(name + ": unknown IDX type code 0x" + String.format("%02x", magic[2] & 0xFF)
                    + " in magic " + hex(magic) + " (expected 08, 09, 0b, 0c, 0d or 0e)");
        }
        int ndims = magic[3] & 0xFF;
        if (ndims == 0) {
            throw new IdxFormatException(name + ": IDX header declares 0 dimensions");
        }
        byte[] header = new byte[4 * ndims];
        got = readFully(in, header);
        if (got < header.length) {
            throw new IdxFormatException(name + ": truncated IDX header: " + ndims + " dimensions need "
                    + header.length + " bytes after the magic, found " + got);
        }
        int[] dims = new int[ndims];
        long count = 1;
        for (int i = 0; i < ndims; i++) {
            int p = 4 * i;
            dims[i] = ((header[p] & 0xFF) << 24) | ((header[p + 1] & 0xFF) << 16) | ((header[p + 2] & 0xFF) << 8)
                    | (header[p + 3] & 0xFF);
            if (dims[i] < 0) {
                throw new IdxFormatException(name + ": dimension " + i + " is negative (" + dims[i] + ")");
            }
            count *= dims[i];
            if (count * type.bytes() > MAX_BYTES) {
                throw new IdxFormatException(name + ": dimensions " + java.util.Arrays.toString(dims)
                        + " are too large (more than " + MAX_BYTES + " bytes of " + type + ")");
            }
        }
        int expected = (int) (count * type.bytes());
        byte[] data = readUpTo(in, expected);
        got = data.length;
        if (got < expected) {
            throw new IdxFormatException(name + ": truncated data: dimensions " + java.util.Arrays.toString(dims) + " of "
                    + type + " need " + expected + " bytes after the header, found " + got);
        }
        long extra = 0;
        byte[] skip = new byte[8192];
        int r;
        while ((r = in.read(skip)) > 0) {
            extra += r;
        }
        if (extra > 0) {
            throw new IdxFormatException(name + ": " + extra + " unexpected bytes after the data (dimensions "
                    + java.util.Arrays.toString(dims) + " of " + type + " need exactly " + expected + " bytes)");
        }
        return new IdxArray(name, type, dims, data, HexFormat.of().formatHex(md5.digest()));
    }

    /**
     * Reads up to {@code n} bytes, growing the buffer as data arrives, so a corrupt header that
     * announces gigabytes costs memory only for the bytes really present.
     */
    private static byte[] readUpTo(InputStream in, int n) throws IOException {
        byte[] buf = new byte[Math.min(n, 1 << 20)];
        int len = 0;
        while (len < n) {
            if (len == buf.length) {
                buf = java.util.Arrays.copyOf(buf, (int) Math.min(n, 2L * buf.length));
            }
            int r = in.read(buf, len, buf.length - len);
            if (r < 0) {
                break;
            }
            len += r;
        }
        return len == buf.length ? buf : java.util.Arrays.copyOf(buf, len);
    }

    private static int readFully(InputStream in, byte[] b) throws IOException {
        int n = 0;
        while (n < b.length) {
            int r = in.read(b, n, b.length - n);
            if (r < 0) {
                break;
            }
            n += r;
        }
        return n;
    }

    private static String hex(byte[] b) {
        return HexFormat.ofDelimiter(" ").formatHex(b);
    }

    static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is missing from this JDK", e);
        }
    }
}
