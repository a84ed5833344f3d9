package dev.nabla.cli;

import dev.nabla.train.progress.ProgressBar;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code nabla train CONFIG}: trains a model as a config file says, resuming from the output folder. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train a model on Fashion-MNIST as the config file says (see configs/fashion-convnet.properties).",
                "The output folder gets checkpoints, TensorBoard logs, metrics.csv and plots; a run whose",
                "output folder already holds checkpoints/last.safetensors resumes from it."})
final class TrainCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "CONFIG", description = "a .properties config file")
    Path config;

    @Option(names = "--keys", description = "list the config keys and exit")
    boolean keys;

    @Override
    public Integer call() {
        if (keys) {
            System.out.print(TrainConfig.describeKeys());
            return 0;
        }
        if (config == null) {
            System.err.println("nabla train: missing CONFIG (a .properties file; 'nabla train --keys' lists the keys)");
            return 2;
        }
        try {
            TrainConfig cfg = TrainConfig.load(config);
            TrainRun.run(cfg, System.out, ProgressBar.onStdout());
            return 0;
        } catch (TrainConfig.ConfigException e) {
            System.err.println("nabla train: " + e.getMessage());
            return 2;
        } catch (IllegalArgumentException | java.io.IOException | java.io.UncheckedIOException e) {
            System.err.println("nabla train: " + e.getMessage());
            return 1;
        }
    }
}
