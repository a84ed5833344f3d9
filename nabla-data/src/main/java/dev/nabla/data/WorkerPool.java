package dev.nabla.data;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** The worker threads of one loader iterator: a fixed pool whose threads are joined on stop. */
final class WorkerPool {
    /** Every worker thread's name starts with this (tests look for leaked threads by it). */
    static final String THREAD_PREFIX = "nabla-data-worker-";
    private static final long JOIN_MILLIS = 10_000;

    private final ExecutorService executor;
    private final List<Thread> threads = new CopyOnWriteArrayList<>();

    /** A fixed pool of daemon threads named {@code nabla-data-worker-<loader>-<epoch>-<k>}. */
    WorkerPool(int size, int loaderId, long epoch) {
        AtomicInteger k = new AtomicInteger();
        executor = new ThreadPoolExecutor(size, size, 0L, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, THREAD_PREFIX + loaderId + "-" + epoch + "-" + k.getAndIncrement());
            // Daemon so an iterator that is dropped without close() cannot keep the JVM alive.
            t.setDaemon(true);
            threads.add(t);
            return t;
        });
    }

    <R> Future<R> submit(Callable<R> task) {
        return executor.submit(task);
    }

    Future<?> submit(Runnable task) {
        return executor.submit(task);
    }

    /**
     * Interrupts the workers and joins them, so no worker thread is alive when this returns
     * (unless one is stuck in code that ignores interrupts for more than 10 seconds).
     */
    void stop() {
        executor.shutdownNow();
        boolean interrupted = false;
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(JOIN_MILLIS);
        for (Thread t : threads) {
            while (t.isAlive()) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    break;
                }
                try {
                    t.join(left);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
