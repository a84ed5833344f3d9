package dev.nabla.data.transforms;

import dev.nabla.data.DataRandom;
import dev.nabla.tensor.Generator;

/** Draws for random transforms: from the given generator (locked, it is not thread-safe) or DataRandom. */
final class Randomness {
    private final Generator generator;

    Randomness(Generator generator) {
        this.generator = generator;
    }

    /** Runs the draws of one call under the generator's lock so parameters stay consistent. */
    <R> R draw(java.util.function.Function<Generator, R> draws) {
        if (generator == null) {
            return draws.apply(DataRandom.current());
        }
        synchronized (generator) {
            return draws.apply(generator);
        }
    }

    /**
     * Uniform in [lo, hi) as {@code float(torch.empty(1).uniform_(lo, hi))}: a float32 draw (one 32-bit
     * word, bounds rounded to float), so the same generator state gives torchvision's parameter.
     */
    static double uniform(Generator g, double lo, double hi) {
        float[] v = new float[1];
        g.fillUniform(v, 0, 1, lo, hi);
        return v[0];
    }

    /** Uniform integer in [lo, hi), as {@code torch.randint(lo, hi, (1,))} (one word modulo the range). */
    static int randint(Generator g, int lo, int hi) {
        return lo + g.nextInt(hi - lo);
    }
}
