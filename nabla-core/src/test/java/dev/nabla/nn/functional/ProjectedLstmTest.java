package dev.nabla.nn.functional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.autograd.GradCheck;
import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** LSTM with proj_size: values from PyTorch 1.13, gradients by finite differences, shape errors. */
class ProjectedLstmTest {
    private static Map<String, Tensor> tinyWeights() {
        Map<String, Tensor> w = new HashMap<>();
        w.put("weight_ih_l0", Tensor.of(new float[] {0.1f, 0.2f, -0.3f, 0.4f, 0.5f, -0.6f, 0.7f, 0.8f}, 8, 1));
        w.put("weight_hh_l0", Tensor.of(new float[] {0.3f, -0.2f, 0.1f, 0.6f, -0.4f, 0.2f, 0.5f, -0.1f}, 8, 1));
        w.put("bias_ih_l0", Tensor.full(0.05f, 8));
        w.put("bias_hh_l0", Tensor.full(-0.02f, 8));
        w.put("weight_hr_l0", Tensor.of(new float[] {0.9f, -0.7f}, 1, 2));
        return w;
    }

    @Test
    void matchesPyTorch() {
        // nn.LSTM(1, 2, proj_size=1, batch_first=True) with the weights above, input [[1], [-2]].
        Tensor x = Tensor.of(new float[] {1f, -2f}, 1, 2, 1);
        RnnOutput r = ProjectedLstm.run(x, null, null, tinyWeights(), 1, false, true, 0, false, null);
        assertArrayEquals(new int[] {1, 2, 1}, r.output().shape());
        assertArrayEquals(new float[] {0.28981657f, -0.069818346f}, r.output().toFloatArray(), 1e-6f);
        assertArrayEquals(new float[] {-0.069818346f}, r.hN().toFloatArray(), 1e-6f);
        assertArrayEquals(new int[] {1, 1, 2}, r.cN().shape());
        assertArrayEquals(new float[] {-0.2108653f, 0.2367943f}, r.cN().toFloatArray(), 1e-6f);
    }

    @Test
    void gradientsOfATwoLayerBidirectionalStack() {
        Generator g = new Generator(7);
        int h = 3;
        int p = 2;
        String[] names = {"weight_ih_l0", "weight_hh_l0", "weight_hr_l0", "weight_ih_l0_reverse",
                "weight_hh_l0_reverse", "weight_hr_l0_reverse", "weight_ih_l1", "weight_hh_l1", "weight_hr_l1",
                "weight_ih_l1_reverse", "weight_hh_l1_reverse", "weight_hr_l1_reverse"};
        int[][] shapes = {{4 * h, 2}, {4 * h, p}, {p, h}, {4 * h, 2}, {4 * h, p}, {p, h}, {4 * h, 2 * p}, {4 * h, p},
                {p, h}, {4 * h, 2 * p}, {4 * h, p}, {p, h}};
        Tensor[] all = new Tensor[names.length + 3];
        all[0] = Tensor.randn(g, 3, 2, 2).requiresGrad(true);          // (T, B, In)
        all[1] = Tensor.randn(g, 4, 2, p).mul(0.5).requiresGrad(true);  // h0 (L*D, B, P)
        all[2] = Tensor.randn(g, 4, 2, h).mul(0.5).requiresGrad(true);  // c0 (L*D, B, H)
        for (int i = 0; i < names.length; i++) {
            all[i + 3] = Tensor.randn(g, shapes[i]).mul(0.4).requiresGrad(true);
        }
        GradCheck.check(in -> {
            Map<String, Tensor> named = new HashMap<>();
            for (int i = 0; i < names.length; i++) {
                named.put(names[i], in[i + 3]);
            }
            RnnOutput r = ProjectedLstm.run(in[0], in[1], in[2], named, 2, true, false, 0, false, null);
            return r.output().sum().add(r.hN().mul(r.hN()).sum()).add(r.cN().sum());
        }, all);
    }

    @Test
    void badShapesNameTheParameter() {
        Map<String, Tensor> w = tinyWeights();
        w.put("weight_hh_l0", Tensor.zeros(8, 2));
        Tensor x = Tensor.zeros(1, 2, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ProjectedLstm.run(x, null, null, w, 1, false, true, 0, false, null));
        assertTrue(e.getMessage().contains("lstm") && e.getMessage().contains("weight_hh_l0")
                && e.getMessage().contains("[8, 1]") && e.getMessage().contains("[8, 2]"), e.getMessage());
        Map<String, Tensor> w2 = tinyWeights();
        w2.put("weight_hr_l0", Tensor.zeros(2, 2));
        e = assertThrows(IllegalArgumentException.class,
                () -> ProjectedLstm.run(x, null, null, w2, 1, false, true, 0, false, null));
        assertTrue(e.getMessage().contains("proj_size has to be smaller than hidden_size"), e.getMessage());
    }
}
