package dev.nabla.data;

import dev.nabla.tensor.Generator;
import java.util.Arrays;

/**
 * Indices drawn with probability proportional to {@code weights}, as
 * {@code torch.utils.data.WeightedRandomSampler}; typical use is re-balancing classes.
 *
 * <p>With replacement each draw is independent (inverse CDF by binary search). Without
 * replacement it is sequential weighted sampling (the same distribution as drawing one index,
 * removing it and renormalizing), done in one pass with the Efraimidis-Spirakis keys
 * {@code log(u) / w} (Efraimidis and Spirakis, 2006): the {@code numSamples} largest keys win.
 */
public final class WeightedRandomSampler implements Sampler {
    private final double[] weights;
    private final double[] cdf;
    private final int numSamples;
    private final boolean replacement;
    private final long seed;

    /**
     * @param weights     non-negative, finite, not all zero
     * @param numSamples  indices per epoch
     * @param replacement draw with replacement (torch's default is true)
     * @param generator   source of the seed (null: the default generator)
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
        this.weights = weights.clone();
        this.numSamples = numSamples;
        this.replacement = replacement;
        Generator g = generator == null ? Generator.defaultGenerator() : generator;
        this.seed = g.nextLong();
    }

    @Override
    public int length() {
        return numSamples;
    }

    @Override
    public int[] indices(long epoch) {
        Generator g = Seeds.generator(seed, epoch);
        int[] out = new int[numSamples];
        if (replacement) {
            double total = cdf[cdf.length - 1];
            for (int i = 0; i < numSamples; i++) {
                double u = g.nextDouble() * total;
                int k = Arrays.binarySearch(cdf, u);
                k = k < 0 ? -k - 1 : k + 1; // first index whose cumulative weight exceeds u
                while (k < cdf.length - 1 && weights[k] == 0) {
                    k++; // never land on a zero-weight index
                }
                out[i] = Math.min(k, cdf.length - 1);
            }
            return out;
        }
        int n = weights.length;
        double[] keys = new double[n];
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
            double u;
            do {
                u = g.nextDouble();
            } while (u == 0);
            keys[i] = weights[i] > 0 ? Math.log(u) / weights[i] : Double.NEGATIVE_INFINITY;
        }
        Arrays.sort(order, (a, b) -> Double.compare(keys[b], keys[a]));
        for (int i = 0; i < numSamples; i++) {
            out[i] = order[i];
        }
        return out;
    }
}
