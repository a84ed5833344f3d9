package dev.nabla.optim;

import static dev.nabla.optim.OptimTesting.assertValues;
import static dev.nabla.optim.OptimTesting.grad;
import static dev.nabla.optim.OptimTesting.param;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nabla.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class SGDTest {
    @Test
    void plainStepIsLrTimesGrad() {
        Tensor p = param(1f, -2f);
        SGD opt = new SGD(List.of(p), 0.1);
        grad(p, 0.5f, 1f);
        opt.step();
        assertValues(new double[] {0.95, -2.1}, p, 1e-7);
        assertNull(opt.stateFor(p), "no momentum, no state (as torch)");
    }

    @Test
    void firstMomentumStepSkipsDampening() {
        Tensor p = param(1f);
        SGD opt = SGD.builder(List.of(p)).lr(0.1).momentum(0.9).dampening(0.5).build();
        grad(p, 0.5f);
        opt.step();
        // buf = g = 0.5 (not 0.5 * 0.5), p = 1 - 0.05
        assertValues(new double[] {0.95}, p, 1e-7);
        assertEquals(0.5f, opt.stateFor(p).buffer("momentum_buffer").item());
        grad(p, 0.5f);
        opt.step();
        // buf = 0.9 * 0.5 + (1 - 0.5) * 0.5 = 0.7, p = 0.95 - 0.07
        assertValues(new double[] {0.88}, p, 1e-7);
    }

    @Test
    void nesterovWithWeightDecay() {
        Tensor p = param(1f);
        SGD opt = SGD.builder(List.of(p)).lr(0.1).momentum(0.9).nesterov(true).weightDecay(0.1).build();
        grad(p, 0.5f);
        opt.step();
        // d = 0.5 + 0.1 * 1 = 0.6; buf = 0.6; d = 0.6 + 0.9 * 0.6 = 1.14; p = 1 - 0.114
        assertValues(new double[] {0.886}, p, 1e-6);
        grad(p, 0.5f);
        opt.step();
        // d = 0.5 + 0.0886 = 0.5886; buf = 0.54 + 0.5886 = 1.1286; d = 0.5886 + 1.01574 = 1.60434
        assertValues(new double[] {0.886 - 0.160434}, p, 1e-6);
    }

    @Test
    void maximizeAscends() {
        Tensor p = param(1f);
        SGD opt = SGD.builder(List.of(p)).lr(0.1).maximize(true).build();
        grad(p, 0.5f);
        opt.step();
        assertValues(new double[] {1.05}, p, 1e-7);
    }

    @Test
    void nonContiguousGradient() {
        Tensor p = Tensor.zeros(2, 2).requiresGrad(true);
        SGD opt = new SGD(List.of(p), 1.0);
        p.setGrad(Tensor.of(new float[] {1, 2, 3, 4}, 2, 2).t());
        opt.step();
        assertValues(new double[] {-1, -3, -2, -4}, p, 0);
    }

    @Test
    void skipsParamsWithoutGradAndBumpsVersion() {
        Tensor a = param(1f);
        Tensor b = param(2f);
        SGD opt = new SGD(List.of(a, b), 0.5);
        grad(a, 1f);
        int version = a.version();
        opt.step();
        assertValues(new double[] {0.5}, a, 0);
        assertValues(new double[] {2}, b, 0);
        assertEquals(version + 1, a.version());
    }

    @Test
    void validationMessagesMatchTorch() {
        List<Tensor> ps = List.of(param(1f));
        assertEquals("SGD: Invalid learning rate: -1.0",
                assertThrows(IllegalArgumentException.class, () -> new SGD(ps, -1.0)).getMessage());
        assertEquals("SGD: Invalid momentum value: -0.5", assertThrows(IllegalArgumentException.class,
                () -> SGD.builder(ps).lr(0.1).momentum(-0.5).build()).getMessage());
        assertEquals("SGD: Invalid weight_decay value: -0.0001", assertThrows(IllegalArgumentException.class,
                () -> SGD.builder(ps).lr(0.1).weightDecay(-1e-4).build()).getMessage());
        assertEquals("SGD: Nesterov momentum requires a momentum and zero dampening (got momentum=0.0, dampening=0.0)",
                assertThrows(IllegalArgumentException.class, () -> SGD.builder(ps).lr(0.1).nesterov(true).build())
                        .getMessage());
        assertEquals("SGD: Nesterov momentum requires a momentum and zero dampening (got momentum=0.9, dampening=0.1)",
                assertThrows(
                IllegalArgumentException.class,
                () -> SGD.builder(ps).lr(0.1).momentum(0.9).dampening(0.1).nesterov(true).build()).getMessage());
    }

    @Test
    void stridedParamIsUpdatedThroughItsView() {
        Tensor base = Tensor.of(new float[] {1, 2, 3, 4}, 2, 2);
        Tensor col = base.t().detach().requiresGrad(true); // a non-contiguous leaf view
        SGD opt = new SGD(List.of(col), 1.0);
        col.setGrad(Tensor.of(new float[] {1, 1, 1, 1}, 2, 2));
        opt.step();
        assertValues(new double[] {0, 1, 2, 3}, base, 0);
        assertNotNull(col.grad());
    }
}
