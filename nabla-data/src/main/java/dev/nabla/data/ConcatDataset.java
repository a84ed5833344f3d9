package dev.nabla.data;

import java.util.Arrays;
import java.util.List;

/**
 * Several data sets read one after the other as one, as {@code torch.utils.data.ConcatDataset}.
 */
public final class ConcatDataset<T> implements Dataset<T> {
    private final List<Dataset<? extends T>> datasets;
    // cumulative[i] = total size of datasets 0..i, for a binary search per get().
    private final int[] cumulative;

    @SafeVarargs
    public ConcatDataset(Dataset<? extends T>... datasets) {
        this(List.of(datasets));
    }

    public ConcatDataset(List<? extends Dataset<? extends T>> datasets) {
        if (datasets.isEmpty()) {
            throw new IllegalArgumentException("ConcatDataset: datasets should not be an empty iterable");
        }
        this.datasets = List.copyOf(datasets);
        cumulative = new int[datasets.size()];
        long total = 0;
        for (int i = 0; i < datasets.size(); i++) {
            total += datasets.get(i).size();
            if (total > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("ConcatDataset: total size " + total + " exceeds " + Integer.MAX_VALUE);
            }
            cumulative[i] = (int) total;
        }
    }

    @Override
    public int size() {
        return cumulative[cumulative.length - 1];
    }

    @Override
    public T get(int index) {
        Dataset.checkIndex("ConcatDataset", index, size());
        // First data set whose cumulative size exceeds index.
        int k = Arrays.binarySearch(cumulative, index + 1);
        if (k < 0) {
            k = -k - 1;
        } else {
            while (k > 0 && cumulative[k - 1] == index + 1) {
                k--;
            }
        }
        int start = k == 0 ? 0 : cumulative[k - 1];
        return datasets.get(k).get(index - start);
    }

    /** Cumulative sizes, as {@code cumulative_sizes}. */
    public int[] cumulativeSizes() {
        return cumulative.clone();
    }
}
