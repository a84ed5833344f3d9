package dev.nabla.cli;

import dev.nabla.io.Checkpoint;
import dev.nabla.nn.Module;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A trained model read back from a {@code nabla train} checkpoint: the model name stored in the
 * file's metadata says what to build, then its "model" part is loaded. A folder means its
 * {@code checkpoints/best.safetensors} (or {@code last} when there is no best).
 */
record CheckpointModel(Module model, String modelName, String data, Path file) {
    static CheckpointModel load(Path path) {
        Path file = resolve(path);
        try {
            Checkpoint.Info info = Checkpoint.readInfo(file);
            String name = info.metadata().get(TrainRun.MODEL_KEY);
            if (name == null) {
                throw new IllegalArgumentException(file + " is a checkpoint without a '" + TrainRun.MODEL_KEY
                        + "' entry: it was not written by 'nabla train'");
            }
            Module model = Models.build(name);
            Checkpoint.load(file, Map.of("model", model));
            model.eval();
            return new CheckpointModel(model, name, info.metadata().getOrDefault(TrainRun.DATA_KEY, "fashion-mnist"), file);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read checkpoint " + file + ": " + e.getMessage(), e);
        }
    }

    private static Path resolve(Path path) {
        if (Files.isDirectory(path)) {
            for (Path p : new Path[] {path.resolve(TrainRun.CHECKPOINTS).resolve("best.safetensors"),
                    path.resolve(TrainRun.CHECKPOINTS).resolve("last.safetensors"),
                    path.resolve("best.safetensors"), path.resolve("last.safetensors")}) {
                if (Files.isRegularFile(p)) {
                    return p;
                }
            }
            throw new IllegalArgumentException("no checkpoint in folder " + path
                    + " (looked for checkpoints/best.safetensors and checkpoints/last.safetensors)");
        }
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException("checkpoint " + path + " does not exist");
        }
        return path;
    }
}
