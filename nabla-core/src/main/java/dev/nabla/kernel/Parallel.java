package dev.nabla.kernel;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * The one shared pool of worker threads that every kernel splits its work over.
 *
 * <p>Sized to the machine's cores ({@link Runtime#availableProcessors()}), or to the system property
 * {@code nabla.threads} when set (1 turns threading off). The pool holds {@code threads() - 1} daemon
 * workers; the calling thread always takes part as member 0, so a job of t members wakes t - 1 workers.
 *
 * <p>Rules that keep it cheap and safe:
 * <ul>
 *   <li>No nested parallelism: a call made from inside a job (on a worker or on the caller while it runs
 *       its share) runs inline on that thread.</li>
 *   <li>One job at a time: if another application thread is already running a job, a second caller runs
 *       its work inline instead of waiting, so there is no deadlock and no queue.</li>
 *   <li>A minimum grain: {@link #forRange} only splits when each member gets at least {@code grain} items,
 *       so tiny ops never pay for a wake-up.</li>
 *   <li>Workers spin briefly after a job before parking, because ops in a training step come back to back;
 *       the spin is bounded (about 50 microseconds) so an idle pool costs no CPU.</li>
 * </ul>
 *
 * <p>Example: {@code Parallel.forRange(n, 32768, (lo, hi) -> work(lo, hi));}
 */
public final class Parallel {
    /** A body over a half-open range [lo, hi). */
    @FunctionalInterface
    public interface RangeBody {
        void run(int lo, int hi);
    }

    /** A body run by each member {@code id} in [0, members) of a team that runs concurrently. */
    @FunctionalInterface
    public interface TeamBody {
        void run(int id, int members);
    }

    private static final int THREADS = configuredThreads();
    private static final Worker[] WORKERS = new Worker[THREADS - 1];
    /** Set on workers, and on a caller while it runs a job, so that nested calls run inline. */
    private static final ThreadLocal<Boolean> IN_JOB = ThreadLocal.withInitial(() -> Boolean.FALSE);
    /** 0 when the pool is free, 1 while a job owns it. */
    private static final AtomicInteger BUSY = new AtomicInteger();

    private static volatile TeamBody job;
    private static volatile int jobMembers;
    /** Bumped once per job; workers wait for it to change. */
    private static volatile long generation;
    private static final AtomicInteger PENDING = new AtomicInteger();
    private static final AtomicReference<Throwable> FAILURE = new AtomicReference<>();

    static {
        for (int i = 0; i < WORKERS.length; i++) {
            WORKERS[i] = new Worker(i + 1);
            WORKERS[i].start();
        }
    }

    private Parallel() {
    }

    private static int configuredThreads() {
        String p = System.getProperty("nabla.threads");
        int n = Runtime.getRuntime().availableProcessors();
        if (p != null && !p.isBlank()) {
            try {
                n = Integer.parseInt(p.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("nabla.threads must be a positive integer, got '" + p + "'");
            }
        }
        return Math.max(1, n);
    }

    /** Number of threads jobs may use (workers plus the caller). */
    public static int threads() {
        return THREADS;
    }

    /** Whether the current thread is already inside a job (so work must run inline). */
    public static boolean inJob() {
        return IN_JOB.get();
    }

    /**
     * Runs body over [0, n) split into at most {@link #threads()} contiguous chunks of at least
     * {@code grain} items each; runs inline when that gives one chunk.
     */
    public static void forRange(int n, int grain, RangeBody body) {
        int chunks = chunks(n, grain);
        if (chunks <= 1) {
            if (n > 0) {
                body.run(0, n);
            }
            return;
        }
        team(chunks, (id, members) -> {
            long lo = (long) n * id / members;
            long hi = (long) n * (id + 1) / members;
            if (hi > lo) {
                body.run((int) lo, (int) hi);
            }
        });
    }

    /** How many chunks {@link #forRange} would use for n items at this grain (1 inside a job). */
    public static int chunks(int n, int grain) {
        if (THREADS == 1 || n <= 0 || IN_JOB.get()) {
            return 1;
        }
        long c = n / Math.max(1, grain);
        return (int) Math.max(1, Math.min(THREADS, c));
    }

    /**
     * Runs body(id, members) for every id in [0, members) concurrently, the caller taking id 0, and
     * returns when all are done. Members may synchronize with each other (e.g. with a {@link Barrier}):
     * they are guaranteed to run at the same time. If the pool is busy or this is a nested call, the
     * job runs with a single member ({@code body.run(0, 1)}), so bodies must handle any member count;
     * {@code members} is also capped at {@link #threads()}.
     */
    public static void team(int members, TeamBody body) {
        members = Math.min(members, THREADS);
        if (members <= 1 || IN_JOB.get() || !BUSY.compareAndSet(0, 1)) {
            runInline(body);
            return;
        }
        try {
            FAILURE.set(null);
            PENDING.set(members - 1);
            job = body;
            jobMembers = members;
            generation = generation + 1;
            for (int i = 0; i < members - 1; i++) {
                LockSupport.unpark(WORKERS[i]);
            }
            IN_JOB.set(Boolean.TRUE);
            try {
                body.run(0, members);
            } catch (Throwable t) {
                FAILURE.compareAndSet(null, t);
            } finally {
                IN_JOB.set(Boolean.FALSE);
            }
            int spins = 0;
            while (PENDING.get() != 0) {
                if (++spins < 1 << 16) {
                    Thread.onSpinWait();
                } else {
                    Thread.yield();
                }
            }
            job = null;
        } finally {
            BUSY.set(0);
        }
        Throwable t = FAILURE.getAndSet(null);
        if (t instanceof RuntimeException re) {
            throw re;
        }
        if (t instanceof Error e) {
            throw e;
        }
        if (t != null) {
            throw new RuntimeException(t);
        }
    }

    private static void runInline(TeamBody body) {
        boolean outer = !IN_JOB.get();
        if (outer) {
            IN_JOB.set(Boolean.TRUE);
        }
        try {
            body.run(0, 1);
        } finally {
            if (outer) {
                IN_JOB.set(Boolean.FALSE);
            }
        }
    }

    /** A reusable spinning barrier for the members of one {@link #team} job. */
    public static final class Barrier {
        private final int parties;
        private final AtomicInteger arrived = new AtomicInteger();
        private volatile int phase;

        /** A barrier for {@code parties} members. */
        public Barrier(int parties) {
            this.parties = parties;
        }

        /** Waits until all parties have called await for this phase. */
        public void await() {
            if (parties <= 1) {
                return;
            }
            int p = phase;
            if (arrived.incrementAndGet() == parties) {
                arrived.set(0);
                phase = p + 1;
                return;
            }
            int spins = 0;
            while (phase == p) {
                if (++spins < 1 << 14) {
                    Thread.onSpinWait();
                } else {
                    Thread.yield();
                }
            }
        }
    }

    private static final class Worker extends Thread {
        private final int id;

        Worker(int id) {
            super("nabla-worker-" + id);
            this.id = id;
            setDaemon(true);
        }

        @Override
        public void run() {
            IN_JOB.set(Boolean.TRUE);
            long seen = 0;
            while (true) {
                long spinUntil = System.nanoTime() + 50_000;
                long g;
                int spins = 0;
                while ((g = generation) == seen) {
                    Thread.onSpinWait();
                    if ((++spins & 255) == 0 && System.nanoTime() > spinUntil) {
                        LockSupport.park(this);
                    }
                }
                seen = g;
                TeamBody body = job;
                int members = jobMembers;
                if (body == null || id >= members) {
                    continue;
                }
                try {
                    body.run(id, members);
                } catch (Throwable t) {
                    FAILURE.compareAndSet(null, t);
                } finally {
                    PENDING.decrementAndGet();
                }
            }
        }
    }
}
