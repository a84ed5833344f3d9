package dev.nabla.cli.bench;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bench's warm-up: the script's step count, then more untimed steps until the JIT floor has passed. */
class TimingTest {
    private static Runnable sleeping(int[] calls) {
        return () -> {
            calls[0]++;
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
    }

    @Test
    void warmupRunsTheScriptsStepsThenUntilTheFloor() {
        int[] calls = {0};
        Timing.Result r = Timing.timeReps(sleeping(calls), 3, 5, 2, 0.1);
        assertTrue(r.warmupSeconds() >= 0.1, "warm-up lasted " + r.warmupSeconds() + " s");
        assertTrue(r.warmupSteps() > 3 && r.warmupSteps() <= 60, "warm-up steps " + r.warmupSteps());
        assertEquals(r.warmupSteps() + 2 * 5, calls[0], "warm-up plus 2 timed blocks of 5 steps");
        assertEquals(2, r.seconds().length);
        for (double s : r.seconds()) {
            assertTrue(s >= 5 * 0.002, "a block of 5 sleeps of 2 ms took " + s + " s");
        }
    }

    @Test
    void noFloorMeansTheScriptsWarmupExactly() {
        int[] calls = {0};
        Timing.Result r = Timing.timeReps(sleeping(calls), 4, 3, 1, 0);
        assertEquals(4, r.warmupSteps());
        assertEquals(4 + 3, calls[0]);
    }
}
