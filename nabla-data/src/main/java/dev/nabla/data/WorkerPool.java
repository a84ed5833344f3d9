package dev.nabla.data;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Creates and stops the worker threads of one loader iterator. */
final class WorkerPool {
    /** Every worker thread's name starts with this (tests look for leaked threads by it). */
    static final String THREAD_PREFIX = "nabla-data-worker-";

    private WorkerPool() {
    }

    /** A fixed pool of daemon threads named {@code nabla-data-worker-<loader>-<epoch>-<k>}. */
    static ExecutorService start(int threads, int loaderId, long epoch) {
        AtomicInteger k = new AtomicInteger();
        return new ThreadPoolExecutor(threads, threads, 0L, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, THREAD_PREFIX + loaderId + "-" + epoch + "-" + k.getAndIncrement());
            // Daemon so an iterator that is dropped without close() cannot keep the JVM alive.
            t.setDaemon(true);
            return t;
        });
    }

    /** Interrupts the workers and waits for them to finish their current example. */
    static void stop(ExecutorService pool) {
        pool.shutdownNow();
        boolean interrupted = false;
        while (true) {
            try {
                if (pool.awaitTermination(10, TimeUnit.SECONDS)) {
                    break;
                }
                // A worker stuck in non-interruptible code: give up waiting rather than hang the caller.
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
