package dev.nabla.data;

import dev.nabla.tensor.Generator;

/**
 * Random indices, as {@code torch.utils.data.RandomSampler}: without replacement a fresh
 * permutation of 0..n-1 each epoch (repeated whole permutations when numSamples &gt; n, as torch
 * does), with replacement {@code numSamples} uniform draws.
 *
 * <p>The seed is drawn once from the generator at construction; epoch {@code e} then uses a
 * generator seeded from (seed, e), so every epoch differs and any epoch is reproducible.
 *
 * <pre>{@code
 * Sampler s = new RandomSampler(60000, new Generator(42));
 * int[] epoch0 = s.indices(0), epoch1 = s.indices(1);   // two different permutations
 * }</pre>
 */
public final class RandomSampler implements Sampler {
    private final int n;
    private final boolean replacement;
    private final int numSamples;
    private final long seed;

    /** A permutation per epoch; defaults: replacement=false, numSamples=n. */
    public RandomSampler(int n, Generator generator) {
        this(n, false, n, generator);
    }

    /**
     * @param n           data set size
     * @param replacement draw with replacement
     * @param numSamples  indices per epoch (torch's num_samples; n when not given)
     * @param generator   source of the seed (null: the default generator)
     */
    public RandomSampler(int n, boolean replacement, int numSamples, Generator generator) {
        if (n < 0) {
            throw new IllegalArgumentException("RandomSampler: data set size must be non-negative, got " + n);
        }
        if (numSamples <= 0) {
            throw new IllegalArgumentException("RandomSampler: num_samples should be a positive integer value, but got "
                    + "num_samples=" + numSamples);
        }
        if (replacement && n == 0) {
            throw new IllegalArgumentException("RandomSampler: cannot draw with replacement from an empty data set");
        }
        this.n = n;
        this.replacement = replacement;
        this.numSamples = numSamples;
        Generator g = generator == null ? Generator.defaultGenerator() : generator;
        this.seed = g.nextLong();
    }

    @Override
    public int length() {
        return n == 0 && !replacement ? 0 : numSamples;
    }

    @Override
    public int[] indices(long epoch) {
        Generator g = Seeds.generator(seed, epoch);
        int len = length();
        int[] out = new int[len];
        if (replacement) {
            for (int i = 0; i < len; i++) {
                out[i] = g.nextInt(n);
            }
            return out;
        }
        int pos = 0;
        while (pos < len) {
            int[] p = g.permutation(n);
            int take = Math.min(n, len - pos);
            System.arraycopy(p, 0, out, pos, take);
            pos += take;
        }
        return out;
    }
}
