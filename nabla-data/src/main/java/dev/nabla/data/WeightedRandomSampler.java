package dev.nabla.data;

import dev.nabla.tensor.Generator;
import java.util.Arrays;

/**
 * Indices drawn with probability proportional to {@code weights}, as
 * {@code torch.utils.data.WeightedRandomSampler}; typical use is re-balancing classes.
 *
 * <p>The draws are torch's {@code multinomial} (CPU, float64 weights) from the same generator calls:
 * with replacement one double uniform per index, looked up by binary search in the normalised
 * cumulative weights; without replacement one exponential draw
 * q = -log(1 - u) per weight and the {@code numSamples} largest w / q, largest first (the Gumbel
 * top-k trick: the same distribution as drawing, removing and renormalising). As for
 * {@link RandomSampler}, the generator's state is copied at construction and epoch {@code e}
 * replays epochs 0..e-1, so any epoch is reproducible.
 */
public final class WeightedRandomSampler implements Sampler {
    private final double[] weights;
    /** Cumulative weights divided by their sum, the last forced to 1, as torch's multinomial. */
    private final double[] cdf;
    private final int numSamples;
    private final boolean replacement;
    /** The generator's state at construction, replayed to each epoch. */
    private final EpochReplay replay;

    /**
     * @param weights     non-negative, finite, not all zero
     * @param numSamples  indices per epoch
     * @param replacement draw with replacement (torch's default is true)
     * @param generator   the generator torch's multinomial would draw from (null: the default generator)
     */
    public WeightedRandomSampler(double[] weights, int numSamples, boolean replacement, Generator generator) {
        if (numSamples <= 0) {
            throw new IllegalArgumentException("WeightedRandomSampler: num_samples should be a positive integer value, "
                    + "but got num_samples=" + numSamples);
        }
        int positive = 0;
        double total = 0;
        cdf = new double[weights.length];
        for (int i = 0; i < weights.length; i++) {
            double w = weights[i];
            if (!(w >= 0) || Double.isInfinite(w)) {
                throw new IllegalArgumentException("WeightedRandomSampler: weights must be finite and non-negative, got "
                        + w + " at index " + i);
            }
            if (w > 0) {
                positive++;
            }
            total += w;
            cdf[i] = total;
        }
        if (positive == 0) {
            throw new IllegalArgumentException("WeightedRandomSampler: invalid multinomial distribution (sum of "
                    + "weights <= 0), " + weights.length + " weights");
        }
        if (!replacement && numSamples > positive) {
            throw new IllegalArgumentException("WeightedRandomSampler: cannot sample " + numSamples + " indices without "
                    + "replacement when only " + positive + " weights are positive");
        }
        for (int i = 0; i < cdf.length; i++) {
            cdf[i] /= total;
        }
        cdf[cdf.length - 1] = 1;
        this.weights = weights.clone();
        this.numSamples = numSamples;
        this.replacement = replacement;
        this.replay = new EpochReplay(generator);
    }

    @Override
    public int length() {
        return numSamples;
    }

    @Override
    public synchronized int[] indices(long epoch) {
        if (epoch < 0) {
            throw new IllegalArgumentException("WeightedRandomSampler: epoch must be non-negative, got " + epoch);
        }
        // Each epoch uses a fixed number of double uniforms, so earlier epochs are skipped by count.
        long perEpoch = byCdf() ? numSamples : weights.length;
        Generator g = replay.seek(epoch, skipped -> {
            for (long i = 0; i < perEpoch; i++) {
                skipped.nextLong();
            }
        });
        return byCdf() ? byCdf(g) : topK(g);
    }

    /** torch 1.13 takes the cumulative-weights path with replacement, the exponential keys without. */
    private boolean byCdf() {
        return replacement;
    }

    private int[] byCdf(Generator g) {
        int[] out = new int[numSamples];
        for (int i = 0; i < numSamples; i++) {
            double u = g.nextDouble();
            int lo = 0;
            int hi = cdf.length;
            while (hi > lo) { // first slot whose cumulative probability is >= u
                int mid = lo + (hi - lo) / 2;
                if (cdf[mid] < u) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            out[i] = lo;
        }
        return out;
    }

    private int[] topK(Generator g) {
        int n = weights.length;
        double[] keys = new double[n];
        for (int i = 0; i < n; i++) {
            double q = -Math.log(1.0 - g.nextDouble()); // exponential_(1)
            keys[i] = weights[i] / q;
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(keys[b], keys[a]));
        int[] out = new int[numSamples];
        for (int i = 0; i < numSamples; i++) {
            out[i] = order[i];
        }
        return out;
    }
}
