package dev.nabla.data.sources;

import dev.nabla.data.Dataset;
import dev.nabla.data.Sample;
import dev.nabla.tensor.Tensor;
import java.util.List;

/**
 * A table of encoded rows: features (N, F) float32 and targets (N) (int64 class indices or
 * float32 values), made by a {@link TabularEncoder} from a {@link CsvTable}.
 *
 * <pre>{@code
 * CsvTable train = CsvTable.read(Path.of("train.csv")), test = CsvTable.read(Path.of("test.csv"));
 * TabularEncoder enc = TabularEncoder.builder().numeric("age", "income").categorical("city")
 *         .classTarget("label").fit(train);                  // statistics from the training split only
 * CsvDataset tr = enc.encode(train), te = enc.encode(test);  // the same scaling for both
 * }</pre>
 */
public final class CsvDataset implements Dataset<Sample> {
    private final Tensor features; // (N, F)
    private final Tensor targets; // (N)
    private final List<String> featureNames;
    private final List<String> classes;

    CsvDataset(Tensor features, Tensor targets, List<String> featureNames, List<String> classes) {
        this.features = features;
        this.targets = targets;
        this.featureNames = List.copyOf(featureNames);
        this.classes = classes == null ? null : List.copyOf(classes);
    }

    @Override
    public int size() {
        return features.size(0);
    }

    /** Row {@code index}: features (F) and a 0-dim target. */
    @Override
    public Sample get(int index) {
        Dataset.checkIndex("CsvDataset", index, size());
        return new Sample(features.select(0, index), targets.select(0, index));
    }

    /** All features, (N, F) float32. */
    public Tensor features() {
        return features;
    }

    /** All targets, (N): int64 class indices or float32 values. */
    public Tensor targets() {
        return targets;
    }

    /** One name per feature column: numeric columns by name, one-hot columns as {@code column=value}. */
    public List<String> featureNames() {
        return featureNames;
    }

    /** Class names by index for a class target, else null. */
    public List<String> classes() {
        return classes;
    }
}
