package dev.nabla.optim.lr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nabla.optim.SGD;
import dev.nabla.tensor.Tensor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** ConstantLR, PolynomialLR, MultiplicativeLR, CosineAnnealingWarmRestarts and ChainedScheduler. */
class MoreSchedulersTest {
    private static SGD sgd(double lr) {
        return new SGD(List.of(Tensor.zeros(1).requiresGrad(true)), lr);
    }

    private static void assertSeq(double[] expected, LRScheduler s) {
        assertEquals(expected[0], s.getLastLr()[0], 1e-12, "epoch 0");
        for (int i = 1; i < expected.length; i++) {
            s.step();
            assertEquals(expected[i], s.getLastLr()[0], 1e-12, "epoch " + i);
            assertEquals(expected[i], s.optimizer().getLr(0), 1e-12);
        }
    }

    @Test
    void constantLR() {
        assertSeq(new double[] {0.5, 0.5, 0.5, 1, 1}, new ConstantLR(sgd(1), 0.5, 3));
        assertEquals("ConstantLR: Constant multiplicative factor expected to be between 0 and 1, got factor=1.5",
                assertThrows(IllegalArgumentException.class, () -> new ConstantLR(sgd(1), 1.5, 3)).getMessage());
    }

    @Test
    void polynomialLR() {
        assertSeq(new double[] {1, 0.5625, 0.25, 0.0625, 0, 0}, new PolynomialLR(sgd(1), 4, 2.0));
    }

    @Test
    void multiplicativeLR() {
        assertSeq(new double[] {1, 0.5, 0.25, 0.125}, new MultiplicativeLR(sgd(1), e -> 0.5));
    }

    @Test
    void warmRestartsDoubleThePeriod() {
        double c = (1 + Math.cos(Math.PI / 4)) / 2;
        CosineAnnealingWarmRestarts s = new CosineAnnealingWarmRestarts(sgd(1), 2, 2, 0);
        assertSeq(new double[] {1, 0.5, 1, c, 0.5, 1 - c, 1}, s);
        s.step(2.5); // second period (length 4), half an epoch in
        assertEquals((1 + Math.cos(Math.PI * 0.5 / 4)) / 2, s.getLastLr()[0], 1e-12);
        assertEquals(2, s.lastEpoch());
        assertEquals("CosineAnnealingWarmRestarts: Expected positive integer T_0, but got 0",
                assertThrows(IllegalArgumentException.class, () -> new CosineAnnealingWarmRestarts(sgd(1), 0)).getMessage());
    }

    @Test
    void warmRestartsStateRoundTrip() {
        SGD a = sgd(1);
        CosineAnnealingWarmRestarts s = new CosineAnnealingWarmRestarts(a, 3, 2, 0.01);
        for (int i = 0; i < 4; i++) {
            s.step();
        }
        Map<String, Tensor> optState = a.stateDict();
        Map<String, Tensor> state = s.stateDict();
        SGD b = sgd(1);
        CosineAnnealingWarmRestarts t = new CosineAnnealingWarmRestarts(b, 3, 2, 0.01);
        b.loadStateDict(optState);
        t.loadStateDict(state);
        for (int i = 0; i < 6; i++) {
            s.step();
            t.step();
            assertEquals(s.getLastLr()[0], t.getLastLr()[0], 0.0);
        }
    }

    @Test
    void chainedMultipliesTheSchedules() {
        SGD opt = sgd(1);
        ChainedScheduler s = new ChainedScheduler(List.of(new ConstantLR(opt, 0.1, 2), new ExponentialLR(opt, 0.9)));
        assertSeq(new double[] {0.1, 0.09, 0.81, 0.729}, s);
        Map<String, Tensor> state = s.stateDict();
        assertEquals(3L, state.get("_schedulers.1.last_epoch").toLongArray()[0]);
    }
}
