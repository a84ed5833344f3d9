package dev.nabla.optim.lr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.optim.Adam;
import dev.nabla.optim.ParamGroup;
import dev.nabla.optim.SGD;
import dev.nabla.tensor.Tensor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** CyclicLR against hand-computed cycles, and OneCycleLR's zero-length phase. */
class CyclicLRTest {
    private static SGD sgd(double lr) {
        return new SGD(List.of(Tensor.zeros(1).requiresGrad(true)), lr);
    }

    /** The rate after construction and after each of {@code steps} step() calls. */
    private static double[] rates(LRScheduler s, int steps) {
        double[] out = new double[steps + 1];
        out[0] = s.getLastLr()[0];
        for (int i = 1; i <= steps; i++) {
            s.step();
            out[i] = s.getLastLr()[0];
            assertEquals(out[i], s.optimizer().getLr(0), 0, "the group holds the rate");
        }
        return out;
    }

    private static void assertRates(double[] expected, double[] actual) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-12, "step " + i);
        }
    }

    @Test
    void triangularRisesAndFallsAndOverridesTheGroupRate() {
        SGD opt = sgd(0.5);
        // base 1, max 3, 2 steps up, 2 down: a period of 4
        CyclicLR s = CyclicLR.builder(opt, 1, 3).stepSizeUp(2).cycleMomentum(false).build();
        assertRates(new double[] {1, 2, 3, 2, 1, 2, 3, 2, 1}, rates(s, 8));
        assertEquals(1.0, opt.paramGroups().get(0).getDouble("initial_lr"));
    }

    @Test
    void unevenHalvesAndFractionalStepSizes() {
        // 1 step up, 3 down: ratio 0.25
        CyclicLR s = CyclicLR.builder(sgd(1), 0, 1).stepSizeUp(1).stepSizeDown(3).cycleMomentum(false).build();
        assertRates(new double[] {0, 1, 2 / 3.0, 1 / 3.0, 0, 1}, rates(s, 5));
        // up 1.5, down 0.5: x = e / 2 - (cycle - 1), ratio 0.75
        CyclicLR f = CyclicLR.builder(sgd(1), 0, 1).stepSizeUp(1.5).stepSizeDown(0.5).cycleMomentum(false).build();
        assertRates(new double[] {0, 0.5 / 0.75, 0, 0.5 / 0.75}, rates(f, 3));
    }

    @Test
    void triangular2HalvesEachCycleAndExpRangeDecaysPerIteration() {
        CyclicLR t2 = CyclicLR.builder(sgd(1), 1, 3).stepSizeUp(2).mode("triangular2").cycleMomentum(false).build();
        assertRates(new double[] {1, 2, 3, 2, 1, 1.5, 2, 1.5, 1, 1.25, 1.5}, rates(t2, 10));
        CyclicLR exp = CyclicLR.builder(sgd(1), 1, 3).stepSizeUp(2).mode("exp_range").gamma(0.5)
                .cycleMomentum(false).build();
        // base + 2 * scale_factor * 0.5^iteration
        assertRates(new double[] {1, 1 + 2 * 0.5 * 0.5, 1 + 2 * 0.25, 1 + 2 * 0.5 * 0.125, 1, 1 + 2 * 0.5 / 32},
                rates(exp, 5));
    }

    @Test
    void customScaleFunctionByIterationsOrCycle() {
        CyclicLR it = CyclicLR.builder(sgd(1), 0, 1).stepSizeUp(1).scaleFn(x -> 1 / (1 + x), "iterations")
                .cycleMomentum(false).build();
        assertRates(new double[] {0, 0.5, 0, 0.25}, rates(it, 3));
        CyclicLR cy = CyclicLR.builder(sgd(1), 0, 1).stepSizeUp(1).scaleFn(x -> 1 / x, "cycle")
                .cycleMomentum(false).build();
        assertRates(new double[] {0, 1, 0, 0.5, 0, 1 / 3.0}, rates(cy, 5));
    }

    @Test
    void cycleMomentumMovesInverselyToTheRate() {
        SGD opt = SGD.builder(List.of(Tensor.zeros(1).requiresGrad(true))).lr(0.1).build();
        CyclicLR s = CyclicLR.builder(opt, 0.1, 0.5).stepSizeUp(2).baseMomentum(0.7).maxMomentum(0.9).build();
        ParamGroup g = opt.paramGroups().get(0);
        assertEquals(0.9, g.getDouble("momentum"), 1e-12);
        s.step();
        assertEquals(0.8, g.getDouble("momentum"), 1e-12);
        s.step();
        assertEquals(0.7, g.getDouble("momentum"), 1e-12);
        assertEquals(0.5, s.getLastLr()[0], 1e-12);
    }

    @Test
    void anEarlierScheduleInitialLrRulesOnlyTheInitialStep() {
        // torch 1.13: the group keeps initial_lr 0.1 from StepLR, so construction leaves the rate at 0.1;
        // the cycle itself then runs from base_lr 0.01 (checked against torch: 0.1, 0.03, 0.05, 0.03, 0.01)
        SGD opt = sgd(0.1);
        new StepLR(opt, 3, 0.1);
        CyclicLR s = CyclicLR.builder(opt, 0.01, 0.05).stepSizeUp(2).cycleMomentum(false).build();
        assertRates(new double[] {0.1, 0.03, 0.05, 0.03, 0.01}, rates(s, 4));
        assertEquals(0.01, s.baseLrs()[0], 0);
    }

    @Test
    void perGroupValues() {
        SGD opt = new SGD(List.of(ParamGroup.of(Tensor.zeros(1).requiresGrad(true)),
                ParamGroup.of(Tensor.zeros(2).requiresGrad(true))), 0.3);
        CyclicLR s = CyclicLR.builder(opt, new double[] {0.1, 0.2}, new double[] {0.3, 1.0}).stepSizeUp(1)
                .cycleMomentum(false).build();
        s.step();
        assertEquals(0.3, s.getLastLr()[0], 1e-12);
        assertEquals(1.0, s.getLastLr()[1], 1e-12);
        assertEquals(0.2, s.baseLrs()[1], 1e-12);
    }

    @Test
    void badArgumentsNameTheClassTheArgumentAndTheValue() {
        assertEquals("CyclicLR: mode must be 'triangular', 'triangular2' or 'exp_range' when no scale_fn is given,"
                + " got 'sine'", assertThrows(IllegalArgumentException.class,
                () -> CyclicLR.builder(sgd(1), 0, 1).mode("sine").cycleMomentum(false).build()).getMessage());
        assertEquals("CyclicLR: step_size_up must be positive, got 0.0", assertThrows(IllegalArgumentException.class,
                () -> CyclicLR.builder(sgd(1), 0, 1).stepSizeUp(0).build()).getMessage());
        assertEquals("CyclicLR: step_size_down must be non-negative, got -1.0", assertThrows(IllegalArgumentException.class,
                () -> CyclicLR.builder(sgd(1), 0, 1).stepSizeDown(-1).build()).getMessage());
        assertEquals("CyclicLR: expected 1 values for max_lr, got 2", assertThrows(IllegalArgumentException.class,
                () -> CyclicLR.builder(sgd(1), new double[] {0}, new double[] {1, 2}).build()).getMessage());
        String msg = assertThrows(IllegalArgumentException.class, () -> CyclicLR.builder(
                new Adam(List.of(Tensor.zeros(1).requiresGrad(true))), 0, 1).build()).getMessage();
        assertTrue(msg.startsWith("CyclicLR: optimizer Adam has no momentum"), msg);
        assertEquals("CyclicLR: scale_mode must be 'cycle' or 'iterations', got 'epoch'",
                assertThrows(IllegalArgumentException.class, () -> CyclicLR.builder(sgd(1), 0, 1)
                        .scaleFn(x -> 1, "epoch").cycleMomentum(false).build()).getMessage());
    }

    @Test
    void stateDictRoundTripResumesTheCycle() {
        CyclicLR a = CyclicLR.builder(sgd(1), 0.1, 0.4).stepSizeUp(3).mode("triangular2").cycleMomentum(false).build();
        for (int i = 0; i < 5; i++) {
            a.step();
        }
        Map<String, Tensor> state = a.stateDict();
        CyclicLR b = CyclicLR.builder(sgd(1), 0.1, 0.4).stepSizeUp(3).mode("triangular2").cycleMomentum(false).build();
        b.loadStateDict(state);
        for (int i = 0; i < 6; i++) {
            a.step();
            b.step();
            assertEquals(a.getLastLr()[0], b.getLastLr()[0], 0);
        }
    }

    @Test
    void oneCycleWithAZeroLengthPhaseThrowsInsteadOfANaNRate() {
        // pct_start 0.1 of 10 steps ends the warm-up at step 0.1 * 10 - 1 = 0: torch divides by zero there
        String msg = assertThrows(IllegalArgumentException.class,
                () -> OneCycleLR.builder(sgd(1), 1.0).totalSteps(10).pctStart(0.1).build()).getMessage();
        assertTrue(msg.startsWith("OneCycleLR: phase 1 of the schedule has no steps") && msg.contains("pct_start=0.1")
                && msg.contains("total_steps=10"), msg);
        // pct_start 1: the annealing phase is empty, reached only at the last step
        OneCycleLR s = OneCycleLR.builder(sgd(1), 1.0).totalSteps(4).pctStart(1.0).build();
        for (int i = 0; i < 3; i++) {
            s.step();
        }
        assertEquals(1.0, s.getLastLr()[0], 1e-12);
        assertTrue(assertThrows(IllegalArgumentException.class, s::step).getMessage().contains("phase 2"));
    }
}
