package dev.nabla.data;

import dev.nabla.tensor.Generator;

/**
 * The random stream that random transforms use when they were given no generator of their own.
 *
 * <p>While a {@link DataLoader} loads batch {@code b} of epoch {@code e} (on whichever thread),
 * {@link #current()} returns a generator seeded from (loader seed, e, b). Augmentations are then
 * the same for every run with the same seed, whatever the number of workers and whatever order
 * the workers finish in. Outside a loader it returns {@link Generator#defaultGenerator()}.
 */
public final class DataRandom {
    private static final ThreadLocal<Generator> CURRENT = new ThreadLocal<>();

    private DataRandom() {
    }

    /** The generator of the batch being loaded on this thread, else the default generator. */
    public static Generator current() {
        Generator g = CURRENT.get();
        return g != null ? g : Generator.defaultGenerator();
    }

    /** Runs {@code body} with {@code g} as this thread's current generator (restores the previous one). */
    static <R> R with(Generator g, java.util.function.Supplier<R> body) {
        Generator previous = CURRENT.get();
        CURRENT.set(g);
        try {
            return body.get();
        } finally {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        }
    }
}
