package dev.nabla.data;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One pass over an {@link IterableDataset}. A stream has one reader, so with workers a single
 * producer thread reads and collates ahead into a bounded queue of numWorkers * prefetchFactor
 * batches; without workers batches are built in {@code next()}.
 */
final class StreamBatchIterator<T, B> extends DataLoader.BatchIterator<B> {
    /** A queued result: a batch, the end of the stream, or the error that stopped the producer. */
    private record Item<B>(B batch, Throwable error, int index, boolean end) {
    }

    private final DataLoader<T, B> loader;
    private final long epoch;
    private Iterator<T> source;
    private final WorkerPool pool;
    private final BlockingQueue<Item<B>> queue;
    private Item<B> peeked;
    private int produced;
    private int returned;
    private final AtomicBoolean closed = new AtomicBoolean();

    StreamBatchIterator(DataLoader<T, B> loader, long epoch) {
        this.loader = loader;
        this.epoch = epoch;
        if (loader.numWorkers > 0) {
            queue = new ArrayBlockingQueue<>(loader.numWorkers * loader.prefetchFactor);
            pool = new WorkerPool(1, loader.id, epoch);
            pool.submit(this::produce);
        } else {
            queue = null;
            pool = null;
        }
    }

    /** Reads the next batch from the stream; null at the end (or a short last batch dropped). */
    private B readBatch(int b) {
        if (source == null) {
            source = loader.iterable.iterator();
        }
        List<T> examples = new ArrayList<>(loader.batchSize);
        loader.withBatchRandom(epoch, b, () -> {
            while (examples.size() < loader.batchSize && source.hasNext()) {
                examples.add(source.next());
            }
            return null;
        });
        if (examples.isEmpty() || (loader.dropLast && examples.size() < loader.batchSize)) {
            return null;
        }
        return loader.collateStream(epoch, b, examples);
    }

    private void produce() {
        int b = 0;
        try {
            while (!Thread.currentThread().isInterrupted()) {
                B batch;
                try {
                    batch = readBatch(b);
                } catch (RuntimeException | Error e) {
                    queue.put(new Item<>(null, e, b, false));
                    return;
                }
                if (batch == null) {
                    queue.put(new Item<>(null, null, b, true));
                    return;
                }
                queue.put(new Item<>(batch, null, b, false));
                b++;
            }
        } catch (InterruptedException e) {
            // close() stopped us: exit quietly.
        }
    }

    private Item<B> take() {
        if (peeked != null) {
            return peeked;
        }
        if (pool == null) {
            int b = produced;
            try {
                B batch = readBatch(b);
                peeked = batch == null ? new Item<>(null, null, b, true) : new Item<>(batch, null, b, false);
            } catch (RuntimeException | Error e) {
                peeked = new Item<>(null, e, b, false);
            }
            produced++;
            return peeked;
        }
        try {
            peeked = loader.timeoutNanos > 0 ? queue.poll(loader.timeoutNanos, TimeUnit.NANOSECONDS) : queue.take();
            if (peeked == null) {
                close();
                throw new DataLoaderException(returned, "DataLoader: timed out after "
                        + TimeUnit.NANOSECONDS.toMillis(loader.timeoutNanos) + " ms waiting for batch " + returned
                        + " of epoch " + epoch + " from the worker", null);
            }
        } catch (InterruptedException e) {
            close();
            Thread.currentThread().interrupt();
            throw new DataLoaderException(returned, "DataLoader: interrupted while waiting for batch " + returned, e);
        }
        return peeked;
    }

    @Override
    public synchronized boolean hasNext() {
        if (closed.get()) {
            return false;
        }
        Item<B> it = take();
        if (it.end()) {
            close();
            return false;
        }
        return true; // an error item is reported by next()
    }

    @Override
    public synchronized B next() {
        if (closed.get()) {
            throw new NoSuchElementException("DataLoader: the iterator is closed (epoch " + epoch + ")");
        }
        Item<B> it = take();
        peeked = null;
        if (it.end()) {
            close();
            throw new NoSuchElementException("DataLoader: no more batches in epoch " + epoch);
        }
        if (it.error() != null) {
            close();
            throw new DataLoaderException(it.index(), "DataLoader: " + (pool == null ? "the main thread" : "a worker thread")
                    + " failed on batch " + it.index() + " of epoch " + epoch + " (streamed data set): " + it.error(),
                    it.error());
        }
        returned++;
        return it.batch();
    }

    /** Idempotent, from any thread: stops the producer and wakes a consumer blocked in next(). */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (pool != null) {
            pool.stop();
            queue.clear();
            // The producer is gone, so there is room: a waiting next() sees the end instead of hanging.
            queue.offer(new Item<>(null, null, returned, true));
        }
        loader.closed(this);
    }
}
