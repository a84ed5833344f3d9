package dev.nabla.kernel;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shared pool: coverage of ranges, grain, nesting, barriers and failures. */
class ParallelTest {
    @Test
    void forRangeCoversEveryIndexOnce() {
        int n = 1_000_003;
        AtomicIntegerArray hits = new AtomicIntegerArray(n);
        Parallel.forRange(n, 1000, (lo, hi) -> {
            for (int i = lo; i < hi; i++) {
                hits.incrementAndGet(i);
            }
        });
        for (int i = 0; i < n; i++) {
            assertEquals(1, hits.get(i), "index " + i);
        }
    }

    @Test
    void smallWorkStaysOnTheCallingThread() {
        Thread caller = Thread.currentThread();
        Thread[] ran = new Thread[1];
        AtomicInteger calls = new AtomicInteger();
        Parallel.forRange(100, 1000, (lo, hi) -> {
            ran[0] = Thread.currentThread();
            calls.incrementAndGet();
            assertEquals(0, lo);
            assertEquals(100, hi);
        });
        assertEquals(caller, ran[0]);
        assertEquals(1, calls.get());
        assertEquals(1, Parallel.chunks(100, 1000));
        assertEquals(Math.min(Parallel.threads(), 5), Parallel.chunks(5000, 1000));
    }

    @Test
    void nestedCallsRunInline() {
        AtomicInteger innerChunks = new AtomicInteger();
        Parallel.team(Parallel.threads(), (id, members) -> {
            assertTrue(Parallel.inJob());
            assertEquals(1, Parallel.chunks(1 << 20, 1));
            Parallel.forRange(1 << 20, 1, (lo, hi) -> {
                innerChunks.incrementAndGet();
                assertEquals(0, lo);
                assertEquals(1 << 20, hi);
            });
        });
        // One inline call per member, never split further.
        assertEquals(Parallel.threads(), innerChunks.get());
        assertTrue(!Parallel.inJob());
    }

    @Test
    void barrierSynchronizesTeamMembers() {
        int members = Parallel.threads();
        Parallel.Barrier barrier = new Parallel.Barrier(members);
        AtomicInteger phaseCount = new AtomicInteger();
        int rounds = 200;
        int[] seen = new int[members];
        Parallel.team(members, (id, m) -> {
            Parallel.Barrier b = m > 1 ? barrier : new Parallel.Barrier(1);
            for (int r = 0; r < rounds; r++) {
                phaseCount.incrementAndGet();
                b.await();
                // After the barrier everyone of this round has counted.
                assertTrue(phaseCount.get() >= (r + 1) * m);
                b.await();
            }
            seen[id] = 1;
        });
        assertEquals(rounds * members, phaseCount.get());
        for (int id = 0; id < members; id++) {
            assertEquals(1, seen[id], "member " + id);
        }
    }

    @Test
    void failuresPropagateToTheCaller() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Parallel.forRange(1 << 20, 1,
                (lo, hi) -> {
                    throw new IllegalStateException("boom " + lo);
                }));
        assertTrue(e.getMessage().startsWith("boom"));
        // The pool is usable afterwards.
        AtomicInteger total = new AtomicInteger();
        Parallel.forRange(1 << 20, 1, (lo, hi) -> total.addAndGet(hi - lo));
        assertEquals(1 << 20, total.get());
    }

    @Test
    void threadsIsPositive() {
        assertTrue(Parallel.threads() >= 1);
    }
}
