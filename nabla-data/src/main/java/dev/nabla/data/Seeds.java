package dev.nabla.data;

import dev.nabla.tensor.Generator;

/**
 * Derives independent seeds from a base seed and counters (epoch, batch index), so that a random
 * stream is a pure function of (seed, epoch, ...) and does not depend on what ran before.
 */
public final class Seeds {
    private Seeds() {
    }

    /** Mixes a seed with counters through SplitMix64's finalizer, one round per counter. */
    public static long mix(long seed, long... counters) {
        long h = finalize(seed ^ 0x6A09E667F3BCC909L);
        for (long c : counters) {
            h = finalize(h ^ finalize(c + 0x9E3779B97F4A7C15L));
        }
        return h;
    }

    /** A fresh generator seeded with {@link #mix}. */
    public static Generator generator(long seed, long... counters) {
        return new Generator(mix(seed, counters));
    }

    private static long finalize(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
