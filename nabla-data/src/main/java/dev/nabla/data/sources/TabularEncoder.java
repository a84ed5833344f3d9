package dev.nabla.data.sources;

import dev.nabla.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Turns CSV columns into model inputs, with statistics fitted on one table (the training split)
 * and reused on others: numeric columns are standardised ({@code (x - mean) / std}, population
 * std as scikit-learn's StandardScaler, std 0 treated as 1), categorical columns are one-hot
 * encoded over the categories seen in training (sorted), the target is a class index (classes
 * sorted) or a float value.
 *
 * <p>Bad values raise a {@link CsvFormatException} with the file, line and column: a non-numeric
 * or empty numeric field, a category or class not seen in training.
 */
public final class TabularEncoder {
    private final List<String> numeric;
    private final List<String> categorical;
    private final String target;
    private final boolean classTarget;
    private final boolean standardize;
    private final double[] mean;
    private final double[] std;
    private final Map<String, List<String>> categories;
    private final List<String> classes;

    private TabularEncoder(Builder b, double[] mean, double[] std, Map<String, List<String>> categories,
            List<String> classes) {
        this.numeric = List.copyOf(b.numeric);
        this.categorical = List.copyOf(b.categorical);
        this.target = b.target;
        this.classTarget = b.classTarget;
        this.standardize = b.standardize;
        this.mean = mean;
        this.std = std;
        this.categories = categories;
        this.classes = classes;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Which columns to use and how; {@link #fit} learns the statistics. */
    public static final class Builder {
        private final List<String> numeric = new ArrayList<>();
        private final List<String> categorical = new ArrayList<>();
        private String target;
        private boolean classTarget;
        private boolean standardize = true;

        public Builder numeric(String... columns) {
            numeric.addAll(List.of(columns));
            return this;
        }

        public Builder categorical(String... columns) {
            categorical.addAll(List.of(columns));
            return this;
        }

        /** A target holding class labels (any strings), encoded as sorted class indices. */
        public Builder classTarget(String column) {
            this.target = column;
            this.classTarget = true;
            return this;
        }

        /** A numeric target (regression), kept as float32. */
        public Builder valueTarget(String column) {
            this.target = column;
            this.classTarget = false;
            return this;
        }

        /** Whether to z-score numeric columns (default true). */
        public Builder standardize(boolean on) {
            this.standardize = on;
            return this;
        }

        /** Learns means, standard deviations, categories and classes from {@code train}. */
        public TabularEncoder fit(CsvTable train) {
            if (target == null) {
                throw new IllegalArgumentException("TabularEncoder: no target column chosen (classTarget or valueTarget)");
            }
            if (numeric.isEmpty() && categorical.isEmpty()) {
                throw new IllegalArgumentException("TabularEncoder: no feature columns chosen");
            }
            int n = train.rowCount();
            if (n == 0) {
                throw new IllegalArgumentException("TabularEncoder: " + train.source() + " has no rows to fit on");
            }
            double[] mean = new double[numeric.size()];
            double[] std = new double[numeric.size()];
            for (int j = 0; j < numeric.size(); j++) {
                int col = train.columnIndex(numeric.get(j));
                double sum = 0;
                double[] v = new double[n];
                for (int r = 0; r < n; r++) {
                    v[r] = number(train, r, col, numeric.get(j));
                    sum += v[r];
                }
                mean[j] = sum / n;
                double ss = 0;
                for (int r = 0; r < n; r++) {
                    double d = v[r] - mean[j];
                    ss += d * d;
                }
                double s = Math.sqrt(ss / n);
                std[j] = s == 0 ? 1 : s;
            }
            Map<String, List<String>> cats = new LinkedHashMap<>();
            for (String c : categorical) {
                int col = train.columnIndex(c);
                TreeSet<String> seen = new TreeSet<>();
                for (int r = 0; r < n; r++) {
                    seen.add(train.get(r, col).strip());
                }
                cats.put(c, List.copyOf(seen));
            }
            List<String> classes = null;
            int tcol = train.columnIndex(target);
            if (classTarget) {
                TreeSet<String> seen = new TreeSet<>();
                for (int r = 0; r < n; r++) {
                    seen.add(train.get(r, tcol).strip());
                }
                classes = List.copyOf(seen);
            }
            return new TabularEncoder(this, mean, std, cats, classes);
        }
    }

    static double number(CsvTable t, int row, int col, String name) {
        String s = t.get(row, col).strip();
        try {
            if (s.isEmpty()) {
                throw new NumberFormatException("empty");
            }
            char last = s.charAt(s.length() - 1);
            if (!(Character.isDigit(last) || last == '.')) {
                // Java also reads "1d", "2f" and hex floats; a CSV number never ends in a letter.
                throw new NumberFormatException("trailing '" + last + "'");
            }
            double v = Double.parseDouble(s);
            if (!Double.isFinite(v)) {
                throw new NumberFormatException("not finite");
            }
            return v;
        } catch (NumberFormatException e) {
            throw new CsvFormatException(t.source(), t.line(row), "column '" + name + "': "
                    + (s.isEmpty() ? "missing value" : "'" + s + "' is not a finite number"));
        }
    }

    /** Encodes a table with the fitted statistics. */
    public CsvDataset encode(CsvTable table) {
        int n = table.rowCount();
        List<String> names = featureNames();
        int f = names.size();
        float[] x = new float[n * f];
        int[] numCols = new int[numeric.size()];
        for (int j = 0; j < numCols.length; j++) {
            numCols[j] = table.columnIndex(numeric.get(j));
        }
        int[] catCols = new int[categorical.size()];
        for (int j = 0; j < catCols.length; j++) {
            catCols[j] = table.columnIndex(categorical.get(j));
        }
        int tcol = table.columnIndex(target);
        long[] yClass = classTarget ? new long[n] : null;
        float[] yValue = classTarget ? null : new float[n];
        for (int r = 0; r < n; r++) {
            int o = r * f;
            for (int j = 0; j < numCols.length; j++) {
                double v = number(table, r, numCols[j], numeric.get(j));
                x[o++] = (float) (standardize ? (v - mean[j]) / std[j] : v);
            }
            for (int j = 0; j < catCols.length; j++) {
                List<String> cats = categories.get(categorical.get(j));
                String v = table.get(r, catCols[j]).strip();
                int k = java.util.Collections.binarySearch(cats, v);
                if (k < 0) {
                    throw new CsvFormatException(table.source(), table.line(r), "column '" + categorical.get(j)
                            + "': category '" + v + "' was not seen when fitting (known: " + cats + ")");
                }
                x[o + k] = 1f;
                o += cats.size();
            }
            if (classTarget) {
                String v = table.get(r, tcol).strip();
                int k = java.util.Collections.binarySearch(classes, v);
                if (k < 0) {
                    throw new CsvFormatException(table.source(), table.line(r), "target '" + target + "': class '" + v
                            + "' was not seen when fitting (classes: " + classes + ")");
                }
                yClass[r] = k;
            } else {
                yValue[r] = (float) number(table, r, tcol, target);
            }
        }
        Tensor features = Tensor.wrap(x, n, f);
        Tensor targets = classTarget ? Tensor.ofLongs(yClass, n) : Tensor.wrap(yValue, n);
        return new CsvDataset(features, targets, names, classes);
    }

    /** Feature names in column order: numeric names, then {@code column=category} per one-hot slot. */
    public List<String> featureNames() {
        List<String> names = new ArrayList<>(numeric);
        for (String c : categorical) {
            for (String v : categories.get(c)) {
                names.add(c + "=" + v);
            }
        }
        return names;
    }

    /** Fitted means of the numeric columns. */
    public double[] means() {
        return mean.clone();
    }

    /** Fitted standard deviations of the numeric columns (0 replaced by 1). */
    public double[] stds() {
        return std.clone();
    }

    /** Class names by index (class target), else null. */
    public List<String> classes() {
        return classes;
    }

    /** Fitted categories of a categorical column. */
    public List<String> categories(String column) {
        List<String> c = categories.get(column);
        if (c == null) {
            throw new IllegalArgumentException("TabularEncoder: '" + column + "' is not a categorical column "
                    + categorical);
        }
        return c;
    }
}
