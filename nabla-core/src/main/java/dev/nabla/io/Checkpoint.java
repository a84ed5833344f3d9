package dev.nabla.io;

import dev.nabla.tensor.Tensor;
import java.io.IOException;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Saves and restores a training run (model, optimizer, schedule, random generator, ...) as one
 * safetensors file. Each part's state-dict keys are prefixed with its name ({@code model.fc.weight},
 * {@code optimizer.state.0.exp_avg}, {@code rng.state}); the epoch and user metadata go into the
 * header's metadata. The file is written to a temporary file in the same folder, fsync'd and
 * renamed over the old one, so a process killed mid-save leaves the previous checkpoint intact.
 *
 * <pre>{@code
 * Map<String, Stateful> parts = Map.of("model", model, "optimizer", opt, "rng", new GeneratorState(gen));
 * Checkpoint.save(path, parts, epoch);
 * long resumeFrom = Checkpoint.load(path, parts).epoch() + 1;
 * }</pre>
 */
public final class Checkpoint {
    /** Metadata key holding the epoch. */
    public static final String EPOCH = "epoch";
    /** Metadata key holding the comma-separated part names. */
    public static final String PARTS = "nabla.parts";
    /** Metadata key naming the format. */
    public static final String FORMAT = "nabla.format";
    private static final String FORMAT_VALUE = "nabla-checkpoint-1";

    private Checkpoint() {
    }

    /** What a checkpoint records besides the tensors. */
    public record Info(long epoch, List<String> parts, Map<String, String> metadata) {
    }

    public static void save(Path path, Map<String, ? extends Stateful> parts, long epoch) throws IOException {
        save(path, parts, epoch, Map.of());
    }

    /** Writes every part's state, prefixed by its name, with the epoch and {@code metadata}. */
    public static void save(Path path, Map<String, ? extends Stateful> parts, long epoch, Map<String, String> metadata)
            throws IOException {
        save(path, parts, epoch, metadata, UnaryOperator.identity());
    }

    /** As {@link #save(Path, Map, long, Map)} with a channel wrapper (tests use it to fail mid-write). */
    static void save(Path path, Map<String, ? extends Stateful> parts, long epoch, Map<String, String> metadata,
            UnaryOperator<WritableByteChannel> wrap) throws IOException {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (Map.Entry<String, ? extends Stateful> p : parts.entrySet()) {
            String name = p.getKey();
            if (name == null || name.isEmpty() || name.contains(".") || name.contains(",")) {
                throw new IllegalArgumentException("Checkpoint.save: part name must be non-empty without '.' or ',', got "
                        + name);
            }
            for (Map.Entry<String, Tensor> e : p.getValue().stateDict().entrySet()) {
                tensors.put(name + "." + e.getKey(), e.getValue());
            }
        }
        Map<String, String> md = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : metadata.entrySet()) {
            if (e.getKey().equals(EPOCH) || e.getKey().equals(PARTS) || e.getKey().equals(FORMAT)) {
                throw new IllegalArgumentException("Checkpoint.save: metadata key '" + e.getKey() + "' is reserved");
            }
            md.put(e.getKey(), e.getValue());
        }
        md.put(FORMAT, FORMAT_VALUE);
        md.put(EPOCH, Long.toString(epoch));
        md.put(PARTS, String.join(",", parts.keySet()));
        AtomicFiles.write(path, ch -> Safetensors.write(ch, tensors, md), wrap);
    }

    /**
     * Restores each given part from the checkpoint (each part's own loadStateDict checks its keys)
     * and returns the epoch and metadata. Parts saved in the file but not asked for are left alone;
     * a part asked for but absent is an error. If any part refuses its state, the parts already
     * restored are put back as they were before the call.
     */
    public static Info load(Path path, Map<String, ? extends Stateful> parts) throws IOException {
        Safetensors.Contents c = Safetensors.read(path);
        Info info = info(path, c.metadata());
        List<String> absent = new ArrayList<>();
        for (String name : parts.keySet()) {
            if (!info.parts().contains(name)) {
                absent.add(name);
            }
        }
        if (!absent.isEmpty()) {
            throw new IllegalArgumentException("Checkpoint.load: " + path + " has no part(s) " + absent
                    + " (it has " + info.parts() + ")");
        }
        // All or nothing: each part's previous state is kept until every part has loaded, and put
        // back if a later part refuses its state, so a bad checkpoint leaves the run as it was.
        List<Map.Entry<Stateful, Map<String, Tensor>>> loaded = new ArrayList<>();
        try {
            for (Map.Entry<String, ? extends Stateful> p : parts.entrySet()) {
                String prefix = p.getKey() + ".";
                Map<String, Tensor> sub = new LinkedHashMap<>();
                for (Map.Entry<String, Tensor> e : c.tensors().entrySet()) {
                    if (e.getKey().startsWith(prefix)) {
                        sub.put(e.getKey().substring(prefix.length()), e.getValue());
                    }
                }
                Map<String, Tensor> previous = snapshot(p.getValue());
                p.getValue().loadStateDict(sub);
                loaded.add(Map.entry(p.getValue(), previous));
            }
        } catch (RuntimeException e) {
            for (int i = loaded.size() - 1; i >= 0; i--) {
                try {
                    loaded.get(i).getKey().loadStateDict(loaded.get(i).getValue());
                } catch (RuntimeException restoreFailure) {
                    e.addSuppressed(restoreFailure);
                }
            }
            throw e;
        }
        return info;
    }

    private static Map<String, Tensor> snapshot(Stateful part) {
        Map<String, Tensor> copy = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : part.stateDict().entrySet()) {
            copy.put(e.getKey(), TensorCopy.copyOf(e.getValue()));
        }
        return copy;
    }

    /** The epoch, parts and metadata of a checkpoint, without reading tensor data. */
    public static Info readInfo(Path path) throws IOException {
        return info(path, Safetensors.readMetadata(path));
    }

    private static Info info(Path path, Map<String, String> md) throws SafetensorsException {
        if (!FORMAT_VALUE.equals(md.get(FORMAT)) || md.get(EPOCH) == null || md.get(PARTS) == null) {
            throw new SafetensorsException("Checkpoint: " + path + " is a safetensors file but not a Nabla checkpoint"
                    + " (missing '" + FORMAT + "', '" + EPOCH + "' or '" + PARTS + "' metadata)");
        }
        long epoch;
        try {
            epoch = Long.parseLong(md.get(EPOCH));
        } catch (NumberFormatException e) {
            throw new SafetensorsException("Checkpoint: " + path + " has a non-integer epoch '" + md.get(EPOCH) + "'");
        }
        List<String> parts = md.get(PARTS).isEmpty() ? List.of() : List.of(md.get(PARTS).split(","));
        Map<String, String> user = new LinkedHashMap<>(md);
        user.remove(EPOCH);
        user.remove(PARTS);
        user.remove(FORMAT);
        return new Info(epoch, parts, user);
    }
}
