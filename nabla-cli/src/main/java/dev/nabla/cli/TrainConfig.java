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
import java.util.function.Function;

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
    private static final List<String> MONITORS = List.of("val_loss", "val_accuracy");
    public static final Path DEFAULT_DATA_DIR = Path.of("/usr/share/datasets/fashion-mnist");

    /** The keys in the order {@code --help-config} lists them, each with its default (null: required). */
    private static final Map<String, Key> KEYS = keys();

    private static Map<String, Key> keys() {
        Map<String, Key> k = new LinkedHashMap<>();
        k.put("data", Key.required("data set: " + String.join(" | ", DATASETS)));
        k.put("data.dir", Key.optional("folder with the Fashion-MNIST IDX files", DEFAULT_DATA_DIR.toString()));
        k.put("model", Key.required("model: " + String.join(" | ", MODELS)));
        k.put("optimizer", Key.optional("optimizer: " + String.join(" | ", OPTIMIZERS), "adam"));
        k.put("lr", Key.optional("learning rate", "0.001"));
        k.put("momentum", Key.optional("SGD momentum", "0.9"));
        k.put("weight_decay", Key.optional("weight decay", "0"));
        k.put("schedule", Key.optional("learning-rate schedule: " + String.join(" | ", SCHEDULES), "none"));
        k.put("schedule.step_size", Key.optional("epochs between decays for step", "2"));
        k.put("schedule.gamma", Key.optional("decay factor for step and plateau", "0.1"));
        k.put("schedule.patience", Key.optional("epochs without improvement before plateau decays", "1"));
        k.put("epochs", Key.required("number of epochs"));
        k.put("batch_size", Key.optional("batch size", "100"));
        k.put("seed", Key.optional("random seed", "0"));
        k.put("output", Key.required("output folder: checkpoints, logs, plots"));
        k.put("grad_clip", Key.optional("clip the global gradient L2 norm to this", "0", "off"));
        k.put("accumulate", Key.optional("accumulate gradients over this many batches", "1"));
        k.put("early_stopping.patience", Key.optional("stop after this many epochs without improvement", "0", "off"));
        k.put("monitor", Key.optional("metric for early stopping, best checkpoint, plateau: "
                + String.join(" | ", MONITORS), "val_loss"));
        k.put("validation_split", Key.optional("fraction of the training set held out for validation", "0",
                "use the test set"));
        k.put("deterministic", Key.optional("fixed seeds and a single data thread, so resumed runs are bit-identical",
                "true"));
        return k;
    }

    /** A config key: what it sets, its default (null when required) and what the default means, if not obvious. */
    private record Key(String about, String dflt, String defaultMeaning) {
        static Key required(String about) {
            return new Key(about, null, null);
        }

        static Key optional(String about, String dflt) {
            return new Key(about, dflt, null);
        }

        static Key optional(String about, String dflt, String defaultMeaning) {
            return new Key(about, dflt, defaultMeaning);
        }

        /** The line {@code --help-config} prints, e.g. {@code clip ... (default 0 = off)}. */
        String help() {
            if (dflt == null) {
                return about;
            }
            return about + " (default " + dflt + (defaultMeaning == null ? "" : " = " + defaultMeaning) + ")";
        }
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
        String data = p.choice("data", DATASETS);
        String model = p.choice("model", MODELS);
        int epochs = p.integer("epochs", 1);
        Path output = p.path("output");
        String optimizer = p.choice("optimizer", OPTIMIZERS);
        double lr = p.positive("lr");
        double momentum = p.number("momentum", 0, 1);
        double wd = p.number("weight_decay", 0, Double.MAX_VALUE);
        String schedule = p.choice("schedule", SCHEDULES);
        int stepSize = p.integer("schedule.step_size", 1);
        double gamma = p.number("schedule.gamma", Double.MIN_VALUE, 1);
        int plateauPatience = p.integer("schedule.patience", 0);
        int batch = p.integer("batch_size", 1);
        long seed = p.longValue("seed");
        double clip = p.number("grad_clip", 0, Double.MAX_VALUE);
        int accumulate = p.integer("accumulate", 1);
        int esPatience = p.integer("early_stopping.patience", 0);
        String monitor = p.choice("monitor", MONITORS);
        double split = p.number("validation_split", 0, 0.9);
        boolean det = p.bool("deterministic");
        Path dataDir = p.path("data.dir");
        return new TrainConfig(source, data, dataDir, model, optimizer, lr, momentum, wd, schedule, stepSize, gamma,
                plateauPatience, epochs, batch, seed, output, clip, accumulate, esPatience, monitor, split, det);
    }

    /** One line per key: the documentation printed by {@code nabla train --help-config}. */
    public static String describeKeys() {
        StringBuilder sb = new StringBuilder();
        for (var e : KEYS.entrySet()) {
            sb.append(String.format(Locale.ROOT, "  %-24s %s%n", e.getKey(), e.getValue().help()));
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
        /** The value given for key, else its default; throws when a required key is missing. */
        String raw(String key) {
            String v = values.get(key);
            if (v == null || v.isEmpty()) {
                Key k = KEYS.get(key);
                if (k.dflt() == null) {
                    throw new ConfigException("config " + source + ": missing required key '" + key + "' ("
                            + k.help() + ")");
                }
                return k.dflt();
            }
            return v;
        }

        String choice(String key, List<String> allowed) {
            String v = raw(key).toLowerCase(Locale.ROOT);
            if (!allowed.contains(v)) {
                throw new ConfigException("config " + source + ": unknown " + key + " '" + values.get(key)
                        + "' (expected one of " + String.join(", ", allowed) + ")");
            }
            return v;
        }

        /** The value of key read by parse; what names the expected kind in the error, e.g. "a number". */
        private <T> T parsed(String key, Function<String, T> parse, String what) {
            String v = raw(key);
            try {
                return parse.apply(v);
            } catch (NumberFormatException e) {
                throw new ConfigException("config " + source + ": " + key + " must be " + what + ", got '" + v + "'");
            }
        }

        double number(String key, double min, double max) {
            String v = raw(key);
            double d = parsed(key, Double::parseDouble, "a number");
            if (!(d >= min && d <= max)) {
                throw new ConfigException("config " + source + ": " + key + " must be in [" + fmt(min) + ", "
                        + fmt(max) + "], got " + v);
            }
            return d;
        }

        double positive(String key) {
            double d = number(key, 0, Double.MAX_VALUE);
            if (d <= 0) {
                throw new ConfigException("config " + source + ": " + key + " must be > 0, got " + raw(key));
            }
            return d;
        }

        int integer(String key, int min) {
            int i = parsed(key, Integer::parseInt, "an integer");
            if (i < min) {
                throw new ConfigException("config " + source + ": " + key + " must be >= " + min + ", got " + i);
            }
            return i;
        }

        long longValue(String key) {
            return parsed(key, Long::parseLong, "an integer");
        }

        boolean bool(String key) {
            String v = raw(key).toLowerCase(Locale.ROOT);
            return switch (v) {
                case "true", "yes", "on" -> true;
                case "false", "no", "off" -> false;
                default -> throw new ConfigException("config " + source + ": " + key + " must be true or false, got '"
                        + values.get(key) + "'");
            };
        }

        Path path(String key) {
            Path p = Path.of(raw(key));
            return p.isAbsolute() || base == null ? p : base.resolve(p).normalize();
        }

        private static String fmt(double d) {
            return d == Double.MAX_VALUE ? "inf" : d == Double.MIN_VALUE ? "0 (exclusive)" : Double.toString(d);
        }
    }
}
