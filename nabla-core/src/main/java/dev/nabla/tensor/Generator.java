package dev.nabla.tensor;

import java.util.Arrays;

/**
 * A seeded source of random numbers that draws exactly what PyTorch's CPU generator draws, as
 * {@code torch.Generator}: a Mersenne Twister (MT19937) seeded with the low 32 bits of the seed, so
 * {@code new Generator(s)} and {@code torch.Generator().manual_seed(s)} (or {@code torch.manual_seed(s)})
 * give the same uniform and normal floats, integers, permutations and dropout masks.
 *
 * <p>The distributions follow ATen's CPU kernels (torch 1.13): a float uniform keeps 24 bits of one
 * 32-bit word, a double uniform 53 bits of two words (first word high); normals of fewer than 16
 * contiguous floats use double Box-Muller with one value cached, larger fills use the 16-wide float
 * Box-Muller of {@link NormalFill}. Its whole state (624 words, the position, the seed and the cached
 * normal) is saved and restored by {@link #getState()} / {@link #setState(long[])}, so checkpoints
 * resume the stream exactly. Not thread-safe: give each thread its own generator.
 */
public final class Generator {
    private static final int N = 624;
    private static final int M = 397;
    private static final int MATRIX_A = 0x9908b0df;
    private static final int UPPER = 0x80000000;
    private static final int LOWER = 0x7fffffff;
    /** Length of {@link #getState()}: seed, position, normal flag, normal bits, then the 624 words. */
    public static final int STATE_LENGTH = 4 + N;

    private static final Generator DEFAULT = new Generator(67280421310721L); // torch's default_rng_seed_val

    private final int[] mt = new int[N];
    private int next;
    private long seed;
    private boolean hasNextNormal;
    private double nextNormal;

    public Generator(long seed) {
        manualSeed(seed);
    }

    /**
     * The process-wide generator used when no generator is passed (seed it with {@link #manualSeed}, as
     * {@code torch.manual_seed}). It starts from 67280421310721, the seed of a fresh {@code torch.Generator()},
     * so runs are reproducible; torch's own default generator starts from a nondeterministic seed.
     */
    public static Generator defaultGenerator() {
        return DEFAULT;
    }

    /** Resets the state as {@code torch.manual_seed}: MT19937 initialised with the low 32 bits of the seed. */
    public Generator manualSeed(long seed) {
        this.seed = seed;
        int s = (int) seed;
        mt[0] = s;
        for (int i = 1; i < N; i++) {
            s = 1812433253 * (s ^ (s >>> 30)) + i;
            mt[i] = s;
        }
        next = N;
        hasNextNormal = false;
        return this;
    }

    /** The seed last given, as {@code initial_seed()}. */
    public long initialSeed() {
        return seed;
    }

    /** Refills the 624 words (the MT19937 twist); the three loops avoid a modulo per word. */
    private void twist() {
        int[] s = mt;
        int k = 0;
        for (; k < N - M; k++) {
            int y = (s[k] & UPPER) | (s[k + 1] & LOWER);
            s[k] = s[k + M] ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
        }
        for (; k < N - 1; k++) {
            int y = (s[k] & UPPER) | (s[k + 1] & LOWER);
            s[k] = s[k + M - N] ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
        }
        int y = (s[N - 1] & UPPER) | (s[0] & LOWER);
        s[N - 1] = s[M - 1] ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
        next = 0;
    }

    /** The next 32 random bits (an unsigned word held in an int), as the generator's {@code random()}. */
    public int nextInt32() {
        if (next >= N) {
            twist();
        }
        int y = mt[next++];
        y ^= y >>> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        return y ^ (y >>> 18);
    }

    /** The next 64 random bits: two words, the first one high, as {@code random64()}. */
    public long nextLong() {
        long hi = nextInt32() & 0xffffffffL;
        long lo = nextInt32() & 0xffffffffL;
        return (hi << 32) | lo;
    }

    /** Uniform in [0, 1) from the low 24 bits of one word, as a float {@code uniform_(0, 1)}. */
    public float nextFloat() {
        return (nextInt32() & 0xffffff) * 0x1.0p-24f;
    }

    /** Uniform in [0, 1) from the low 53 bits of {@link #nextLong()}, as a double {@code uniform_(0, 1)}. */
    public double nextDouble() {
        return (nextLong() & 0x1fffffffffffffL) * 0x1.0p-53;
    }

    /**
     * Uniform integer in [0, bound) as {@code randint}/{@code random_(0, bound)}: one word modulo the
     * bound, or 64 bits modulo the bound when bound &gt;= 2^32 (torch keeps the modulo's slight bias).
     */
    public long nextLong(long bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("Generator.nextLong: bound must be positive, got " + bound);
        }
        if (bound >= 1L << 32) {
            return Long.remainderUnsigned(nextLong(), bound);
        }
        return (nextInt32() & 0xffffffffL) % bound;
    }

    /** Uniform integer in [0, bound), as {@link #nextLong(long)}. */
    public int nextInt(int bound) {
        return (int) nextLong(bound);
    }

    /**
     * Standard normal sample as ATen's {@code normal_distribution<double>}: u1, u2 double uniforms,
     * r = sqrt(-2 log(1 - u2)), theta = 2 pi u1; returns r cos(theta) and keeps r sin(theta) for the next call.
     */
    public double nextGaussian() {
        if (hasNextNormal) {
            hasNextNormal = false;
            return nextNormal;
        }
        double u1 = nextDouble();
        double u2 = nextDouble();
        double r = Math.sqrt(-2.0 * Math.log(1.0 - u2));
        double theta = 2.0 * Math.PI * u1;
        nextNormal = r * Math.sin(theta);
        hasNextNormal = true;
        return r * Math.cos(theta);
    }

    /** Normal sample with the given mean and std, rounded as ATen does ({@code val * std + mean}, fused). */
    public double nextGaussian(double mean, double std) {
        return Math.fma(nextGaussian(), std, mean);
    }

    /**
     * Fills {@code d[off, off + len)} as a contiguous float32 {@code uniform_(from, to)}: from and to are
     * rounded to float, then each value is x * (to - from) + from in float with a fused multiply-add.
     */
    public void fillUniform(float[] d, int off, int len, double from, double to) {
        float f = (float) from;
        float range = (float) to - f;
        for (int i = off, end = off + len; i < end; i++) {
            d[i] = Math.fma((nextInt32() & 0xffffff) * 0x1.0p-24f, range, f);
        }
    }

    /**
     * Fills {@code d[off, off + len)} as a contiguous float32 {@code normal_(mean, std)}: 16 or more values
     * take the 16-wide float Box-Muller path of {@link NormalFill}, fewer the double one of
     * {@link #nextGaussian()}.
     */
    public void fillNormal(float[] d, int off, int len, double mean, double std) {
        if (len >= 16) {
            NormalFill.fill(this, d, off, len, (float) mean, (float) std);
        } else {
            for (int i = off, end = off + len; i < end; i++) {
                d[i] = (float) nextGaussian(mean, std);
            }
        }
    }

    /**
     * A random permutation of 0..n-1, as {@code torch.randperm(n)} on the CPU: forward Fisher-Yates,
     * swapping position i with i + random() % (n - i).
     */
    public int[] permutation(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("randperm: n must be non-negative, got " + n);
        }
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = 0; i < n - 1; i++) {
            int j = i + (int) ((nextInt32() & 0xffffffffL) % (n - i));
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /**
     * The complete state, for checkpoints ({@link #STATE_LENGTH} longs): seed, position in the 624
     * words, whether a normal is cached (0/1), the cached normal's raw bits, then the 624 words.
     */
    public long[] getState() {
        long[] s = new long[STATE_LENGTH];
        s[0] = seed;
        s[1] = next;
        s[2] = hasNextNormal ? 1 : 0;
        s[3] = Double.doubleToRawLongBits(nextNormal);
        for (int i = 0; i < N; i++) {
            s[4 + i] = mt[i] & 0xffffffffL;
        }
        return s;
    }

    /** Restores a state returned by {@link #getState()}. */
    public void setState(long[] s) {
        if (s == null || s.length != STATE_LENGTH) {
            throw new IllegalArgumentException("Generator.setState: expected " + STATE_LENGTH + " longs (MT19937"
                    + " state), got " + (s == null ? "null" : s.length));
        }
        if (s[1] < 0 || s[1] > N || (s[2] != 0 && s[2] != 1)) {
            throw new IllegalArgumentException("Generator.setState: invalid position " + s[1] + " or normal flag "
                    + s[2] + " in " + Arrays.toString(Arrays.copyOf(s, 4)));
        }
        seed = s[0];
        next = (int) s[1];
        hasNextNormal = s[2] != 0;
        nextNormal = Double.longBitsToDouble(s[3]);
        for (int i = 0; i < N; i++) {
            mt[i] = (int) s[4 + i];
        }
    }
}
