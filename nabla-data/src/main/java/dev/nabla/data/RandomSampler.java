package dev.nabla.data;

import dev.nabla.tensor.Generator;

/**
 * Random indices, as {@code torch.utils.data.RandomSampler}: without replacement a fresh
 * permutation of 0..n-1 each epoch (repeated whole permutations when numSamples &gt; n, as torch
 * does), with replacement {@code numSamples} uniform draws.
 *
 * <p>The draws are torch's: epoch after epoch, the same generator calls as torch's sampler makes
 * (with a generator: {@code randperm(n)} per whole permutation plus one more, cut to
 * {@code numSamples % n}; with replacement {@code randint(n)} per index; without a generator: one
 * int64 {@code random_()} from the default generator seeds a fresh generator per epoch). Inside a
 * {@link DataLoader} each epoch first draws the loader's base seed, as torch's loader iterator does,
 * so {@code DataLoader(shuffle=True, generator=torch.Generator().manual_seed(s))} gives the same
 * batches. Unlike torch, the generator is not advanced: the state is copied at construction and
 * epoch {@code e} replays the draws of epochs 0..e-1, so any epoch is reproducible (for resuming)
 * and sequential epochs cost one epoch of draws each.
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
    /** The generator's state at construction, replayed to each epoch. */
    private final EpochReplay replay;
    /** No generator given: each epoch seeds a fresh generator from the default one, as torch. */
    private final boolean freshPerEpoch;
    /** 64-bit draws before each epoch's own (1 inside a DataLoader: the iterator's base seed). */
    private final int leadingDraws;

    /** A permutation per epoch; defaults: replacement=false, numSamples=n. */
    public RandomSampler(int n, Generator generator) {
        this(n, false, n, generator);
    }

    /**
     * @param n           data set size
     * @param replacement draw with replacement
     * @param numSamples  indices per epoch (torch's num_samples; n when not given)
     * @param generator   the generator torch's sampler would draw from (null: seeds from the default generator)
     */
    public RandomSampler(int n, boolean replacement, int numSamples, Generator generator) {
        this(n, replacement, numSamples, generator, 0);
    }

    RandomSampler(int n, boolean replacement, int numSamples, Generator generator, int leadingDraws) {
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
        this.freshPerEpoch = generator == null;
        this.replay = new EpochReplay(generator);
        this.leadingDraws = leadingDraws;
    }

    @Override
    public int length() {
        return n == 0 && !replacement ? 0 : numSamples;
    }

    @Override
    public synchronized int[] indices(long epoch) {
        if (epoch < 0) {
            throw new IllegalArgumentException("RandomSampler: epoch must be non-negative, got " + epoch);
        }
        Generator g = replay.seek(epoch, skipped -> epoch(skipped, null));
        int[] out = new int[length()];
        epoch(g, out);
        return out;
    }

    /** One epoch's draws from g, writing the indices into out (null: only advance g the same way). */
    private void epoch(Generator g, int[] out) {
        for (int i = 0; i < leadingDraws; i++) {
            g.nextLong();
        }
        Generator src = g;
        if (freshPerEpoch) {
            long seed = g.nextLong() & Long.MAX_VALUE; // int64 random_(): random64() % 2^63
            if (out == null) {
                return; // the fresh generator's draws do not touch g
            }
            src = new Generator(seed);
        }
        if (replacement) {
            for (int i = 0; i < numSamples; i++) {
                int v = src.nextInt(n); // randint(high=n): one word per index
                if (out != null) {
                    out[i] = v;
                }
            }
            return;
        }
        if (n == 0) {
            return;
        }
        int whole = numSamples / n;
        for (int k = 0; k <= whole; k++) {
            int take = k < whole ? n : numSamples % n; // torch draws the last permutation even when it keeps none
            if (out == null) {
                for (int i = 0; i < n - 1; i++) {
                    src.nextInt32(); // randperm(n) uses n - 1 words
                }
            } else {
                System.arraycopy(src.permutation(n), 0, out, k * n, take);
            }
        }
    }
}
