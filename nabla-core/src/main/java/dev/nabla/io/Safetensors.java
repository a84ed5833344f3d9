package dev.nabla.io;

import dev.nabla.tensor.DType;
import dev.nabla.tensor.Tensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes the safetensors format (https://github.com/huggingface/safetensors): an 8-byte
 * little-endian header length N, N bytes of UTF-8 JSON mapping each tensor name to its
 * {@code dtype}, {@code shape} and {@code data_offsets} (relative to the byte buffer after the
 * header) plus an optional {@code __metadata__} string map, then the raw little-endian data.
 *
 * <p>Reading accepts F32, F64, F16 and BF16 (as float32), I64, I32, I16, I8 and U8 (as int64) and
 * BOOL. Everything in the header is checked before any data is touched: header size (at most
 * {@value #MAX_HEADER_BYTES} bytes and the file), strict JSON and UTF-8, dtypes, non-negative
 * shapes whose sizes do not overflow, offsets that match shape times dtype size, and offsets that
 * cover the byte buffer exactly, without holes or overlaps. Tensor data is read through a memory
 * map, one tensor at a time. Writing produces F32, I64 and BOOL with the header padded with
 * spaces to a multiple of 8 bytes.
 *
 * <pre>{@code
 * Safetensors.save(Path.of("model.safetensors"), model.stateDict(), Map.of("epoch", "3"));
 * model.loadStateDict(Safetensors.load(Path.of("model.safetensors")));
 * }</pre>
 */
public final class Safetensors {
    /** The largest header accepted, as the reference implementation's limit. */
    public static final long MAX_HEADER_BYTES = 100_000_000L;

    private static final String METADATA = "__metadata__";
    private static final long HEADER_HEAP_FACTOR = 16;

    private Safetensors() {
    }

    /** The tensors of a file (in header order) and its metadata. */
    public record Contents(Map<String, Tensor> tensors, Map<String, String> metadata) {
    }

    /** The tensors of a file, by name, in header order. */
    public static Map<String, Tensor> load(Path path) throws IOException {
        return read(path).tensors();
    }

    /** The metadata map of a file (empty if none), without reading tensor data. */
    public static Map<String, String> readMetadata(Path path) throws IOException {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            return parseHeader(path, ch).metadata;
        }
    }

    /** Reads and validates a whole file. */
    public static Contents read(Path path) throws IOException {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            Header h = parseHeader(path, ch);
            checkHeap(path, h);
            Map<String, Tensor> tensors = new LinkedHashMap<>();
            for (Entry e : h.entries) {
                tensors.put(e.name, readTensor(ch, h.dataStart + e.begin, e));
            }
            return new Contents(tensors, h.metadata);
        }
    }

    // ------------------------------------------------------------------ header

    record Entry(String name, String dtype, int[] shape, int numel, long begin, long end) {
    }

    record Header(List<Entry> entries, Map<String, String> metadata, long dataStart) {
    }

    static Header parseHeader(Path path, FileChannel ch) throws IOException {
        long fileSize = ch.size();
        if (fileSize < 8) {
            throw bad(path, "file is " + fileSize + " bytes, shorter than the 8-byte header length");
        }
        ByteBuffer lenBuf = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        readFully(ch, lenBuf, 0, path);
        long n = lenBuf.getLong(0);
        if (n < 2 || n > MAX_HEADER_BYTES || n > fileSize - 8) {
            throw bad(path, "header length " + Long.toUnsignedString(n) + " is invalid (file is " + fileSize
                    + " bytes, limit " + MAX_HEADER_BYTES + ")");
        }
        // Parsing costs about ten bytes of heap per header byte (text, maps, boxed numbers); refuse a
        // header the heap cannot hold instead of failing with an OutOfMemoryError.
        Runtime rt = Runtime.getRuntime();
        long free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
        if (n * HEADER_HEAP_FACTOR > free) {
            throw bad(path, "header of " + n + " bytes needs about " + n * HEADER_HEAP_FACTOR
                    + " bytes of memory to parse but the JVM has about " + free + " free");
        }
        ByteBuffer hb = ByteBuffer.allocate((int) n);
        readFully(ch, hb, 8, path);
        byte[] bytes = hb.array();
        if (bytes[0] != '{') {
            throw bad(path, "header does not start with '{'");
        }
        Object json;
        try {
            json = Json.parse(bytes);
        } catch (Json.JsonException e) {
            throw bad(path, "header is not valid JSON: " + e.getMessage());
        }
        if (!(json instanceof Map<?, ?> top)) {
            throw bad(path, "header is not a JSON object");
        }
        long dataStart = 8 + n;
        long dataLen = fileSize - dataStart;
        Map<String, String> metadata = new LinkedHashMap<>();
        List<Entry> entries = new ArrayList<>();
        for (Map.Entry<?, ?> e : top.entrySet()) {
            String name = (String) e.getKey();
            if (name.equals(METADATA)) {
                if (!(e.getValue() instanceof Map<?, ?> md)) {
                    throw bad(path, "__metadata__ must be an object of strings");
                }
                for (Map.Entry<?, ?> m : md.entrySet()) {
                    if (!(m.getValue() instanceof String v)) {
                        throw bad(path, "__metadata__ value for '" + m.getKey() + "' is not a string");
                    }
                    metadata.put((String) m.getKey(), v);
                }
                continue;
            }
            entries.add(entry(path, name, e.getValue(), dataLen));
        }
        // The byte buffer must be covered exactly: sorted by offset, each tensor starts where the last ended.
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
        long expected = 0;
        for (Entry e : sorted) {
            if (e.begin != expected) {
                throw bad(path, "tensor '" + e.name + "' starts at byte " + e.begin + " but the previous tensor ends at "
                        + expected + (e.begin < expected ? " (overlapping data)" : " (a hole in the data)"));
            }
            expected = e.end;
        }
        if (expected != dataLen) {
            throw bad(path, "tensors cover " + expected + " bytes but the data section holds " + dataLen
                    + " bytes (trailing bytes or a truncated file)");
        }
        return new Header(entries, metadata, dataStart);
    }

    private static Entry entry(Path path, String name, Object value, long dataLen) throws SafetensorsException {
        if (!(value instanceof Map<?, ?> info)) {
            throw bad(path, "entry '" + name + "' is not an object");
        }
        for (Object k : info.keySet()) {
            if (!k.equals("dtype") && !k.equals("shape") && !k.equals("data_offsets")) {
                throw bad(path, "entry '" + name + "' has unknown field '" + k + "'");
            }
        }
        if (!(info.get("dtype") instanceof String dtype)) {
            throw bad(path, "entry '" + name + "' has no string 'dtype'");
        }
        int size = dtypeSize(dtype);
        if (size < 0) {
            throw bad(path, "entry '" + name + "' has unsupported dtype '" + dtype
                    + "' (supported: F32, F64, F16, BF16, I64, I32, I16, I8, U8, BOOL)");
        }
        if (!(info.get("shape") instanceof List<?> shapeList)) {
            throw bad(path, "entry '" + name + "' has no 'shape' array");
        }
        if (shapeList.size() > 64) {
            throw bad(path, "entry '" + name + "' has " + shapeList.size() + " dimensions (at most 64)");
        }
        int[] shape = new int[shapeList.size()];
        long numel = 1;
        for (int i = 0; i < shape.length; i++) {
            if (!(shapeList.get(i) instanceof Long d) || d < 0) {
                throw bad(path, "entry '" + name + "' has an invalid dimension " + shapeList.get(i)
                        + " in shape " + shapeList);
            }
            if (d > Integer.MAX_VALUE) {
                throw bad(path, "entry '" + name + "' has dimension " + d + " in shape " + shapeList
                        + ", too large for a tensor");
            }
            shape[i] = (int) (long) d;
            numel = numel == 0 || d == 0 ? 0 : Math.multiplyHigh(numel, d) != 0 ? -1 : numel * d;
            if (numel < 0 || numel > Integer.MAX_VALUE - 8) {
                throw bad(path, "entry '" + name + "' has shape " + shapeList + " with too many elements for a tensor");
            }
        }
        if (!(info.get("data_offsets") instanceof List<?> offs) || offs.size() != 2
                || !(offs.get(0) instanceof Long begin) || !(offs.get(1) instanceof Long end)) {
            throw bad(path, "entry '" + name + "' needs 'data_offsets' as [begin, end] integers");
        }
        if (begin < 0 || end < begin || end > dataLen) {
            throw bad(path, "entry '" + name + "' has data_offsets [" + begin + ", " + end
                    + "] outside the data section of " + dataLen + " bytes");
        }
        long bytes = numel * size;
        if (end - begin != bytes) {
            throw bad(path, "entry '" + name + "' has shape " + Arrays.toString(shape) + " and dtype " + dtype + " ("
                    + bytes + " bytes) but data_offsets [" + begin + ", " + end + "] span " + (end - begin) + " bytes");
        }
        return new Entry(name, dtype, shape, (int) numel, begin, end);
    }

    /** Refuses, with a clear message, a file whose tensors cannot fit in the heap (integers widen to 8 bytes). */
    private static void checkHeap(Path path, Header h) throws SafetensorsException {
        long need = 0;
        for (Entry e : h.entries) {
            int out = switch (e.dtype) {
                case "F32", "F64", "F16", "BF16" -> 4;
                case "BOOL" -> 1;
                default -> 8;
            };
            need += (long) e.numel * out;
        }
        Runtime rt = Runtime.getRuntime();
        long available = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
        if (need > available) {
            throw bad(path, "the tensors need " + need + " bytes of memory but the JVM has about " + available
                    + " free (raise -Xmx)");
        }
    }

    private static int dtypeSize(String dtype) {
        return switch (dtype) {
            case "F64", "I64" -> 8;
            case "F32", "I32" -> 4;
            case "F16", "BF16", "I16" -> 2;
            case "I8", "U8", "BOOL" -> 1;
            default -> -1;
        };
    }

    private static void readFully(FileChannel ch, ByteBuffer buf, long position, Path path) throws IOException {
        long p = position;
        while (buf.hasRemaining()) {
            int r = ch.read(buf, p);
            if (r < 0) {
                throw bad(path, "unexpected end of file at byte " + p);
            }
            p += r;
        }
    }

    private static SafetensorsException bad(Path path, String what) {
        return new SafetensorsException("safetensors: " + path + ": " + what);
    }

    // ------------------------------------------------------------------ data

    static Tensor readTensor(FileChannel ch, long position, Entry e) throws IOException {
        int n = e.numel;
        long bytes = e.end - e.begin;
        ByteBuffer buf = bytes == 0 ? ByteBuffer.allocate(0) : map(ch, position, bytes);
        buf.order(ByteOrder.LITTLE_ENDIAN);
        switch (e.dtype) {
            case "F32": {
                float[] v = new float[n];
                buf.asFloatBuffer().get(v);
                return Tensor.wrap(v, e.shape);
            }
            case "F64": {
                float[] v = new float[n];
                for (int i = 0; i < n; i++) {
                    v[i] = (float) buf.getDouble(i * 8);
                }
                return Tensor.wrap(v, e.shape);
            }
            case "F16": {
                float[] v = new float[n];
                for (int i = 0; i < n; i++) {
                    v[i] = Float.float16ToFloat(buf.getShort(i * 2));
                }
                return Tensor.wrap(v, e.shape);
            }
            case "BF16": {
                float[] v = new float[n];
                for (int i = 0; i < n; i++) {
                    v[i] = Float.intBitsToFloat((buf.getShort(i * 2) & 0xFFFF) << 16);
                }
                return Tensor.wrap(v, e.shape);
            }
            case "I64": {
                long[] v = new long[n];
                buf.asLongBuffer().get(v);
                return longs(v, e.shape);
            }
            case "I32": {
                long[] v = new long[n];
                for (int i = 0; i < n; i++) {
                    v[i] = buf.getInt(i * 4);
                }
                return longs(v, e.shape);
            }
            case "I16": {
                long[] v = new long[n];
                for (int i = 0; i < n; i++) {
                    v[i] = buf.getShort(i * 2);
                }
                return longs(v, e.shape);
            }
            case "I8", "U8": {
                long[] v = new long[n];
                boolean unsigned = e.dtype.equals("U8");
                for (int i = 0; i < n; i++) {
                    byte b = buf.get(i);
                    v[i] = unsigned ? b & 0xFF : b;
                }
                return longs(v, e.shape);
            }
            case "BOOL": {
                boolean[] v = new boolean[n];
                for (int i = 0; i < n; i++) {
                    v[i] = buf.get(i) != 0;
                }
                return Tensor.ofBools(v, e.shape);
            }
            default:
                throw new IllegalStateException("unreachable dtype " + e.dtype);
        }
    }

    private static Tensor longs(long[] v, int[] shape) {
        Tensor t = Tensor.empty(DType.INT64, shape);
        System.arraycopy(v, 0, t.storageLongs(), 0, v.length);
        return t;
    }

    private static MappedByteBuffer map(FileChannel ch, long position, long bytes) throws IOException {
        return ch.map(FileChannel.MapMode.READ_ONLY, position, bytes);
    }

    // ------------------------------------------------------------------ writing

    /**
     * Writes tensors (float32 as F32, int64 as I64, bool as BOOL) and string metadata to a file,
     * atomically: a crash mid-write leaves any previous file at {@code path} intact.
     */
    public static void save(Path path, Map<String, Tensor> tensors, Map<String, String> metadata) throws IOException {
        AtomicFiles.write(path, ch -> write(ch, tensors, metadata));
    }

    public static void save(Path path, Map<String, Tensor> tensors) throws IOException {
        save(path, tensors, Map.of());
    }

    /** Writes a complete safetensors stream to {@code out}. */
    public static void write(WritableByteChannel out, Map<String, Tensor> tensors, Map<String, String> metadata)
            throws IOException {
        Map<String, Object> header = new LinkedHashMap<>();
        if (metadata != null && !metadata.isEmpty()) {
            Map<String, Object> md = new LinkedHashMap<>();
            for (Map.Entry<String, String> e : metadata.entrySet()) {
                if (e.getKey() == null || e.getValue() == null) {
                    throw new IllegalArgumentException("safetensors: metadata keys and values must not be null");
                }
                md.put(e.getKey(), e.getValue());
            }
            header.put(METADATA, md);
        }
        long offset = 0;
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            String name = e.getKey();
            Tensor t = e.getValue();
            if (name == null || name.equals(METADATA)) {
                throw new IllegalArgumentException("safetensors: invalid tensor name " + name);
            }
            if (t == null) {
                throw new IllegalArgumentException("safetensors: tensor '" + name + "' is null");
            }
            long size = (long) t.numel() * elementSize(t.dtype());
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("dtype", dtypeName(t.dtype()));
            List<Object> shape = new ArrayList<>();
            for (int d : t.shape()) {
                shape.add((long) d);
            }
            info.put("shape", shape);
            info.put("data_offsets", List.of(offset, offset + size));
            header.put(name, info);
            offset += size;
        }
        byte[] json = Json.write(header).getBytes(StandardCharsets.UTF_8);
        int padded = (json.length + 7) / 8 * 8;
        ByteBuffer head = ByteBuffer.allocate(8 + padded).order(ByteOrder.LITTLE_ENDIAN);
        head.putLong(padded).put(json);
        while (head.hasRemaining()) {
            head.put((byte) ' ');
        }
        head.flip();
        writeFully(out, head);
        ByteBuffer buf = ByteBuffer.allocate(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
        for (Tensor t : tensors.values()) {
            switch (t.dtype()) {
                case FLOAT32 -> {
                    float[] v = t.contiguousFloats();
                    // Bulk copies through a float view of the byte buffer (little-endian), a chunk at a time.
                    for (int i = 0; i < v.length; ) {
                        if (buf.remaining() < 4) {
                            flush(out, buf);
                        }
                        int n = Math.min(buf.remaining() / 4, v.length - i);
                        buf.asFloatBuffer().put(v, i, n);
                        buf.position(buf.position() + 4 * n);
                        i += n;
                    }
                }
                case INT64 -> {
                    long[] v = TensorCopy.longs(t);
                    for (int i = 0; i < v.length; ) {
                        if (buf.remaining() < 8) {
                            flush(out, buf);
                        }
                        int n = Math.min(buf.remaining() / 8, v.length - i);
                        buf.asLongBuffer().put(v, i, n);
                        buf.position(buf.position() + 8 * n);
                        i += n;
                    }
                }
                case BOOL -> {
                    boolean[] v = t.toBoolArray();
                    for (boolean x : v) {
                        if (!buf.hasRemaining()) {
                            flush(out, buf);
                        }
                        buf.put((byte) (x ? 1 : 0));
                    }
                }
            }
        }
        flush(out, buf);
    }

    private static void flush(WritableByteChannel out, ByteBuffer buf) throws IOException {
        buf.flip();
        writeFully(out, buf);
        buf.clear();
    }

    private static void writeFully(WritableByteChannel out, ByteBuffer buf) throws IOException {
        while (buf.hasRemaining()) {
            out.write(buf);
        }
    }

    private static int elementSize(DType d) {
        return switch (d) {
            case FLOAT32 -> 4;
            case INT64 -> 8;
            case BOOL -> 1;
        };
    }

    private static String dtypeName(DType d) {
        return switch (d) {
            case FLOAT32 -> "F32";
            case INT64 -> "I64";
            case BOOL -> "BOOL";
        };
    }
}
