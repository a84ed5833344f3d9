package dev.nabla.optim;

import static dev.nabla.optim.OptimTesting.assertValues;
import static dev.nabla.optim.OptimTesting.grad;
import static dev.nabla.optim.OptimTesting.param;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nabla.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Adam, AdamW, RMSprop and Adagrad against hand-computed first steps and textbook double-precision loops. */
class AdaptiveOptimizersTest {
    private static final float[][] GRADS = {{0.5f, -1f, 2f}, {-0.25f, -0.5f, 1f}, {0.1f, 0.3f, -3f}, {1f, 0f, 0.5f}};
    private static final float[] START = {1f, -2f, 0.5f};

    @Test
    void adamFirstStepMovesByLr() {
        Tensor p = param(1f, -2f);
        Adam opt = new Adam(List.of(p), 0.1);
        grad(p, 0.5f, -3f);
        opt.step();
        // m_hat = g, v_hat = g^2: p -= lr * g / (|g| + eps)
        assertValues(new double[] {0.9, -1.9}, p, 1e-6);
        ParamState s = opt.stateFor(p);
        assertEquals(1, s.step());
        assertValues(new double[] {0.05, -0.3}, s.buffer("exp_avg"), 1e-7);
        assertValues(new double[] {0.00025, 0.009}, s.buffer("exp_avg_sq"), 1e-9);
    }

    @Test
    void adamSecondStepByHand() {
        Tensor p = param(1f);
        Adam opt = new Adam(List.of(p), 0.1);
        grad(p, 0.5f);
        opt.step();
        grad(p, -0.25f);
        opt.step();
        // m = 0.045 - 0.025 = 0.02, v = 0.00024975 + 0.0000625 = 0.00031225
        // p = 0.9 - 0.1 * (0.02 / 0.19) / (sqrt(0.00031225 / 0.001999) + 1e-8)
        double expected = 0.9 - 0.1 * (0.02 / 0.19) / (Math.sqrt(0.00031225 / 0.001999) + 1e-8);
        assertValues(new double[] {expected}, p, 1e-6);
    }

    /** Textbook Adam / AdamW in double: m_hat / (sqrt(v_hat) + eps). */
    private static double[] adamReference(double lr, double b1, double b2, double eps, double wd, boolean decoupled,
                                          boolean amsgrad) {
        double[] p = new double[START.length];
        double[] m = new double[p.length];
        double[] v = new double[p.length];
        double[] vMax = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = START[i];
        }
        for (int t = 1; t <= GRADS.length; t++) {
            for (int i = 0; i < p.length; i++) {
                double g = GRADS[t - 1][i];
                if (decoupled) {
                    p[i] -= lr * wd * p[i];
                } else {
                    g += wd * p[i];
                }
                m[i] = b1 * m[i] + (1 - b1) * g;
                v[i] = b2 * v[i] + (1 - b2) * g * g;
                vMax[i] = Math.max(vMax[i], v[i]);
                double mHat = m[i] / (1 - Math.pow(b1, t));
                double vHat = (amsgrad ? vMax[i] : v[i]) / (1 - Math.pow(b2, t));
                p[i] -= lr * mHat / (Math.sqrt(vHat) + eps);
            }
        }
        return p;
    }

    private static Tensor run(Optimizer optFor, Tensor p) {
        for (float[] g : GRADS) {
            grad(p, g);
            optFor.step();
        }
        return p;
    }

    @Test
    void adamOptionsMatchTextbookLoops() {
        Tensor p = param(START);
        run(new Adam(List.of(p), 0.01), p);
        assertValues(adamReference(0.01, 0.9, 0.999, 1e-8, 0, false, false), p, 1e-6);

        p = param(START);
        run(Adam.builder(List.of(p)).lr(0.01).betas(0.8, 0.99).eps(1e-6).weightDecay(0.1).build(), p);
        assertValues(adamReference(0.01, 0.8, 0.99, 1e-6, 0.1, false, false), p, 1e-6);

        p = param(START);
        Adam ams = Adam.builder(List.of(p)).lr(0.01).amsgrad(true).build();
        run(ams, p);
        assertValues(adamReference(0.01, 0.9, 0.999, 1e-8, 0, false, true), p, 1e-6);
        assertEquals(4, ams.stateFor(p).step());
        assertEquals(3, ams.stateFor(p).buffers().size(), "exp_avg, exp_avg_sq, max_exp_avg_sq");
    }

    @Test
    void adamWDecouplesWeightDecay() {
        Tensor p = param(START);
        AdamW opt = AdamW.builder(List.of(p)).lr(0.01).weightDecay(0.1).build();
        run(opt, p);
        assertValues(adamReference(0.01, 0.9, 0.999, 1e-8, 0.1, true, false), p, 1e-6);
        assertEquals(1e-2, new AdamW(List.of(param(1f))).paramGroups().get(0).getDouble("weight_decay"));
        // decoupled decay is not L2: the two differ
        Tensor q = param(START);
        run(Adam.builder(List.of(q)).lr(0.01).weightDecay(0.1).build(), q);
        float[] a = p.toFloatArray();
        float[] b = q.toFloatArray();
        boolean differ = false;
        for (int i = 0; i < a.length; i++) {
            differ |= Math.abs(a[i] - b[i]) > 1e-5;
        }
        assertEquals(true, differ);
    }

    @Test
    void rmspropMatchesHandAndTextbook() {
        Tensor p = param(1f);
        RMSprop opt = RMSprop.builder(List.of(p)).lr(0.01).alpha(0.9).build();
        grad(p, 0.5f);
        opt.step();
        // square_avg = 0.1 * 0.25 = 0.025; p = 1 - 0.01 * 0.5 / (sqrt(0.025) + 1e-8)
        assertValues(new double[] {1 - 0.01 * 0.5 / (Math.sqrt(0.025) + 1e-8)}, p, 1e-7);

        for (boolean centered : new boolean[] {false, true}) {
            for (double momentum : new double[] {0, 0.9}) {
                Tensor q = param(START);
                run(RMSprop.builder(List.of(q)).lr(0.01).alpha(0.9).momentum(momentum).centered(centered)
                        .weightDecay(0.05).build(), q);
                double[] ref = new double[START.length];
                double[] sq = new double[ref.length];
                double[] ga = new double[ref.length];
                double[] buf = new double[ref.length];
                for (int i = 0; i < ref.length; i++) {
                    ref[i] = START[i];
                }
                for (float[] gs : GRADS) {
                    for (int i = 0; i < ref.length; i++) {
                        double g = gs[i] + 0.05 * ref[i];
                        sq[i] = 0.9 * sq[i] + 0.1 * g * g;
                        ga[i] = 0.9 * ga[i] + 0.1 * g;
                        double avg = Math.sqrt(centered ? sq[i] - ga[i] * ga[i] : sq[i]) + 1e-8;
                        buf[i] = momentum * buf[i] + g / avg;
                        ref[i] -= 0.01 * (momentum > 0 ? buf[i] : g / avg);
                    }
                }
                assertValues(ref, q, 2e-6);
            }
        }
    }

    @Test
    void adagradWithLrDecayAndInitialAccumulator() {
        Tensor p = param(1f);
        Adagrad opt = new Adagrad(List.of(p), 0.1);
        assertEquals(0, opt.stateFor(p).step(), "state exists from construction, as torch");
        grad(p, 0.5f);
        opt.step();
        // sum = 0.25, p = 1 - 0.1 * 0.5 / (0.5 + 1e-10)
        assertValues(new double[] {0.9}, p, 1e-7);

        Tensor q = param(START);
        run(Adagrad.builder(List.of(q)).lr(0.1).lrDecay(0.5).initialAccumulatorValue(0.2).weightDecay(0.01).build(), q);
        double[] ref = new double[START.length];
        double[] sum = new double[ref.length];
        for (int i = 0; i < ref.length; i++) {
            ref[i] = START[i];
            sum[i] = 0.2;
        }
        for (int t = 1; t <= GRADS.length; t++) {
            double clr = 0.1 / (1 + (t - 1) * 0.5);
            for (int i = 0; i < ref.length; i++) {
                double g = GRADS[t - 1][i] + 0.01 * ref[i];
                sum[i] += g * g;
                ref[i] -= clr * g / (Math.sqrt(sum[i]) + 1e-10);
            }
        }
        assertValues(ref, q, 1e-6);
    }

    @Test
    void validationMessagesMatchTorch() {
        List<Tensor> ps = List.of(param(1f));
        assertEquals("Adam: Invalid learning rate: -1.0",
                assertThrows(IllegalArgumentException.class, () -> new Adam(ps, -1.0)).getMessage());
        assertEquals("Adam: Invalid beta parameter at index 0: 1.2", assertThrows(IllegalArgumentException.class,
                () -> Adam.builder(ps).betas(1.2, 0.999).build()).getMessage());
        assertEquals("AdamW: Invalid beta parameter at index 1: 1.0", assertThrows(IllegalArgumentException.class,
                () -> AdamW.builder(ps).betas(0.9, 1.0).build()).getMessage());
        assertEquals("Adam: Invalid epsilon value: -1e-08", assertThrows(IllegalArgumentException.class,
                () -> Adam.builder(ps).eps(-1e-8).build()).getMessage());
        assertEquals("Adam: Invalid weight_decay value: -0.01", assertThrows(IllegalArgumentException.class,
                () -> Adam.builder(ps).weightDecay(-0.01).build()).getMessage());
        assertEquals("RMSprop: Invalid alpha value: -0.5", assertThrows(IllegalArgumentException.class,
                () -> RMSprop.builder(ps).alpha(-0.5).build()).getMessage());
        assertEquals("RMSprop: Invalid momentum value: -0.1", assertThrows(IllegalArgumentException.class,
                () -> RMSprop.builder(ps).momentum(-0.1).build()).getMessage());
        assertEquals("Adagrad: Invalid lr_decay value: -1.0", assertThrows(IllegalArgumentException.class,
                () -> Adagrad.builder(ps).lrDecay(-1).build()).getMessage());
        assertEquals("Adagrad: Invalid initial_accumulator_value value: -0.1", assertThrows(IllegalArgumentException.class,
                () -> Adagrad.builder(ps).initialAccumulatorValue(-0.1).build()).getMessage());
        assertEquals("Adagrad: Invalid epsilon value: nan", assertThrows(IllegalArgumentException.class,
                () -> Adagrad.builder(ps).eps(Double.NaN).build()).getMessage());
    }

    @Test
    void toStringListsHyperparameters() {
        Adam opt = Adam.builder(List.of(param(1f))).lr(3e-4).amsgrad(true).build();
        assertEquals("""
                Adam (
                Parameter Group 0
                    amsgrad: True
                    betas: (0.9, 0.999)
                    eps: 1e-08
                    lr: 0.0003
                    maximize: False
                    weight_decay: 0.0
                )""", opt.toString());
    }
}
