package dev.nabla.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Groups the indices of a sampler into batches of {@code batchSize}, as
 * {@code torch.utils.data.BatchSampler}; the last batch is shorter unless {@code dropLast}.
 *
 * <pre>{@code
 * new BatchSampler(new SequentialSampler(10), 3, false).batches(0)
 *     // [[0, 1, 2], [3, 4, 5], [6, 7, 8], [9]]
 * }</pre>
 */
public final class BatchSampler {
    private final Sampler sampler;
    private final int batchSize;
    private final boolean dropLast;

    public BatchSampler(Sampler sampler, int batchSize, boolean dropLast) {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("BatchSampler: batch_size should be a positive integer value, but got "
                    + "batch_size=" + batchSize);
        }
        this.sampler = sampler;
        this.batchSize = batchSize;
        this.dropLast = dropLast;
    }

    /** The number of batches per epoch. */
    public int length() {
        int n = sampler.length();
        return dropLast ? n / batchSize : (n + batchSize - 1) / batchSize;
    }

    /** The batches of epoch {@code epoch}. */
    public List<int[]> batches(long epoch) {
        int[] idx = sampler.indices(epoch);
        int nb = length();
        List<int[]> out = new ArrayList<>(nb);
        for (int b = 0; b < nb; b++) {
            int s = b * batchSize;
            out.add(Arrays.copyOfRange(idx, s, Math.min(s + batchSize, idx.length)));
        }
        return out;
    }

    public Sampler sampler() {
        return sampler;
    }

    public int batchSize() {
        return batchSize;
    }

    public boolean dropLast() {
        return dropLast;
    }
}
