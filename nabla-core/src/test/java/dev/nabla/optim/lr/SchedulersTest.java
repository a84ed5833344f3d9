package dev.nabla.optim.lr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.optim.Adam;
import dev.nabla.optim.Adagrad;
import dev.nabla.optim.Optimizer;
import dev.nabla.optim.ParamGroup;
import dev.nabla.optim.SGD;
import dev.nabla.tensor.Tensor;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Each schedule's rates against hand-derived sequences, and state dict round trips. */
class SchedulersTest {
    private static SGD sgd(double lr) {
        return new SGD(List.of(Tensor.zeros(2).requiresGrad(true)), lr);
    }

    /** The rate at construction, then after each of {@code steps} calls of step(). */
    private static double[] sequence(LRScheduler s, int steps) {
        double[] out = new double[steps + 1];
        out[0] = s.getLastLr()[0];
        for (int i = 1; i <= steps; i++) {
            s.step();
            out[i] = s.getLastLr()[0];
            assertEquals(out[i], s.optimizer().getLr(0), "group lr and last lr agree");
        }
        return out;
    }

    private static void assertSeq(double[] expected, double[] actual) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-12, "epoch " + i);
        }
    }

    @Test
    void stepLR() {
        assertSeq(new double[] {0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.025, 0.025},
                sequence(new StepLR(sgd(0.1), 3, 0.5), 7));
        assertEquals(0, new StepLR(sgd(0.1), 3).lastEpoch());
    }

    @Test
    void multiStepLRDecaysTwiceAtARepeatedMilestone() {
        assertSeq(new double[] {0.1, 0.1, 0.01, 0.01, 0.01, 0.0001, 0.0001},
                sequence(new MultiStepLR(sgd(0.1), new int[] {5, 2, 5}, 0.1), 6));
    }

    @Test
    void exponentialLR() {
        assertSeq(new double[] {0.1, 0.09, 0.081, 0.0729}, sequence(new ExponentialLR(sgd(0.1), 0.9), 3));
    }

    @Test
    void cosineAnnealingFollowsTheCosineAndRisesAfterTMax() {
        double r = Math.sqrt(2) / 2;
        // eta_min + (base - eta_min) * (1 + cos(pi e / 4)) / 2, with base 0.1, eta_min 0.02
        double[] expected = {0.1, 0.02 + 0.08 * (1 + r) / 2, 0.06, 0.02 + 0.08 * (1 - r) / 2, 0.02,
            0.02 + 0.08 * (1 - r) / 2, 0.06, 0.02 + 0.08 * (1 + r) / 2, 0.1};
        assertSeq(expected, sequence(new CosineAnnealingLR(sgd(0.1), 4, 0.02), 8));
    }

    @Test
    void linearWarmup() {
        assertSeq(new double[] {0.01, 0.0325, 0.055, 0.0775, 0.1, 0.1},
                sequence(new LinearLR(sgd(0.1), 0.1, 1.0, 4), 5));
        assertEquals("LinearLR: Starting multiplicative factor expected to be greater than 0 and less or equal to 1,"
                + " got start_factor=0.0",
                assertThrows(IllegalArgumentException.class, () -> new LinearLR(sgd(0.1), 0, 1, 4)).getMessage());
        assertEquals("LinearLR: Ending multiplicative factor expected to be between 0 and 1, got end_factor=1.5",
                assertThrows(IllegalArgumentException.class, () -> new LinearLR(sgd(0.1), 0.5, 1.5, 4)).getMessage());
    }

    @Test
    void lambdaLR() {
        assertSeq(new double[] {0.1, 0.05, 0.1 / 3, 0.025}, sequence(new LambdaLR(sgd(0.1), e -> 1.0 / (e + 1)), 3));
        Optimizer two = new SGD(List.of(ParamGroup.of(Tensor.zeros(1).requiresGrad(true)),
                ParamGroup.of(Tensor.zeros(1).requiresGrad(true)).lr(1.0)), 0.1);
        LambdaLR s = new LambdaLR(two, List.of(e -> 1.0, e -> Math.pow(0.5, e)));
        s.step();
        assertArrayEquals(new double[] {0.1, 0.5}, s.getLastLr());
        assertEquals("LambdaLR: Expected 2 lr_lambdas, but got 1",
                assertThrows(IllegalArgumentException.class, () -> new LambdaLR(two, List.of(e -> 1.0))).getMessage());
    }

    @Test
    void oneCycleCosineWithMomentum() {
        SGD opt = SGD.builder(List.of(Tensor.zeros(1).requiresGrad(true))).lr(0.1).momentum(0.9).build();
        OneCycleLR s = OneCycleLR.builder(opt, 1.0).totalSteps(10).build();
        // initial 1/25 = 0.04, min 0.04 / 1e4; warm-up ends at step 0.3 * 10 - 1 = 2, annealing at step 9
        double min = 0.04 / 1e4;
        double[] expected = new double[11];
        expected[0] = 0.04;
        expected[1] = 1 + (0.04 - 1) / 2;
        expected[2] = 1;
        for (int t = 3; t <= 10; t++) {
            expected[t] = min + (1 - min) / 2 * (Math.cos(Math.PI * (t - 2) / 7.0) + 1);
        }
        double[] momentum = new double[11];
        momentum[0] = opt.paramGroups().get(0).getDouble("momentum");
        double[] lrs = new double[11];
        lrs[0] = s.getLastLr()[0];
        for (int t = 1; t <= 10; t++) {
            s.step();
            lrs[t] = s.getLastLr()[0];
            momentum[t] = opt.paramGroups().get(0).getDouble("momentum");
        }
        assertSeq(expected, lrs);
        assertEquals(0.95, momentum[0], 1e-12);
        assertEquals(0.85, momentum[2], 1e-12);
        assertEquals(0.95, momentum[9], 1e-12);
        assertTrue(assertThrows(IllegalStateException.class, s::step).getMessage()
                .contains("Tried to step 11 times. The specified number of total steps is 10"));
    }

    @Test
    void oneCycleLinearThreePhaseAndBeta1() {
        Adam opt = new Adam(List.of(Tensor.zeros(1).requiresGrad(true)), 1e-3);
        OneCycleLR s = OneCycleLR.builder(opt, 0.5).epochs(2).stepsPerEpoch(5).pctStart(0.25)
                .annealStrategy("linear").threePhase(true).divFactor(10).finalDivFactor(100).build();
        // initial 0.05, min 0.0005; phases end at 1.5, 3, 9
        double[] expected = {0.05, 0.05 + 0.45 / 1.5, 0.5 - 0.45 * (0.5 / 1.5), 0.05,
            0.05 - 0.0495 / 6, 0.05 - 2 * 0.0495 / 6};
        assertSeq(expected, sequence(s, 5));
        assertEquals(0.95, opt.paramGroups().get(0).getDouble("betas", 0), 1e-12, "beta1 back at max after phase 2");
        assertEquals(0.999, opt.paramGroups().get(0).getDouble("betas", 1));
        assertEquals("OneCycleLR: optimizer Adagrad must support momentum or beta1 with `cycle_momentum` option enabled",
                assertThrows(IllegalArgumentException.class, () -> OneCycleLR.builder(
                        new Adagrad(List.of(Tensor.zeros(1).requiresGrad(true))), 1.0).totalSteps(5).build()).getMessage());
        assertEquals("OneCycleLR: You must define either total_steps OR (epochs AND steps_per_epoch)",
                assertThrows(IllegalArgumentException.class, () -> OneCycleLR.builder(sgd(0.1), 1.0).build()).getMessage());
    }

    @Test
    void plateauReducesAfterPatienceAndCoolsDown() {
        SGD opt = sgd(1.0);
        ReduceLROnPlateau s = ReduceLROnPlateau.builder(opt).factor(0.5).patience(1).cooldown(1).minLr(0.2).build();
        double[] metrics = {5, 4, 4, 4, 4, 4, 4, 4, 4};
        double[] expected = {1, 1, 1, 0.5, 0.5, 0.5, 0.25, 0.25, 0.25};
        for (int i = 0; i < metrics.length; i++) {
            s.step(metrics[i]);
            assertEquals(expected[i], s.getLastLr()[0], 1e-12, "epoch " + (i + 1));
        }
        for (int i = 0; i < 6; i++) {
            s.step(9);
        }
        assertEquals(0.2, s.getLastLr()[0], 1e-12, "floored at min_lr");
        assertThrows(UnsupportedOperationException.class, s::step);
    }

    @Test
    void plateauMaxModeAbsoluteThreshold() {
        SGD opt = sgd(1.0);
        ReduceLROnPlateau s = ReduceLROnPlateau.builder(opt).mode("max").thresholdMode("abs").threshold(0.1)
                .patience(0).factor(0.1).build();
        s.step(1.0);   // better than -inf
        assertEquals(1.0, s.getLastLr()[0]);
        s.step(1.05);  // not better by 0.1: one bad epoch > patience 0
        assertEquals(0.1, s.getLastLr()[0], 1e-12);
        s.step(1.2);   // better than 1.0 + 0.1
        assertEquals(0.1, s.getLastLr()[0], 1e-12);
        assertEquals(1.2, s.best());
        assertEquals("ReduceLROnPlateau: Factor should be < 1.0, got factor=1.0", assertThrows(IllegalArgumentException.class,
                () -> ReduceLROnPlateau.builder(sgd(1)).factor(1.0).build()).getMessage());
        assertEquals("ReduceLROnPlateau: mode avg is unknown! (expected min or max)", assertThrows(IllegalArgumentException.class,
                () -> ReduceLROnPlateau.builder(sgd(1)).mode("avg").build()).getMessage());
    }

    @Test
    void sequentialWarmupThenDecay() {
        SGD opt = sgd(1.0);
        LinearLR warm = new LinearLR(opt, 0.5, 1.0, 2);
        ExponentialLR decay = new ExponentialLR(opt, 0.5);
        SequentialLR s = new SequentialLR(opt, List.of(warm, decay), new int[] {2});
        assertSeq(new double[] {0.5, 0.75, 1.0, 0.5, 0.25}, sequence(s, 4));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new SequentialLR(opt, List.of(warm, decay), new int[0])).getMessage()
                .contains("one more than the number of milestone points"));
    }

    /** Steps k times, saves optimizer and schedule, restores into fresh ones, and compares the rest bit for bit. */
    private static void assertResumesExactly(Function<Optimizer, LRScheduler> make, int k, int total) {
        SGD straightOpt = sgd(0.1);
        LRScheduler straight = make.apply(straightOpt);
        double[] expected = sequence(straight, total);

        SGD opt = sgd(0.1);
        LRScheduler first = make.apply(opt);
        for (int i = 0; i < k; i++) {
            first.step();
        }
        Map<String, Tensor> optState = opt.stateDict();
        Map<String, Tensor> schedState = first.stateDict();
        SGD opt2 = sgd(0.1);
        LRScheduler second = make.apply(opt2);
        opt2.loadStateDict(optState);
        second.loadStateDict(schedState);
        assertEquals(k, second.lastEpoch());
        assertEquals(expected[k], second.getLastLr()[0]);
        for (int i = k + 1; i <= total; i++) {
            second.step();
            assertEquals(expected[i], second.getLastLr()[0], 0.0, "epoch " + i);
        }
    }

    @Test
    void stateRoundTripsContinueExactly() {
        assertResumesExactly(o -> new StepLR(o, 2, 0.3), 3, 8);
        assertResumesExactly(o -> new MultiStepLR(o, new int[] {2, 4}, 0.3), 3, 8);
        assertResumesExactly(o -> new ExponentialLR(o, 0.77), 3, 8);
        assertResumesExactly(o -> new CosineAnnealingLR(o, 7, 0.001), 3, 12);
        assertResumesExactly(o -> new LinearLR(o, 0.2, 0.9, 5), 2, 8);
        assertResumesExactly(o -> OneCycleLR.builder(o, 0.9).totalSteps(12).build(), 4, 12);
        assertResumesExactly(o -> new SequentialLR(o, List.of(new LinearLR(o, 0.5, 1.0, 3),
                new CosineAnnealingLR(o, 5)), new int[] {3}), 4, 9);
    }

    @Test
    void plateauStateRoundTrip() {
        SGD opt = sgd(1.0);
        ReduceLROnPlateau s = ReduceLROnPlateau.builder(opt).patience(1).factor(0.5).cooldown(2).build();
        s.step(3);
        s.step(4);
        s.step(5);
        Map<String, Tensor> optState = opt.stateDict();
        Map<String, Tensor> state = s.stateDict();
        SGD opt2 = sgd(1.0);
        ReduceLROnPlateau s2 = ReduceLROnPlateau.builder(opt2).patience(1).factor(0.5).cooldown(2).build();
        opt2.loadStateDict(optState);
        s2.loadStateDict(state);
        assertEquals(3.0, s2.best());
        for (double m : new double[] {6, 7, 8, 9, 10}) {
            s.step(m);
            s2.step(m);
            assertArrayEquals(s.getLastLr(), s2.getLastLr());
        }
    }
}
