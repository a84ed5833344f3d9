package dev.nabla.io;

import dev.nabla.tensor.Tensor;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * An open safetensors file whose tensors are read one at a time, on demand, as the reference
 * library's {@code safe_open}: the header is parsed and fully validated when the file is opened,
 * each {@link #get(String)} maps and converts only that tensor. Use it for files larger than the
 * memory you want to spend, or to load a few tensors out of many.
 *
 * <pre>{@code
 * try (SafetensorsFile f = SafetensorsFile.open(path)) {
 *     Tensor w = f.get("encoder.layers.0.linear1.weight");
 * }
 * }</pre>
 */
public final class SafetensorsFile implements AutoCloseable {
    private final Path path;
    private final FileChannel channel;
    private final Safetensors.Header header;
    private final Map<String, Safetensors.Entry> byName = new LinkedHashMap<>();

    private SafetensorsFile(Path path, FileChannel channel, Safetensors.Header header) {
        this.path = path;
        this.channel = channel;
        this.header = header;
        for (Safetensors.Entry e : header.entries()) {
            byName.put(e.name(), e);
        }
    }

    /** Opens and validates a file; throws {@link SafetensorsException} for a malformed one. */
    public static SafetensorsFile open(Path path) throws IOException {
        FileChannel ch = FileChannel.open(path, StandardOpenOption.READ);
        try {
            return new SafetensorsFile(path, ch, Safetensors.parseHeader(path, ch));
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /** Tensor names in header order. */
    public Set<String> keys() {
        return Collections.unmodifiableSet(byName.keySet());
    }

    public Map<String, String> metadata() {
        return Collections.unmodifiableMap(header.metadata());
    }

    /** The shape stored for {@code name}. */
    public int[] shape(String name) {
        return entry(name).shape().clone();
    }

    /** The stored safetensors dtype of {@code name} ("F32", "I64", "BF16", ...). */
    public String dtype(String name) {
        return entry(name).dtype();
    }

    /** Reads one tensor (float types as float32, integers as int64, BOOL as bool). */
    public Tensor get(String name) throws IOException {
        Safetensors.Entry e = entry(name);
        return Safetensors.readTensor(channel, header.dataStart() + e.begin(), e);
    }

    private Safetensors.Entry entry(String name) {
        Safetensors.Entry e = byName.get(name);
        if (e == null) {
            throw new IllegalArgumentException("safetensors: " + path + " has no tensor '" + name + "'");
        }
        return e;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
