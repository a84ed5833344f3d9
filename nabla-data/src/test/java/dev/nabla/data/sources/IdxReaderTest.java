package dev.nabla.data.sources;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.tensor.DType;
import dev.nabla.tensor.Tensor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {
    @TempDir
    Path dir;

    static byte[] idx(int type, int[] dims, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + data.length); // big-endian by default
        b.put((byte) 0).put((byte) 0).put((byte) type).put((byte) dims.length);
        for (int d : dims) {
            b.putInt(d);
        }
        b.put(data);
        return b.array();
    }

    static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bos)) {
            gz.write(raw);
        }
        return bos.toByteArray();
    }

    Path file(String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    @Test
    void readsEveryTypeGzippedOrNot() throws Exception {
        byte[] ubyte = idx(0x08, new int[] {2, 3}, new byte[] {0, 1, 2, (byte) 200, (byte) 255, 7});
        for (boolean gz : new boolean[] {false, true}) {
            Path p = file("u" + gz, gz ? gzip(ubyte) : ubyte); // no .gz suffix: detection is by content
            IdxArray a = IdxReader.read(p);
            assertEquals(IdxType.UBYTE, a.type());
            assertArrayEquals(new int[] {2, 3}, a.dims());
            Tensor t = a.toLongTensor();
            assertEquals(DType.INT64, t.dtype());
            assertArrayEquals(new long[] {0, 1, 2, 200, 255, 7}, t.toLongArray());
            assertArrayEquals(new float[] {0, 1 / 255f, 2 / 255f, 200 / 255f, 1, 7 / 255f},
                    a.toFloatTensor(1 / 255.0).toFloatArray(), 1e-7f);
            assertEquals(HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5").digest(ubyte)), a.md5());
        }
        ByteBuffer sb = ByteBuffer.allocate(6).putShort((short) -2).putShort((short) 300).putShort((short) 0);
        assertArrayEquals(new long[] {-2, 300, 0},
                IdxReader.read(file("s", idx(0x0B, new int[] {3}, sb.array()))).toLongTensor().toLongArray());
        assertArrayEquals(new long[] {-128, 127},
                IdxReader.read(file("b", idx(0x09, new int[] {2}, new byte[] {-128, 127}))).toLongTensor().toLongArray());
        ByteBuffer ib = ByteBuffer.allocate(8).putInt(-70000).putInt(1 << 30);
        assertArrayEquals(new long[] {-70000, 1 << 30},
                IdxReader.read(file("i", idx(0x0C, new int[] {2}, ib.array()))).toLongTensor().toLongArray());
        ByteBuffer fb = ByteBuffer.allocate(8).putFloat(-1.5f).putFloat(3.25f);
        assertArrayEquals(new float[] {-1.5f, 3.25f},
                IdxReader.read(file("f", idx(0x0D, new int[] {1, 2}, fb.array()))).toFloatTensor().toFloatArray());
        ByteBuffer db = ByteBuffer.allocate(8).putDouble(0.1);
        assertEquals(0.1f, IdxReader.read(file("d", idx(0x0E, new int[] {1}, db.array()))).toFloatTensor().item());
    }

    @Test
    void writerRoundTrips() throws Exception {
        IdxArray a = IdxArray.ofUnsignedBytes(new byte[] {5, 6, 7, 8, 9, 10}, 3, 2);
        Path p = dir.resolve("w.gz");
        IdxWriter.write(a, p, true);
        IdxArray b = IdxReader.read(p);
        assertArrayEquals(a.data(), b.data());
        assertArrayEquals(a.dims(), b.dims());
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file is left behind");
        }
    }

    void assertBad(byte[] bytes, String... fragments) throws IOException {
        Path p = file("bad-" + Arrays.hashCode(bytes) + ".idx", bytes);
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> IdxReader.read(p));
        assertTrue(e.getMessage().contains(p.toString()), e.getMessage());
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), "'" + f + "' missing in: " + e.getMessage());
        }
    }

    @Test
    void corruptOrTruncatedFilesGiveClearErrors() throws Exception {
        byte[] good = idx(0x08, new int[] {4, 2}, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        assertBad(new byte[] {0, 0}, "too short", "2 bytes");
        assertBad(new byte[] {1, 2, 8, 1, 0, 0, 0, 0}, "bad IDX magic number 01 02 08 01");
        assertBad(idx(0x07, new int[] {1}, new byte[] {1}), "unknown IDX type code 0x07");
        assertBad(new byte[] {0, 0, 8, 0}, "0 dimensions");
        assertBad(Arrays.copyOf(good, 9), "truncated IDX header", "2 dimensions need 8 bytes", "found 5");
        assertBad(Arrays.copyOf(good, good.length - 3), "truncated data", "[4, 2]", "need 8 bytes", "found 5");
        byte[] longer = Arrays.copyOf(good, good.length + 2);
        assertBad(longer, "2 unexpected bytes after the data");
        assertBad(idx(0x0C, new int[] {-1}, new byte[0]), "dimension 0 is negative");
        assertBad(idx(0x0E, new int[] {65536, 65536}, new byte[0]), "too large");
        // A header announcing a gigabyte over five bytes of data: reported, not allocated.
        assertBad(idx(0x08, new int[] {1 << 20, 1 << 10}, new byte[5]), "need 1073741824 bytes", "found 5");

        byte[] big = new byte[5000];
        new java.util.Random(1).nextBytes(big);
        byte[] gz = gzip(idx(0x08, new int[] {50, 100}, big));
        assertBad(Arrays.copyOf(gz, gz.length / 2), "truncated gzip stream");
        byte[] flipped = gz.clone();
        for (int i = 40; i < 60; i++) {
            flipped[i] ^= (byte) 0x5A;
        }
        Path p = file("flipped.gz", flipped);
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> IdxReader.read(p));
        assertTrue(e.getMessage().startsWith(p.toString() + ": "), e.getMessage());
        assertTrue(e.getMessage().contains("gzip") || e.getMessage().contains("truncated"), e.getMessage());
    }
}
