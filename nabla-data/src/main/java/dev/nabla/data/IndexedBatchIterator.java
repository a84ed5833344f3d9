package dev.nabla.data;

import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One epoch over a map-style data set. Without workers each batch is loaded in {@code next()};
 * with workers a window of futures (at most numWorkers * prefetchFactor) runs ahead and is
 * consumed head first, which keeps the sampler's order whatever order the workers finish in.
 *
 * <p>{@code next()} has one caller at a time; {@link #close()} may come from any thread (e.g.
 * {@link DataLoader#close()}) and does not wait for a {@code next()} in progress, which then
 * fails because its batch was cancelled.
 */
final class IndexedBatchIterator<T, B> extends DataLoader.BatchIterator<B> {
    private final DataLoader<T, B> loader;
    private final long epoch;
    private final List<int[]> batches;
    private final WorkerPool pool;
    private final ConcurrentLinkedDeque<Future<B>> inFlight = new ConcurrentLinkedDeque<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    /** The future next() is blocked on, so a close() from another thread can cancel it too. */
    private volatile Future<B> waiting;
    private int submitted;
    private int returned;

    IndexedBatchIterator(DataLoader<T, B> loader, long epoch, List<int[]> batches) {
        this.loader = loader;
        this.epoch = epoch;
        this.batches = batches;
        if (loader.numWorkers > 0 && !batches.isEmpty()) {
            pool = new WorkerPool(loader.numWorkers, loader.id, epoch);
            fill();
        } else {
            pool = null;
        }
    }

    private void fill() {
        int window = loader.numWorkers * loader.prefetchFactor;
        while (!closed.get() && inFlight.size() < window && submitted < batches.size()) {
            int b = submitted++;
            int[] idx = batches.get(b);
            inFlight.add(pool.submit(() -> loader.loadIndexed(epoch, b, idx)));
        }
    }

    @Override
    public synchronized boolean hasNext() {
        boolean more = !closed.get() && returned < batches.size();
        if (!more) {
            close();
        }
        return more;
    }

    @Override
    public synchronized B next() {
        if (closed.get()) {
            throw new NoSuchElementException("DataLoader: the iterator is closed (epoch " + epoch + ")");
        }
        if (returned >= batches.size()) {
            close();
            throw new NoSuchElementException("DataLoader: no more batches in epoch " + epoch);
        }
        int b = returned;
        B batch;
        if (pool == null) {
            try {
                batch = loader.loadIndexed(epoch, b, batches.get(b));
            } catch (RuntimeException | Error e) {
                close();
                throw failure(b, "the main thread", e);
            }
        } else {
            Future<B> f = inFlight.poll();
            if (f == null) {
                throw new NoSuchElementException("DataLoader: the iterator was closed (epoch " + epoch + ")");
            }
            waiting = f;
            if (closed.get()) {
                f.cancel(true); // close() ran between poll() and here
            }
            try {
                batch = loader.timeoutNanos > 0 ? f.get(loader.timeoutNanos, TimeUnit.NANOSECONDS) : f.get();
            } catch (TimeoutException e) {
                close();
                throw new DataLoaderException(b, "DataLoader: timed out after "
                        + TimeUnit.NANOSECONDS.toMillis(loader.timeoutNanos) + " ms waiting for batch " + b
                        + " of epoch " + epoch + " from the workers", e);
            } catch (ExecutionException e) {
                close();
                throw failure(b, "a worker thread", e.getCause());
            } catch (InterruptedException e) {
                close();
                Thread.currentThread().interrupt();
                throw new DataLoaderException(b, "DataLoader: interrupted while waiting for batch " + b, e);
            } catch (CancellationException e) {
                close();
                throw new DataLoaderException(b, "DataLoader: batch " + b + " was cancelled because the iterator was "
                        + "closed", e);
            } finally {
                waiting = null;
            }
            fill();
        }
        returned++;
        if (returned == batches.size()) {
            close();
        }
        return batch;
    }

    private DataLoaderException failure(int b, String where, Throwable cause) {
        int[] idx = batches.get(b);
        String shown = idx.length <= 16 ? Arrays.toString(idx)
                : Arrays.toString(Arrays.copyOf(idx, 16)).replace("]", ", ...]");
        return new DataLoaderException(b, "DataLoader: " + where + " failed on batch " + b + " of epoch " + epoch
                + " (sample indices " + shown + "): " + cause, cause);
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (pool != null) {
            Future<B> w = waiting;
            if (w != null) {
                w.cancel(true);
            }
            Future<B> f;
            while ((f = inFlight.poll()) != null) {
                f.cancel(true);
            }
            pool.stop();
        }
        loader.closed(this);
    }
}
