package dev.nabla.data;

import dev.nabla.tensor.Generator;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Batches a data set for training, as {@code torch.utils.data.DataLoader}: samples indices
 * (in order, shuffled, or from any {@link Sampler} / {@link BatchSampler}), loads the examples,
 * merges them with a {@link Collate} and hands the batches out in order.
 *
 * <p>With {@code numWorkers > 0} batches are loaded on that many worker threads, at most
 * {@code numWorkers * prefetchFactor} batches ahead of the caller, and still delivered in sampler
 * order. An exception while loading is re-thrown by {@code next()} as a
 * {@link DataLoaderException} naming the batch. Iterating to the end shuts the workers down;
 * stop early with {@link BatchIterator#close()} (try-with-resources) or {@link #close()}.
 *
 * <p>Each {@link #iterator()} call is one epoch: with {@code shuffle} the order is a fresh
 * permutation per epoch, torch's for the same seeded generator (see {@link RandomSampler}) and a
 * pure function of the generator's state at construction and the epoch number.
 *
 * <pre>{@code
 * try (DataLoader<Sample, Batch> loader = DataLoader.builder(train)
 *         .batchSize(64).shuffle(true).generator(new Generator(0)).numWorkers(2).build()) {
 *     for (int epoch = 0; epoch < 10; epoch++) {
 *         for (Batch b : loader) { ... }    // b.inputs() (64, 1, 28, 28), b.targets() (64)
 *     }
 * }
 * }</pre>
 *
 * @param <T> example type
 * @param <B> batch type
 */
public final class DataLoader<T, B> implements Iterable<B>, AutoCloseable {
    private static final AtomicInteger IDS = new AtomicInteger();

    final Dataset<T> dataset;
    final IterableDataset<T> iterable;
    final Collate<T, B> collate;
    final BatchSampler batchSampler;
    final int batchSize;
    final boolean dropLast;
    final int numWorkers;
    final int prefetchFactor;
    /** Longest wait for one batch from the workers, in nanoseconds; 0 waits forever. */
    final long timeoutNanos;
    final long seed;
    final int id = IDS.incrementAndGet();
    private long nextEpoch;
    private final Set<BatchIterator<B>> open = ConcurrentHashMap.newKeySet();

    private DataLoader(Builder<T, B> b) {
        this.dataset = b.dataset;
        this.iterable = b.iterable;
        this.collate = b.collate;
        this.batchSize = b.batchSize;
        this.dropLast = b.dropLast;
        this.numWorkers = b.numWorkers;
        this.prefetchFactor = b.prefetchFactor;
        this.timeoutNanos = b.timeout.toNanos();
        Generator g = b.generator == null ? Generator.defaultGenerator() : b.generator;
        if (iterable != null) {
            this.batchSampler = null;
            this.seed = g.nextLong();
        } else if (b.batchSampler != null) {
            this.batchSampler = b.batchSampler;
            this.seed = g.nextLong();
        } else {
            Sampler s = b.sampler;
            if (s == null) {
                // torch's loader iterator draws its base seed from the loader's generator before the sampler's draws.
                s = b.shuffle ? new RandomSampler(dataset.size(), false, dataset.size(), b.generator, 1)
                        : new SequentialSampler(dataset.size());
            }
            this.batchSampler = new BatchSampler(s, batchSize, dropLast);
            this.seed = g.nextLong();
        }
    }

    /** A builder whose batches are {@link Batch}es made by {@link Collate#stack()}. */
    public static Builder<Sample, Batch> builder(Dataset<Sample> dataset) {
        return new Builder<>(Objects.requireNonNull(dataset, "dataset"), null, Collate.stack());
    }

    /** A builder with a custom collate function. */
    public static <T, B> Builder<T, B> builder(Dataset<T> dataset, Collate<T, B> collate) {
        return new Builder<>(Objects.requireNonNull(dataset, "dataset"), null, Objects.requireNonNull(collate, "collate"));
    }

    /** A builder over a stream of examples (no shuffle, no sampler). */
    public static <T, B> Builder<T, B> builder(IterableDataset<T> dataset, Collate<T, B> collate) {
        return new Builder<>(null, Objects.requireNonNull(dataset, "dataset"), Objects.requireNonNull(collate, "collate"));
    }

    /** The number of batches per epoch ({@code len(loader)}); undefined for an iterable data set. */
    public int len() {
        if (batchSampler == null) {
            throw new UnsupportedOperationException("DataLoader: len() is not defined for an IterableDataset");
        }
        return batchSampler.length();
    }

    /** The next epoch's iterator; advances the epoch counter. */
    @Override
    public synchronized BatchIterator<B> iterator() {
        return iterator(nextEpoch++);
    }

    /** An iterator over epoch {@code epoch} (does not change the epoch counter). */
    public BatchIterator<B> iterator(long epoch) {
        BatchIterator<B> it = iterable != null
                ? new StreamBatchIterator<>(this, epoch)
                : new IndexedBatchIterator<>(this, epoch, batchSampler.batches(epoch));
        open.add(it);
        return it;
    }

    /** Sets the epoch the next {@link #iterator()} call will run (e.g. when resuming training). */
    public synchronized void setEpoch(long epoch) {
        this.nextEpoch = epoch;
    }

    /** The epoch the next {@link #iterator()} call will run. */
    public synchronized long epoch() {
        return nextEpoch;
    }

    public int numWorkers() {
        return numWorkers;
    }

    /** Stops every iterator of this loader that is still running and its worker threads. */
    @Override
    public void close() {
        for (BatchIterator<B> it : List.copyOf(open)) {
            it.close();
        }
    }

    void closed(BatchIterator<B> it) {
        open.remove(it);
    }

    /** Loads batch {@code b} from its indices, with that batch's random stream installed. */
    B loadIndexed(long epoch, int b, int[] indices) {
        return DataRandom.with(Seeds.generator(seed, epoch, b), () -> {
            List<T> examples = new ArrayList<>(indices.length);
            for (int i : indices) {
                examples.add(dataset.get(i));
            }
            return collate.collate(examples);
        });
    }

    B collateStream(long epoch, int b, List<T> examples) {
        return DataRandom.with(Seeds.generator(seed, epoch, b), () -> collate.collate(examples));
    }

    /** Runs {@code body} with the random stream of batch {@code b} (for reading streamed examples). */
    <R> R withBatchRandom(long epoch, int b, java.util.function.Supplier<R> body) {
        return DataRandom.with(Seeds.generator(seed, epoch, b), body);
    }

    /**
     * The iterator of one epoch. Close it to stop early; it closes itself at the end and on a
     * loading error.
     */
    public abstract static sealed class BatchIterator<B> implements Iterator<B>, AutoCloseable
            permits IndexedBatchIterator, StreamBatchIterator {

        /** Stops loading and joins the worker threads; idempotent. */
        @Override
        public abstract void close();
    }

    /** Configures a {@link DataLoader}; defaults as torch: batchSize 1, no shuffle, no workers. */
    public static final class Builder<T, B> {
        private final Dataset<T> dataset;
        private final IterableDataset<T> iterable;
        private final Collate<T, B> collate;
        private int batchSize = 1;
        private boolean batchSizeSet;
        private boolean shuffle;
        private boolean dropLast;
        private Sampler sampler;
        private BatchSampler batchSampler;
        private Generator generator;
        private int numWorkers;
        private int prefetchFactor = 2;
        private boolean prefetchSet;
        private java.time.Duration timeout = java.time.Duration.ZERO;

        private Builder(Dataset<T> dataset, IterableDataset<T> iterable, Collate<T, B> collate) {
            this.dataset = dataset;
            this.iterable = iterable;
            this.collate = collate;
        }

        public Builder<T, B> batchSize(int batchSize) {
            if (batchSize <= 0) {
                throw new IllegalArgumentException("DataLoader: batch_size should be a positive integer value, but got "
                        + "batch_size=" + batchSize);
            }
            this.batchSize = batchSize;
            this.batchSizeSet = true;
            return this;
        }

        public Builder<T, B> shuffle(boolean shuffle) {
            this.shuffle = shuffle;
            return this;
        }

        public Builder<T, B> dropLast(boolean dropLast) {
            this.dropLast = dropLast;
            return this;
        }

        public Builder<T, B> sampler(Sampler sampler) {
            this.sampler = sampler;
            return this;
        }

        public Builder<T, B> batchSampler(BatchSampler batchSampler) {
            this.batchSampler = batchSampler;
            return this;
        }

        /** The seed source for shuffling and for {@link DataRandom} (one long is drawn from it at build). */
        public Builder<T, B> generator(Generator generator) {
            this.generator = generator;
            return this;
        }

        public Builder<T, B> numWorkers(int numWorkers) {
            if (numWorkers < 0) {
                throw new IllegalArgumentException("DataLoader: num_workers option should be non-negative; use "
                        + "num_workers=0 to disable multiprocessing, got " + numWorkers);
            }
            this.numWorkers = numWorkers;
            return this;
        }

        /** Batches loaded in advance per worker (default 2; only with workers). */
        public Builder<T, B> prefetchFactor(int prefetchFactor) {
            if (prefetchFactor <= 0) {
                throw new IllegalArgumentException("DataLoader: prefetch_factor must be positive, got " + prefetchFactor);
            }
            this.prefetchFactor = prefetchFactor;
            this.prefetchSet = true;
            return this;
        }

        /** The longest wait for a batch from the workers before failing (default zero: no limit), as torch's timeout. */
        public Builder<T, B> timeout(java.time.Duration timeout) {
            if (timeout.isNegative()) {
                throw new IllegalArgumentException("DataLoader: timeout option should be non-negative, got " + timeout);
            }
            this.timeout = timeout;
            return this;
        }

        public DataLoader<T, B> build() {
            if (iterable != null) {
                if (shuffle) {
                    throw new IllegalArgumentException("DataLoader with IterableDataset: expected unspecified shuffle "
                            + "option, but got shuffle=true");
                }
                if (sampler != null || batchSampler != null) {
                    throw new IllegalArgumentException("DataLoader with IterableDataset: expected unspecified sampler "
                            + "and batch_sampler options");
                }
            }
            if (batchSampler != null && (batchSizeSet || shuffle || sampler != null || dropLast)) {
                throw new IllegalArgumentException("DataLoader: batch_sampler option is mutually exclusive with "
                        + "batch_size, shuffle, sampler, and drop_last");
            }
            if (sampler != null && shuffle) {
                throw new IllegalArgumentException("DataLoader: sampler option is mutually exclusive with shuffle");
            }
            if (!timeout.isZero() && numWorkers == 0) {
                throw new IllegalArgumentException("DataLoader: timeout option should only be set with num_workers > 0");
            }
            if (prefetchSet && numWorkers == 0) {
                throw new IllegalArgumentException("DataLoader: prefetch_factor option could only be specified in "
                        + "multiprocessing; let num_workers > 0 to enable multiprocessing");
            }
            return new DataLoader<>(this);
        }
    }
}
