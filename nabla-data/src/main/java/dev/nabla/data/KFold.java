package dev.nabla.data;

import dev.nabla.tensor.Generator;
import java.util.ArrayList;
import java.util.List;

/**
 * K-fold cross-validation splits, as scikit-learn's {@code KFold}: the (optionally shuffled)
 * indices are cut into k consecutive folds, the first {@code n % k} of size {@code n / k + 1} and
 * the rest of size {@code n / k}; fold i is the validation set of split i and the others its
 * training set. Every index is in exactly one validation fold.
 *
 * <pre>{@code
 * for (KFold.Fold f : new KFold(5, true, new Generator(0)).split(ds.size())) {
 *     train(f.train(ds)); evaluate(f.validation(ds));
 * }
 * }</pre>
 */
public final class KFold {
    private final int k;
    private final boolean shuffle;
    private final Generator generator;

    /** k folds, no shuffling. */
    public KFold(int k) {
        this(k, false, null);
    }

    /**
     * @param k         number of folds, at least 2
     * @param shuffle   shuffle the indices once before cutting the folds
     * @param generator source of the shuffle (null: the default generator)
     */
    public KFold(int k, boolean shuffle, Generator generator) {
        if (k < 2) {
            throw new IllegalArgumentException("KFold: k-fold cross-validation requires at least one train/test split "
                    + "by setting k=2 or more, got k=" + k);
        }
        this.k = k;
        this.shuffle = shuffle;
        this.generator = generator;
    }

    /** One split: training indices (in order of the shuffled index list) and validation indices. */
    public record Fold(int index, int[] train, int[] validation) {
        public <T> Subset<T> train(Dataset<T> dataset) {
            return new Subset<>(dataset, train);
        }

        public <T> Subset<T> validation(Dataset<T> dataset) {
            return new Subset<>(dataset, validation);
        }
    }

    /** The k splits of n examples. */
    public List<Fold> split(int n) {
        if (k > n) {
            throw new IllegalArgumentException("KFold: cannot have number of splits k=" + k
                    + " greater than the number of samples: n_samples=" + n);
        }
        int[] idx;
        if (shuffle) {
            idx = (generator == null ? Generator.defaultGenerator() : generator).permutation(n);
        } else {
            idx = new int[n];
            for (int i = 0; i < n; i++) {
                idx[i] = i;
            }
        }
        List<Fold> folds = new ArrayList<>(k);
        int start = 0;
        for (int f = 0; f < k; f++) {
            int size = n / k + (f < n % k ? 1 : 0);
            int[] val = new int[size];
            int[] train = new int[n - size];
            System.arraycopy(idx, start, val, 0, size);
            System.arraycopy(idx, 0, train, 0, start);
            System.arraycopy(idx, start + size, train, start, n - start - size);
            folds.add(new Fold(f, train, val));
            start += size;
        }
        return folds;
    }

    /** The k splits of a data set. */
    public List<Fold> split(Dataset<?> dataset) {
        return split(dataset.size());
    }

    public int k() {
        return k;
    }
}
