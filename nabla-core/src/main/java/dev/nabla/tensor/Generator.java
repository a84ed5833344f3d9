package dev.nabla.tensor;

/**
 * A seeded source of random numbers (SplitMix64), as {@code torch.Generator}.
 * Its whole state is two longs and a flag, so checkpoints can save and restore it exactly.
 * Not thread-safe: give each thread its own generator.
 */
public final class Generator {
    private static final Generator DEFAULT = new Generator(0x5EEDL);

    private long state;
    private boolean hasSpareNormal;
    private double spareNormal;

    public Generator(long seed) {
        manualSeed(seed);
    }

    /** The process-wide generator used when no generator is passed (seed it with {@link #manualSeed}). */
    public static Generator defaultGenerator() {
        return DEFAULT;
    }

    /** Resets the state as {@code torch.manual_seed}. */
    public Generator manualSeed(long seed) {
        state = seed * 0x9E3779B97F4A7C15L + 0x632BE59BD9B4E019L;
        hasSpareNormal = false;
        return this;
    }

    /** Next raw 64 random bits. */
    public long nextLong() {
        long z = (state += 0x9E3779B97F4A7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Uniform in [0, 1) with 24 random bits, so every float value is exact. */
    public float nextFloat() {
        return (nextLong() >>> 40) * 0x1.0p-24f;
    }

    /** Uniform in [0, 1) with 53 random bits. */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform integer in [0, bound). */
    public long nextLong(long bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("Generator.nextLong: bound must be positive, got " + bound);
        }
        long r = nextLong() >>> 1;
        long m = bound - 1;
        if ((bound & m) == 0) {
            return r & m;
        }
        long u = r;
        while (u - (r = u % bound) + m < 0) {
            u = nextLong() >>> 1;
        }
        return r;
    }

    /** Uniform integer in [0, bound). */
    public int nextInt(int bound) {
        return (int) nextLong(bound);
    }

    /** Standard normal sample (Box-Muller, the second value kept for the next call). */
    public double nextGaussian() {
        if (hasSpareNormal) {
            hasSpareNormal = false;
            return spareNormal;
        }
        double u1;
        do {
            u1 = nextDouble();
        } while (u1 <= 1e-300);
        double u2 = nextDouble();
        double r = Math.sqrt(-2 * Math.log(u1));
        spareNormal = r * Math.sin(2 * Math.PI * u2);
        hasSpareNormal = true;
        return r * Math.cos(2 * Math.PI * u2);
    }

    /** A random permutation of 0..n-1 (Fisher-Yates), as {@code torch.randperm}. */
    public int[] permutation(int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /** The complete state, for checkpoints: {state, hasSpare (0/1), spare as raw bits}. */
    public long[] getState() {
        return new long[] {state, hasSpareNormal ? 1 : 0, Double.doubleToRawLongBits(spareNormal)};
    }

    /** Restores a state returned by {@link #getState()}. */
    public void setState(long[] s) {
        if (s == null || s.length != 3) {
            throw new IllegalArgumentException("Generator.setState: expected 3 longs, got "
                    + (s == null ? "null" : s.length));
        }
        state = s[0];
        hasSpareNormal = s[1] != 0;
        spareNormal = Double.longBitsToDouble(s[2]);
    }
}
