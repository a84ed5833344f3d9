package dev.nabla.data;

import java.util.Arrays;

/**
 * The examples of a data set at the given indices, in that order, as
 * {@code torch.utils.data.Subset}.
 */
public final class Subset<T> implements Dataset<T> {
    private final Dataset<T> dataset;
    private final int[] indices;

    public Subset(Dataset<T> dataset, int[] indices) {
        int n = dataset.size();
        for (int i = 0; i < indices.length; i++) {
            if (indices[i] < 0 || indices[i] >= n) {
                throw new IndexOutOfBoundsException("Subset: index " + indices[i] + " at position " + i
                        + " is out of range for a data set of size " + n);
            }
        }
        this.dataset = dataset;
        this.indices = indices.clone();
    }

    @Override
    public int size() {
        return indices.length;
    }

    @Override
    public T get(int index) {
        Dataset.checkIndex("Subset", index, indices.length);
        return dataset.get(indices[index]);
    }

    /** The underlying data set. */
    public Dataset<T> dataset() {
        return dataset;
    }

    /** A copy of the indices into the underlying data set. */
    public int[] indices() {
        return indices.clone();
    }

    @Override
    public String toString() {
        return "Subset(size=" + indices.length + ", first indices "
                + Arrays.toString(Arrays.copyOf(indices, Math.min(8, indices.length))) + ")";
    }
}
