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
 *   <li>Dynamic tasks by default: {@link #forRange} and {@link #forTasks} hand out tasks from a counter and
 *       the caller takes whatever is left, so a worker that the OS has not scheduled yet (this VM is
 *       shared and often oversubscribed) delays nothing. {@link #team} is for the rare body whose members
 *       must run at the same time (they may meet at a {@link Barrier}); it waits for every member.</li>
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

    private static volatile Job job;
    /** Bumped once per job; workers wait for it to change. */
    private static volatile long generation;

    /** What a worker runs when it sees a new generation. */
    private abstract static class Job {
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        /** The generation this job was published under. */
        long gen;

        abstract void runWorker(int id);
    }

    /** A team job: members 1..members-1 run the body; the caller waits for every one of them. */
    private static final class TeamJob extends Job {
        final TeamBody body;
        final int members;
        final AtomicInteger finished = new AtomicInteger();

        TeamJob(TeamBody body, int members) {
            this.body = body;
            this.members = members;
        }

        @Override
        void runWorker(int id) {
            if (id >= members) {
                return;
            }
            try {
                body.run(id, members);
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
            } finally {
                finished.incrementAndGet();
            }
        }
    }

    /** A bag of tasks taken by whichever threads arrive; the caller returns when all are done. */
    private static final class TaskJob extends Job {
        final java.util.function.IntConsumer task;
        final int tasks;
        final int helpers;
        final AtomicInteger next = new AtomicInteger();
        final AtomicInteger done = new AtomicInteger();

        TaskJob(java.util.function.IntConsumer task, int tasks, int helpers) {
            this.task = task;
            this.tasks = tasks;
            this.helpers = helpers;
        }

        @Override
        void runWorker(int id) {
            if (id <= helpers) {
                work();
            }
        }

        void work() {
            int t;
            while ((t = next.getAndIncrement()) < tasks) {
                try {
                    task.accept(t);
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                } finally {
                    done.incrementAndGet();
                }
            }
        }
    }

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
        // A few tasks per thread, taken dynamically, so a thread that is descheduled (this VM is shared)
        // does not hold the others up.
        int tasks = (int) Math.min(n / Math.max(1, grain), 4L * chunks);
        forTasks(tasks, chunks, t -> {
            long lo = (long) n * t / tasks;
            long hi = (long) n * (t + 1) / tasks;
            if (hi > lo) {
                body.run((int) lo, (int) hi);
            }
        });
    }

    /**
     * Runs task(t) for every t in [0, tasks), on the caller and up to {@code threads - 1} workers that take
     * tasks dynamically; returns when all are done. The caller never waits for a worker that has not
     * started: it takes the remaining tasks itself. Tasks must be independent. Runs inline (in order)
     * inside a job, when the pool is busy, or when {@code threads <= 1}.
     */
    public static void forTasks(int tasks, int threads, java.util.function.IntConsumer task) {
        threads = Math.min(Math.min(threads, THREADS), tasks);
        if (threads <= 1 || IN_JOB.get() || !BUSY.compareAndSet(0, 1)) {
            boolean outer = !IN_JOB.get();
            if (outer) {
                IN_JOB.set(Boolean.TRUE);
            }
            try {
                for (int t = 0; t < tasks; t++) {
                    task.accept(t);
                }
            } finally {
                if (outer) {
                    IN_JOB.set(Boolean.FALSE);
                }
            }
            return;
        }
        TaskJob j = new TaskJob(task, tasks, threads - 1);
        try {
            start(j, threads - 1);
            IN_JOB.set(Boolean.TRUE);
            try {
                j.work();
            } finally {
                IN_JOB.set(Boolean.FALSE);
            }
            awaitCount(j.done, tasks);
            job = null;
        } finally {
            BUSY.set(0);
        }
        rethrow(j.failure.get());
    }

    /**
     * Starts a job whose body the caller runs itself; up to {@code helpers} workers call
     * {@code helper.run()} too when they wake. The caller's body must not return before all the
     * shared work is complete (e.g. by counting finished tasks); workers that arrive late must find
     * nothing left to do. Returns false (and starts nothing) when the caller must run alone: nested
     * call, pool busy, or one thread. Call {@link #endShared()} after the caller's body, in a finally.
     */
    static boolean startShared(int helpers, Runnable helper) {
        helpers = Math.min(helpers, THREADS - 1);
        if (helpers <= 0 || IN_JOB.get() || !BUSY.compareAndSet(0, 1)) {
            return false;
        }
        int h = helpers;
        start(new Job() {
            @Override
            void runWorker(int id) {
                if (id <= h) {
                    helper.run();
                }
            }
        }, helpers);
        IN_JOB.set(Boolean.TRUE);
        return true;
    }

    /** Ends a job begun by {@link #startShared} that returned true. */
    static void endShared() {
        IN_JOB.set(Boolean.FALSE);
        job = null;
        BUSY.set(0);
    }

    private static void start(Job j, int helpers) {
        // Only the BUSY owner publishes, so this read-modify-write of the volatile is not racy.
        j.gen = generation + 1;
        job = j;
        generation = j.gen;
        for (int i = 0; i < helpers; i++) {
            LockSupport.unpark(WORKERS[i]);
        }
    }

    /** Spins (then yields) until element i of counters reaches target. */
    static void awaitCount(java.util.concurrent.atomic.AtomicIntegerArray counters, int i, int target) {
        int spins = 0;
        while (counters.get(i) < target) {
            if (++spins < 1 << 12) {
                Thread.onSpinWait();
            } else {
                Thread.yield();
            }
        }
    }

    /** Spins (then yields, so a descheduled peer can run) until counter reaches target. */
    static void awaitCount(AtomicInteger counter, int target) {
        int spins = 0;
        while (counter.get() < target) {
            if (++spins < 1 << 12) {
                Thread.onSpinWait();
            } else {
                Thread.yield();
            }
        }
    }

    private static void rethrow(Throwable t) {
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

    /** How many chunks {@link #forRange} would use for n items at this grain (1 inside a job). */
    public static int chunks(int n, int grain) {
        // the ThreadLocal lookup last: small calls (per-plane sums, ~3K per convnet backward) skip it
        long c = n / Math.max(1, grain);
        if (THREADS == 1 || c <= 1 || IN_JOB.get()) {
            return 1;
        }
        return (int) Math.min(THREADS, c);
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
        TeamJob j = new TeamJob(body, members);
        try {
            start(j, members - 1);
            IN_JOB.set(Boolean.TRUE);
            try {
                body.run(0, members);
            } catch (Throwable t) {
                j.failure.compareAndSet(null, t);
            } finally {
                IN_JOB.set(Boolean.FALSE);
            }
            awaitCount(j.finished, members - 1);
            job = null;
        } finally {
            BUSY.set(0);
        }
        rethrow(j.failure.get());
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
                // Read the generation before the job: a job published later has a larger generation.
                Job j = job;
                if (j != null && j.gen > seen) {
                    seen = j.gen;
                    j.runWorker(id);
                } else {
                    seen = Math.max(seen, g);
                }
            }
        }
    }
}
