package dev.nabla.data;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * One epoch over a map-style data set. Without workers each batch is loaded in {@code next()};
 * with workers a window of futures (at most numWorkers * prefetchFactor) runs ahead and is
 * consumed head first, which keeps the sampler's order whatever order the workers finish in.
 */
final class IndexedBatchIterator<T, B> extends DataLoader.BatchIterator<B> {
    private final DataLoader<T, B> loader;
    private final long epoch;
    private final List<int[]> batches;
    private final WorkerPool pool;
    private final ArrayDeque<Future<B>> inFlight = new ArrayDeque<>();
    private int submitted;
    private int returned;
    private boolean closed;

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
        while (inFlight.size() < window && submitted < batches.size()) {
            int b = submitted++;
            int[] idx = batches.get(b);
            inFlight.add(pool.submit(() -> loader.loadIndexed(epoch, b, idx)));
        }
    }

    @Override
    public synchronized boolean hasNext() {
        boolean more = !closed && returned < batches.size();
        if (!more) {
            close();
        }
        return more;
    }

    @Override
    public synchronized B next() {
        if (closed) {
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
            try {
                batch = f.get();
            } catch (ExecutionException e) {
                close();
                throw failure(b, "a worker thread", e.getCause());
            } catch (InterruptedException e) {
                close();
                Thread.currentThread().interrupt();
                throw new DataLoaderException(b, "DataLoader: interrupted while waiting for batch " + b, e);
            } catch (CancellationException e) {
                close();
                throw new DataLoaderException(b, "DataLoader: batch " + b + " was cancelled", e);
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
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (pool != null) {
            for (Future<B> f : inFlight) {
                f.cancel(true);
            }
            inFlight.clear();
            pool.stop();
        }
        loader.closed(this);
    }
}
