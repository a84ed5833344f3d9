package dev.nabla.data;

import dev.nabla.tensor.Generator;
import java.util.function.Consumer;

/**
 * A generator's state taken once and replayed to the start of any epoch, so that a sampler's epoch
 * {@code e} is reproducible (for resuming) without advancing the caller's generator. The start of
 * the last epoch asked for is cached, so sequential epochs cost one epoch of skipped draws each.
 * Not thread-safe: the samplers call it from their synchronized {@code indices}.
 */
final class EpochReplay {
    /** The generator's state at construction. */
    private final long[] start;
    private long cachedEpoch = -1;
    private long[] cachedState;

    /** Takes the state of {@code generator}, or of the default generator when it is null. */
    EpochReplay(Generator generator) {
        this.start = (generator == null ? Generator.defaultGenerator() : generator).getState();
    }

    /**
     * A fresh generator at the start of {@code epoch}: from the construction state (or the cached
     * start of an earlier epoch), with {@code skipEpoch} making one whole epoch's draws per epoch passed.
     */
    Generator seek(long epoch, Consumer<Generator> skipEpoch) {
        Generator g = new Generator(0);
        long e = 0;
        if (cachedState != null && cachedEpoch <= epoch) {
            g.setState(cachedState);
            e = cachedEpoch;
        } else {
            g.setState(start);
        }
        for (; e < epoch; e++) {
            skipEpoch.accept(g);
        }
        cachedEpoch = epoch;
        cachedState = g.getState();
        return g;
    }
}
