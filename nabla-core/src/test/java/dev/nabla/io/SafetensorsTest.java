package dev.nabla.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.nn.Linear;
import dev.nabla.nn.Module;
import dev.nabla.nn.ReLU;
import dev.nabla.nn.Sequential;
import dev.nabla.tensor.DType;
import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsTest {
    @TempDir
    Path dir;

    /** A file with the given header text (padded as the reference writer does) and data bytes. */
    private Path file(String name, String header, byte[] data) throws IOException {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        int padded = (h.length + 7) / 8 * 8;
        ByteBuffer b = ByteBuffer.allocate(8 + padded + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(padded).put(h);
        while (b.position() < 8 + padded) {
            b.put((byte) ' ');
        }
        b.put(data);
        Path p = dir.resolve(name);
        Files.write(p, b.array());
        return p;
    }

    private static byte[] le(int bytes, long... values) {
        ByteBuffer b = ByteBuffer.allocate(bytes * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : values) {
            switch (bytes) {
                case 1 -> b.put((byte) v);
                case 2 -> b.putShort((short) v);
                case 4 -> b.putInt((int) v);
                default -> b.putLong(v);
            }
        }
        return b.array();
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        ByteBuffer b = ByteBuffer.allocate(n);
        for (byte[] p : parts) {
            b.put(p);
        }
        return b.array();
    }

    @Test
    void roundTripIsBitExact() throws IOException {
        Generator g = new Generator(1);
        Map<String, Tensor> in = new LinkedHashMap<>();
        float[] special = {0f, -0f, Float.MIN_VALUE, -Float.MAX_VALUE, Float.POSITIVE_INFINITY,
            Float.NEGATIVE_INFINITY, Float.intBitsToFloat(0x7fc00123), 1e-40f};
        in.put("special", Tensor.of(special, 2, 4));
        in.put("random", Tensor.randn(g, 3, 5, 7));
        in.put("transposed", Tensor.randn(g, 4, 6).t());
        in.put("scalar", Tensor.scalar(3.25f));
        in.put("empty", Tensor.zeros(0, 3));
        in.put("longs", Tensor.ofLongs(new long[] {Long.MIN_VALUE, -1, 0, Long.MAX_VALUE, (1L << 53) + 1}, 5));
        in.put("count", Tensor.ofLongs(new long[] {42}));
        in.put("mask", Tensor.ofBools(new boolean[] {true, false, true}, 3));
        Map<String, String> md = Map.of("format", "pt", "note", "é \"quoted\"");
        Path p = dir.resolve("rt.safetensors");
        Safetensors.save(p, in, md);

        byte[] raw = Files.readAllBytes(p);
        long n = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
        assertEquals(0, (8 + n) % 8, "data starts 8-byte aligned");
        assertEquals('{', raw[8]);

        Safetensors.Contents c = Safetensors.read(p);
        assertEquals(md, c.metadata());
        assertEquals(new ArrayList<>(in.keySet()), new ArrayList<>(c.tensors().keySet()));
        for (Map.Entry<String, Tensor> e : in.entrySet()) {
            Tensor a = e.getValue();
            Tensor b = c.tensors().get(e.getKey());
            assertArrayEquals(a.shape(), b.shape(), e.getKey());
            assertEquals(a.dtype(), b.dtype(), e.getKey());
            switch (a.dtype()) {
                case FLOAT32 -> {
                    float[] x = a.toFloatArray();
                    float[] y = b.toFloatArray();
                    for (int i = 0; i < x.length; i++) {
                        assertEquals(Float.floatToRawIntBits(x[i]), Float.floatToRawIntBits(y[i]), e.getKey() + "[" + i + "]");
                    }
                }
                case INT64 -> assertArrayEquals(TensorCopy.longs(a), TensorCopy.longs(b), e.getKey());
                case BOOL -> assertArrayEquals(a.toBoolArray(), b.toBoolArray(), e.getKey());
            }
        }
        assertEquals(md, Safetensors.readMetadata(p));
    }

    @Test
    void readsEveryDtypeAsTorchWritesIt() throws IOException {
        // Layout as Python's safetensors writes a state dict: metadata first, then tensors by offset.
        String header = "{\"__metadata__\":{\"format\":\"pt\"},"
                + "\"a.f64\":{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[0,16]},"
                + "\"b.i64\":{\"dtype\":\"I64\",\"shape\":[],\"data_offsets\":[16,24]},"
                + "\"c.f32\":{\"dtype\":\"F32\",\"shape\":[1,2],\"data_offsets\":[24,32]},"
                + "\"d.i32\":{\"dtype\":\"I32\",\"shape\":[2],\"data_offsets\":[32,40]},"
                + "\"e.f16\":{\"dtype\":\"F16\",\"shape\":[4],\"data_offsets\":[40,48]},"
                + "\"f.bf16\":{\"dtype\":\"BF16\",\"shape\":[2],\"data_offsets\":[48,52]},"
                + "\"g.bool\":{\"dtype\":\"BOOL\",\"shape\":[3],\"data_offsets\":[52,55]},"
                + "\"h.u8\":{\"dtype\":\"U8\",\"shape\":[1],\"data_offsets\":[55,56]}}";
        byte[] data = concat(
                le(8, Double.doubleToLongBits(0.1), Double.doubleToLongBits(-3.5)),
                le(8, 7),
                le(4, Float.floatToIntBits(1.5f), Float.floatToIntBits(-2f)),
                le(4, -5, 1 << 30),
                le(2, 0x3C00, 0xC000, 0x3800, 0x7BFF),
                le(2, 0x3F80, 0xC040),
                le(1, 1, 0, 1),
                le(1, 200));
        Map<String, Tensor> t = Safetensors.load(file("torch.safetensors", header, data));
        assertArrayEquals(new float[] {0.1f, -3.5f}, t.get("a.f64").toFloatArray());
        assertEquals(DType.INT64, t.get("b.i64").dtype());
        assertEquals(0, t.get("b.i64").dim());
        assertEquals(7, t.get("b.i64").get());
        assertArrayEquals(new float[] {1.5f, -2f}, t.get("c.f32").toFloatArray());
        assertArrayEquals(new long[] {-5, 1 << 30}, t.get("d.i32").toLongArray());
        assertArrayEquals(new float[] {1f, -2f, 0.5f, 65504f}, t.get("e.f16").toFloatArray());
        assertArrayEquals(new float[] {1f, -3f}, t.get("f.bf16").toFloatArray());
        assertArrayEquals(new boolean[] {true, false, true}, t.get("g.bool").toBoolArray());
        assertArrayEquals(new long[] {200}, t.get("h.u8").toLongArray());
    }

    @Test
    void loadsAPyTorchStateDictIntoTheSameModel() throws IOException {
        // nn.Sequential(nn.Linear(2, 2), nn.ReLU(), nn.Linear(2, 1)).state_dict() saved by safetensors.torch.save_file
        String header = "{\"__metadata__\":{\"format\":\"pt\"},"
                + "\"0.bias\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"0.weight\":{\"dtype\":\"F32\",\"shape\":[2,2],\"data_offsets\":[8,24]},"
                + "\"2.bias\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[24,28]},"
                + "\"2.weight\":{\"dtype\":\"F32\",\"shape\":[1,2],\"data_offsets\":[28,36]}}";
        float[] vals = {0.5f, -0.5f, 1, 2, 3, 4, 0.25f, 1, -1};
        ByteBuffer b = ByteBuffer.allocate(36).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : vals) {
            b.putFloat(v);
        }
        Path p = file("seq.safetensors", header, b.array());
        Sequential model = new Sequential(new Linear(2, 2), new ReLU(), new Linear(2, 1));
        model.loadStateDict(Safetensors.load(p));
        Linear first = (Linear) model.get(0);
        assertArrayEquals(new float[] {1, 2, 3, 4}, first.weight.toFloatArray());
        assertArrayEquals(new float[] {0.5f, -0.5f}, first.bias.toFloatArray());
        // x = [1, 1]: h = relu([3.5, 6.5]); y = 3.5 - 6.5 + 0.25
        assertEquals(-2.75f, model.call(Tensor.of(new float[] {1, 1}, 1, 2)).item(), 1e-6f);
    }

    @Test
    void modelStateDictRoundTrip() throws IOException {
        Module a = new Sequential(new Linear(5, 4, true, new Generator(1)), new ReLU(), new Linear(4, 2, false,
                new Generator(2)));
        Module b = new Sequential(new Linear(5, 4, true, new Generator(3)), new ReLU(), new Linear(4, 2, false,
                new Generator(4)));
        Path p = dir.resolve("m.safetensors");
        Safetensors.save(p, a.stateDict());
        b.loadStateDict(Safetensors.load(p));
        for (String k : a.stateDict().keySet()) {
            assertArrayEquals(a.stateDict().get(k).toFloatArray(), b.stateDict().get(k).toFloatArray(), k);
        }
    }

    // ------------------------------------------------------------------ damaged files

    private static final String GOOD = "{\"w\":{\"dtype\":\"F32\",\"shape\":[2,2],\"data_offsets\":[0,16]},"
            + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[16,24]}}";

    private void assertRejected(Path p, String... fragments) {
        SafetensorsException e = assertThrows(SafetensorsException.class, () -> Safetensors.read(p), p.toString());
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), "'" + f + "' not in: " + e.getMessage());
        }
        assertTrue(e.getMessage().contains(p.getFileName().toString()), e.getMessage());
    }

    @Test
    void goodFileForTheDamagedSetLoads() throws IOException {
        Map<String, Tensor> t = Safetensors.load(file("good.safetensors", GOOD, new byte[24]));
        assertEquals(2, t.size());
    }

    @Test
    void truncatedFiles() throws IOException {
        Path good = file("full.safetensors", GOOD, new byte[24]);
        byte[] all = Files.readAllBytes(good);
        Path cutData = dir.resolve("cut-data.safetensors");
        Files.write(cutData, java.util.Arrays.copyOf(all, all.length - 5));
        assertRejected(cutData, "outside the data section");
        Path cutHeader = dir.resolve("cut-header.safetensors");
        Files.write(cutHeader, java.util.Arrays.copyOf(all, 20));
        assertRejected(cutHeader, "header length");
        Path tiny = dir.resolve("tiny.safetensors");
        Files.write(tiny, new byte[] {1, 2, 3});
        assertRejected(tiny, "shorter than the 8-byte header length");
        Path empty = dir.resolve("empty.safetensors");
        Files.write(empty, new byte[0]);
        assertRejected(empty, "0 bytes");
    }

    @Test
    void hugeOrNegativeHeaderLength() throws IOException {
        for (long n : new long[] {Long.MAX_VALUE, -1L, 1L << 40, 200_000_000L, 0, 1}) {
            byte[] b = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN).putLong(n).array();
            Path p = dir.resolve("len" + Long.toUnsignedString(n) + ".safetensors");
            Files.write(p, b);
            assertRejected(p, "header length " + Long.toUnsignedString(n) + " is invalid");
        }
    }

    @Test
    void offsetsOutOfRangeOverlappingOrWithHoles() throws IOException {
        assertRejected(file("oob.safetensors",
                "{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                        + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[1000000,1000008]}}", new byte[16]),
                "'b'", "outside the data section");
        assertRejected(file("neg.safetensors",
                "{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[-8,0]}}", new byte[8]), "outside");
        assertRejected(file("reversed.safetensors",
                "{\"w\":{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[8,0]}}", new byte[8]), "outside");
        assertRejected(file("overlap.safetensors",
                "{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                        + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}", new byte[12]),
                "overlapping");
        assertRejected(file("hole.safetensors",
                "{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                        + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[12,20]}}", new byte[20]),
                "hole");
        assertRejected(file("trailing.safetensors", GOOD, new byte[32]), "trailing bytes");
        assertRejected(file("bigint.safetensors",
                "{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,99999999999999999999]}}", new byte[8]),
                "does not fit in 64 bits");
    }

    @Test
    void unsortedOffsetsAreFineWhenTheyCoverTheData() throws IOException {
        Map<String, Tensor> t = Safetensors.load(file("unsorted.safetensors",
                "{\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]},"
                        + "\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}",
                le(4, Float.floatToIntBits(1f), Float.floatToIntBits(2f))));
        assertEquals(2f, t.get("b").item());
        assertEquals(1f, t.get("a").item());
    }

    @Test
    void badDtypeShapeAndFields() throws IOException {
        assertRejected(file("dtype.safetensors",
                "{\"w\":{\"dtype\":\"F128\",\"shape\":[2],\"data_offsets\":[0,32]}}", new byte[32]),
                "unsupported dtype 'F128'");
        assertRejected(file("mismatch.safetensors",
                "{\"w\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", new byte[8]),
                "(12 bytes)", "span 8 bytes");
        assertRejected(file("negdim.safetensors",
                "{\"w\":{\"dtype\":\"F32\",\"shape\":[-2],\"data_offsets\":[0,8]}}", new byte[8]), "invalid dimension -2");
        assertRejected(file("fracdim.safetensors",
                "{\"w\":{\"dtype\":\"F32\",\"shape\":[2.0],\"data_offsets\":[0,8]}}", new byte[8]), "invalid dimension");
        assertRejected(file("overflow.safetensors",
                "{\"w\":{\"dtype\":\"F32\",\"shape\":[2147483647,2147483647,4],\"data_offsets\":[0,8]}}", new byte[8]),
                "too many elements");
        assertRejected(file("hugedim.safetensors",
                "{\"w\":{\"dtype\":\"F32\",\"shape\":[4294967296],\"data_offsets\":[0,8]}}", new byte[8]),
                "too large");
        assertRejected(file("noshape.safetensors",
                "{\"w\":{\"dtype\":\"F32\",\"data_offsets\":[0,8]}}", new byte[8]), "no 'shape'");
        assertRejected(file("nooffsets.safetensors",
                "{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0]}}", new byte[8]), "data_offsets");
        assertRejected(file("extra.safetensors",
                "{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8],\"evil\":1}}", new byte[8]),
                "unknown field 'evil'");
        assertRejected(file("notobj.safetensors", "{\"w\":[1,2]}", new byte[0]), "not an object");
        assertRejected(file("metadata.safetensors", "{\"__metadata__\":{\"a\":1}}", new byte[0]), "not a string");
    }

    @Test
    void badJsonAndUtf8() throws IOException {
        assertRejected(file("json1.safetensors", "{\"w\":{\"dtype\":\"F32\",}", new byte[0]), "not valid JSON");
        assertRejected(file("json2.safetensors", "[1,2,3]", new byte[0]), "does not start with '{'");
        assertRejected(file("dup.safetensors",
                "{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
                        + "\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", new byte[8]),
                "duplicate key");
        assertRejected(file("deep.safetensors", "{\"a\":" + "[".repeat(50_000) + "]".repeat(50_000) + "}",
                new byte[0]), "nesting");
        Path p = file("utf8.safetensors", "{\"__metadata__\":{\"k\":\"xx\"}}", new byte[0]);
        byte[] raw = Files.readAllBytes(p);
        raw[8 + 23] = (byte) 0xFF;
        Files.write(p, raw);
        assertRejected(p, "UTF-8");
        // the header is exactly a metadata block and no tensors: valid and empty
        assertEquals(0, Safetensors.load(file("none.safetensors", "{}", new byte[0])).size());
    }

    @Test
    void lazyFileReadsSingleTensors() throws IOException {
        Map<String, Tensor> in = new LinkedHashMap<>();
        in.put("a", Tensor.randn(new Generator(1), 3, 4));
        in.put("b", Tensor.ofLongs(new long[] {5, 6}, 2));
        Path p = dir.resolve("lazy.safetensors");
        Safetensors.save(p, in, Map.of("k", "v"));
        try (SafetensorsFile f = SafetensorsFile.open(p)) {
            assertEquals(List.of("a", "b"), new ArrayList<>(f.keys()));
            assertEquals(Map.of("k", "v"), f.metadata());
            assertArrayEquals(new int[] {3, 4}, f.shape("a"));
            assertEquals("I64", f.dtype("b"));
            assertArrayEquals(new long[] {5, 6}, f.get("b").toLongArray());
            assertArrayEquals(in.get("a").toFloatArray(), f.get("a").toFloatArray());
            var e = assertThrows(IllegalArgumentException.class, () -> f.get("c"));
            assertTrue(e.getMessage().contains("no tensor 'c'"), e.getMessage());
        }
        Path bad = file("lazybad.safetensors", "{\"w\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}",
                new byte[8]);
        assertThrows(SafetensorsException.class, () -> SafetensorsFile.open(bad));
    }

    @Test
    void largeTensorRoundTrip() throws IOException {
        // 48 MB of float32 plus an int64 tensor: exercises chunked writing and mapped reading
        int n = 12 << 20;
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = i * 0.5f - 7;
        }
        Map<String, Tensor> in = new LinkedHashMap<>();
        in.put("big", Tensor.wrap(v, 3, n / 3));
        long[] ids = new long[300_001];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = (long) i * 0x1_0000_0001L;
        }
        in.put("ids", Tensor.ofLongs(ids, ids.length));
        Path p = dir.resolve("big.safetensors");
        Safetensors.save(p, in);
        assertEquals(8 + 4L * n + 8L * ids.length, Files.size(p), 200);
        Map<String, Tensor> out = Safetensors.load(p);
        assertArrayEquals(v, out.get("big").toFloatArray());
        assertArrayEquals(ids, TensorCopy.longs(out.get("ids")));
    }

    @Test
    void writerRejectsReservedNames() {
        Map<String, Tensor> m = new LinkedHashMap<>();
        m.put("__metadata__", Tensor.zeros(1));
        assertThrows(IllegalArgumentException.class, () -> Safetensors.save(dir.resolve("x.safetensors"), m));
        assertEquals(List.of(), listTemps());
    }

    private List<Path> listTemps() {
        try (var s = Files.list(dir)) {
            return s.filter(q -> q.getFileName().toString().endsWith(".tmp")).toList();
        } catch (IOException e) {
            throw new RuntimeException(e);
        }
    }
}
