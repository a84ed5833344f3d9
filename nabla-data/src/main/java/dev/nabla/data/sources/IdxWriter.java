package dev.nabla.data.sources;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes IDX files (optionally gzipped), the inverse of {@link IdxReader}. */
public final class IdxWriter {
    private IdxWriter() {
    }

    /**
     * Writes {@code array} to {@code path} through a temporary file and a rename, so readers never
     * see half a file. The gzip header carries no name or time, so the bytes are reproducible.
     */
    public static void write(IdxArray array, Path path, boolean gzip) throws IOException {
        Path dir = path.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, path.getFileName().toString(), ".part");
        try {
            try (OutputStream file = Files.newOutputStream(tmp);
                    OutputStream out = new BufferedOutputStream(gzip ? new GZIPOutputStream(file, 1 << 16) : file,
                            1 << 16)) {
                write(array, out);
            }
            Downloads.moveAtomically(tmp, path);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Writes the header and data to a stream (not closed). */
    public static void write(IdxArray array, OutputStream out) throws IOException {
        int[] dims = array.dims();
        if (dims.length == 0 || dims.length > 255) {
            throw new IllegalArgumentException("IdxWriter: IDX needs 1 to 255 dimensions, got " + dims.length);
        }
        long expected = array.numel() * array.type().bytes();
        if (expected != array.data().length) {
            throw new IllegalArgumentException("IdxWriter: " + array.data().length + " data bytes do not match dims "
                    + java.util.Arrays.toString(dims) + " of " + array.type() + " (" + expected + " bytes)");
        }
        out.write(new byte[] {0, 0, (byte) array.type().code(), (byte) dims.length});
        for (int d : dims) {
            out.write(new byte[] {(byte) (d >>> 24), (byte) (d >>> 16), (byte) (d >>> 8), (byte) d});
        }
        out.write(array.data());
    }
}
