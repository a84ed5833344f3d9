package dev.nabla.optim.lr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nabla.optim.SGD;
import dev.nabla.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Edge arguments torch accepts (total_iters 0) and ones Nabla rejects with a clear message. */
class ScheduleEdgeCasesTest {
    private static SGD sgd(double lr) {
        return new SGD(List.of(Tensor.zeros(1).requiresGrad(true)), lr);
    }

    private static void assertHolds(double expected, LRScheduler s, int steps) {
        assertEquals(expected, s.getLastLr()[0], 1e-15, "after construction");
        for (int i = 1; i <= steps; i++) {
            s.step();
            assertEquals(expected, s.getLastLr()[0], 1e-15, "step " + i);
        }
    }

    @Test
    void linearWithZeroItersHoldsTheStartFactor() {
        // torch 1.13: epoch 0 scales by start_factor, every later epoch is past total_iters and keeps the rate
        assertHolds(0.05, new LinearLR(sgd(0.1), 0.5, 1.0, 0), 4);
        LinearLR jumped = new LinearLR(sgd(0.1), 0.5, 1.0, 0);
        jumped.stepTo(3);
        assertEquals(0.05, jumped.getLastLr()[0], 1e-15, "the closed form agrees instead of dividing by zero");
    }

    @Test
    void polynomialWithZeroItersKeepsTheBaseRate() {
        assertHolds(0.1, new PolynomialLR(sgd(0.1), 0, 2.0), 3);
        PolynomialLR jumped = new PolynomialLR(sgd(0.1), 0, 2.0);
        jumped.stepTo(2);
        assertEquals(0.1, jumped.getLastLr()[0], 1e-15);
    }

    @Test
    void negativeItersAreRejected() {
        assertEquals("LinearLR: total_iters must be non-negative, got -1",
                assertThrows(IllegalArgumentException.class, () -> new LinearLR(sgd(1), 0.5, 1.0, -1)).getMessage());
        assertEquals("PolynomialLR: total_iters must be non-negative, got -2",
                assertThrows(IllegalArgumentException.class, () -> new PolynomialLR(sgd(1), -2, 1.0)).getMessage());
    }
}
