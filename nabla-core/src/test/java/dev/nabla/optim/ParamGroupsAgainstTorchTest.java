package dev.nabla.optim;

import static dev.nabla.optim.OptimTesting.assertValues;
import static dev.nabla.optim.OptimTesting.grad;
import static dev.nabla.optim.OptimTesting.param;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nabla.optim.lr.StepLR;
import dev.nabla.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Several parameter groups with their own options under one schedule, a case the conformance format
 * cannot express (its optimizer cases hold one tensor). Expected values from PyTorch 1.13 (float64):
 * <pre>
 * o = torch.optim.Adam([{'params': [a]}, {'params': [b], 'lr': 0.1, 'weight_decay': 0.5, 'amsgrad': True}],
 *                      lr=0.01, betas=(0.8, 0.99))
 * s = torch.optim.lr_scheduler.StepLR(o, 2, gamma=0.5)   # three rounds of o.step(); s.step()
 * </pre>
 */
class ParamGroupsAgainstTorchTest {
    @Test
    void adamGroupsWithOwnOptionsUnderStepLR() {
        Tensor a = param(0.5f, -0.25f);
        Tensor b = param(1f, 2f, -1f);
        Adam opt = Adam.builder(List.of(ParamGroup.of(a),
                ParamGroup.of(b).lr(0.1).weightDecay(0.5).set("amsgrad", true))).lr(0.01).betas(0.8, 0.99).build();
        StepLR sched = new StepLR(opt, 2, 0.5);
        float[][] ga = {{0.3f, -0.2f}, {0.1f, 0.4f}, {-0.5f, 0.25f}};
        float[][] gb = {{0.2f, -0.1f, 0.05f}, {-0.3f, 0.6f, 0.1f}, {0.4f, -0.4f, 0.0f}};
        for (int i = 0; i < 3; i++) {
            grad(a, ga[i]);
            grad(b, gb[i]);
            opt.step();
            sched.step();
        }
        assertValues(new double[] {0.4829003198049384, -0.24727068410827188}, a, 2e-6);
        assertValues(new double[] {0.7766878189187132, 1.7564022195934146, -0.7527240572172107}, b, 2e-6);
        assertEquals(0.005, opt.getLr(0), 1e-15);
        assertEquals(0.05, opt.getLr(1), 1e-15);
    }
}
