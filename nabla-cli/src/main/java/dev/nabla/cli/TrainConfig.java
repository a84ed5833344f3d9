package dev.nabla.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;

/**
 * The settings of a {@code nabla train} run, read from a {@code .properties} file. Required keys:
 * {@code data}, {@code model}, {@code epochs}, {@code output}; everything else has a default.
 * Unknown keys are errors (a typo would otherwise silently fall back to a default), and every
 * message names the file, the key and the bad value. See configs/fashion-convnet.properties.
 */
public record TrainConfig(
        Path source,
        String data,            // fashion-mnist | fashion-mnist-sample | fashion-mnist-auto (full if installed)
        Path dataDir,           // folder of the IDX files for fashion-mnist
        String model,           // mlp | convnet
        String optimizer,       // adam | adamw | sgd
        double lr,
        double momentum,
        double weightDecay,
        String schedule,        // none | step | cosine | plateau | onecycle
        int stepSize,
        double gamma,
        int plateauPatience,
        int epochs,
        int batchSize,
        long seed,
        Path output,
        double gradClip,        // max global L2 norm; 0 = off
        int accumulate,         // optimizer step every N batches
        int earlyStoppingPatience, // 0 = off
        String monitor,         // metric watched by early stopping, best checkpoint and plateau
        double validationSplit, // 0 = validate on the test set
        boolean deterministic) {

    /** Model names the CLI can build. */
    public static final List<String> MODELS = List.of("mlp", "convnet");
    public static final List<String> DATASETS = List.of("fashion-mnist", "fashion-mnist-sample", "fashion-mnist-auto");
    public static final List<String> OPTIMIZERS = List.of("adam", "adamw", "sgd");
    public static final List<String> SCHEDULES = List.of("none", "step", "cosine", "plateau", "onecycle");
    public static final Path DEFAULT_DATA_DIR = Path.of("/usr/share/datasets/fashion-mnist");

    private static final Map<String, String> KEYS = keys();

    private static Map<String, String> keys() {
        Map<String, String> k = new LinkedHashMap<>();
        k.put("data", "data set: " + String.join(" | ", DATASETS));
        k.put("data.dir", "folder with the Fashion-MNIST IDX files (default " + DEFAULT_DATA_DIR + ")");
        k.put("model", "model: " + String.join(" | ", MODELS));
        k.put("optimizer", "optimizer: " + String.join(" | ", OPTIMIZERS) + " (default adam)");
        k.put("lr", "learning rate (default 0.001)");
        k.put("momentum", "SGD momentum (default 0.9)");
        k.put("weight_decay", "weight decay (default 0)");
        k.put("schedule", "learning-rate schedule: " + String.join(" | ", SCHEDULES) + " (default none)");
        k.put("schedule.step_size", "epochs between decays for step (default 2)");
        k.put("schedule.gamma", "decay factor for step and plateau (default 0.1)");
        k.put("schedule.patience", "epochs without improvement before plateau decays (default 1)");
        k.put("epochs", "number of epochs");
        k.put("batch_size", "batch size (default 100)");
        k.put("seed", "random seed (default 0)");
        k.put("output", "output folder: checkpoints, logs, plots");
        k.put("grad_clip", "clip the global gradient L2 norm to this (default 0 = off)");
        k.put("accumulate", "accumulate gradients over this many batches (default 1)");
        k.put("early_stopping.patience", "stop after this many epochs without improvement (default 0 = off)");
        k.put("monitor", "metric for early stopping, best checkpoint, plateau: val_loss | val_accuracy (default val_loss)");
        k.put("validation_split", "fraction of the training set held out for validation (default 0 = use the test set)");
        k.put("deterministic", "fixed seeds and a single data thread, so resumed runs are bit-identical (default true)");
        return k;
    }

    /** Reads and checks a config file. Relative paths in it are resolved against the file's folder. */
    public static TrainConfig load(Path file) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new ConfigException("config " + file + ": cannot read it (" + e.getMessage() + ")");
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (String k : p.stringPropertyNames()) {
            values.put(k, p.getProperty(k).trim());
        }
        Path base = file.toAbsolutePath().getParent();
        return parse(file, values, base);
    }

    /** Checks key/value pairs; {@code base} resolves relative paths. */
    public static TrainConfig parse(Path source, Map<String, String> values, Path base) {
        Parser p = new Parser(source, values, base);
        List<String> unknown = new ArrayList<>(new TreeSet<>(values.keySet()));
        unknown.removeAll(KEYS.keySet());
        if (!unknown.isEmpty()) {
            throw new ConfigException("config " + source + ": unknown key(s) " + unknown + "; known keys are "
                    + KEYS.keySet());
        }
        String data = p.choice("data", null, DATASETS);
        String model = p.choice("model", null, MODELS);
        int epochs = p.integer("epochs", null, 1);
        Path output = p.path("output", null);
        String optimizer = p.choice("optimizer", "adam", OPTIMIZERS);
        double lr = p.positive("lr", "0.001");
        double momentum = p.number("momentum", "0.9", 0, 1);
        double wd = p.number("weight_decay", "0", 0, Double.MAX_VALUE);
        String schedule = p.choice("schedule", "none", SCHEDULES);
        int stepSize = p.integer("schedule.step_size", "2", 1);
        double gamma = p.number("schedule.gamma", "0.1", Double.MIN_VALUE, 1);
        int plateauPatience = p.integer("schedule.patience", "1", 0);
        int batch = p.integer("batch_size", "100", 1);
        long seed = p.longValue("seed", "0");
        double clip = p.number("grad_clip", "0", 0, Double.MAX_VALUE);
        int accumulate = p.integer("accumulate", "1", 1);
        int esPatience = p.integer("early_stopping.patience", "0", 0);
        String monitor = p.choice("monitor", "val_loss", List.of("val_loss", "val_accuracy"));
        double split = p.number("validation_split", "0", 0, 0.9);
        boolean det = p.bool("deterministic", "true");
        Path dataDir = p.path("data.dir", DEFAULT_DATA_DIR.toString());
        return new TrainConfig(source, data, dataDir, model, optimizer, lr, momentum, wd, schedule, stepSize, gamma,
                plateauPatience, epochs, batch, seed, output, clip, accumulate, esPatience, monitor, split, det);
    }

    /** One line per key: the documentation printed by {@code nabla train --help-config}. */
    public static String describeKeys() {
        StringBuilder sb = new StringBuilder();
        for (var e : KEYS.entrySet()) {
            sb.append(String.format(Locale.ROOT, "  %-24s %s%n", e.getKey(), e.getValue()));
        }
        return sb.toString();
    }

    /** The settings as key/value strings (saved beside checkpoints so eval/predict can rebuild the model). */
    public Map<String, String> toMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("data", data);
        m.put("data.dir", dataDir.toString());
        m.put("model", model);
        m.put("optimizer", optimizer);
        m.put("lr", Double.toString(lr));
        m.put("momentum", Double.toString(momentum));
        m.put("weight_decay", Double.toString(weightDecay));
        m.put("schedule", schedule);
        m.put("schedule.step_size", Integer.toString(stepSize));
        m.put("schedule.gamma", Double.toString(gamma));
        m.put("schedule.patience", Integer.toString(plateauPatience));
        m.put("epochs", Integer.toString(epochs));
        m.put("batch_size", Integer.toString(batchSize));
        m.put("seed", Long.toString(seed));
        m.put("output", output.toString());
        m.put("grad_clip", Double.toString(gradClip));
        m.put("accumulate", Integer.toString(accumulate));
        m.put("early_stopping.patience", Integer.toString(earlyStoppingPatience));
        m.put("monitor", monitor);
        m.put("validation_split", Double.toString(validationSplit));
        m.put("deterministic", Boolean.toString(deterministic));
        return m;
    }

    /** A config error with a message meant for the user. */
    public static final class ConfigException extends RuntimeException {
        public ConfigException(String message) {
            super(message);
        }
    }

    private record Parser(Path source, Map<String, String> values, Path base) {
        String raw(String key, String dflt) {
            String v = values.get(key);
            if (v == null || v.isEmpty()) {
                if (dflt == null) {
                    throw new ConfigException("config " + source + ": missing required key '" + key + "' ("
                            + KEYS.get(key) + ")");
                }
                return dflt;
            }
            return v;
        }

        String choice(String key, String dflt, List<String> allowed) {
            String v = raw(key, dflt).toLowerCase(Locale.ROOT);
            if (!allowed.contains(v)) {
                throw new ConfigException("config " + source + ": unknown " + key + " '" + values.get(key)
                        + "' (expected one of " + String.join(", ", allowed) + ")");
            }
            return v;
        }

        double number(String key, String dflt, double min, double max) {
            String v = raw(key, dflt);
            double d;
            try {
                d = Double.parseDouble(v);
            } catch (NumberFormatException e) {
                throw new ConfigException("config " + source + ": " + key + " must be a number, got '" + v + "'");
            }
            if (!(d >= min && d <= max)) {
                throw new ConfigException("config " + source + ": " + key + " must be in [" + fmt(min) + ", "
                        + fmt(max) + "], got " + v);
            }
            return d;
        }

        double positive(String key, String dflt) {
            double d = number(key, dflt, 0, Double.MAX_VALUE);
            if (d <= 0) {
                throw new ConfigException("config " + source + ": " + key + " must be > 0, got " + raw(key, dflt));
            }
            return d;
        }

        int integer(String key, String dflt, int min) {
            String v = raw(key, dflt);
            int i;
            try {
                i = Integer.parseInt(v);
            } catch (NumberFormatException e) {
                throw new ConfigException("config " + source + ": " + key + " must be an integer, got '" + v + "'");
            }
            if (i < min) {
                throw new ConfigException("config " + source + ": " + key + " must be >= " + min + ", got " + i);
            }
            return i;
        }

        long longValue(String key, String dflt) {
            String v = raw(key, dflt);
            try {
                return Long.parseLong(v);
            } catch (NumberFormatException e) {
                throw new ConfigException("config " + source + ": " + key + " must be an integer, got '" + v + "'");
            }
        }

        boolean bool(String key, String dflt) {
            String v = raw(key, dflt).toLowerCase(Locale.ROOT);
            return switch (v) {
                case "true", "yes", "on" -> true;
                case "false", "no", "off" -> false;
                default -> throw new ConfigException("config " + source + ": " + key + " must be true or false, got '"
                        + values.get(key) + "'");
            };
        }

        Path path(String key, String dflt) {
            Path p = Path.of(raw(key, dflt));
            return p.isAbsolute() || base == null ? p : base.resolve(p).normalize();
        }

        private static String fmt(double d) {
            return d == Double.MAX_VALUE ? "inf" : d == Double.MIN_VALUE ? "0 (exclusive)" : Double.toString(d);
        }
    }
}
