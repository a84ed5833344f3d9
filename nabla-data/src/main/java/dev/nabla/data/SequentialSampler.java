package dev.nabla.data;

/** Indices 0, 1, ..., n-1 in order, every epoch, as {@code torch.utils.data.SequentialSampler}. */
public final class SequentialSampler implements Sampler {
    private final int n;

    public SequentialSampler(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("SequentialSampler: size must be non-negative, got " + n);
        }
        this.n = n;
    }

    public SequentialSampler(Dataset<?> dataset) {
        this(dataset.size());
    }

    @Override
    public int length() {
        return n;
    }

    @Override
    public int[] indices(long epoch) {
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = i;
        }
        return out;
    }
}
