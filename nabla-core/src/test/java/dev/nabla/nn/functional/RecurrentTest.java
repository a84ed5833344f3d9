package dev.nabla.nn.functional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.autograd.GradCheck;
import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecurrentTest {

    /** Random weights named as PyTorch names them, requiring grad. */
    private static Map<String, Tensor> weights(RnnMode mode, int in, int h, int layers, boolean bi, boolean bias,
                                               Generator g) {
        Map<String, Tensor> m = new LinkedHashMap<>();
        int dirs = bi ? 2 : 1;
        for (int l = 0; l < layers; l++) {
            for (int d = 0; d < dirs; d++) {
                int li = l == 0 ? in : h * dirs;
                m.put(RnnWeights.name(0, l, d == 1), Tensor.randn(g, mode.gates() * h, li).mul(0.5).requiresGrad(true));
                m.put(RnnWeights.name(1, l, d == 1), Tensor.randn(g, mode.gates() * h, h).mul(0.5).requiresGrad(true));
                if (bias) {
                    m.put(RnnWeights.name(2, l, d == 1), Tensor.randn(g, mode.gates() * h).mul(0.5).requiresGrad(true));
                    m.put(RnnWeights.name(3, l, d == 1), Tensor.randn(g, mode.gates() * h).mul(0.5).requiresGrad(true));
                }
            }
        }
        return m;
    }

    /** The textbook recurrence written with ordinary differentiable tensor ops, one step at a time. */
    private static RnnOutput reference(RnnMode mode, Tensor input, Tensor h0, Tensor c0, Map<String, Tensor> w,
                                       int layers, boolean bi, boolean batchFirst) {
        Tensor x = batchFirst ? input.transpose(0, 1) : input;
        int steps = x.size(0);
        int dirs = bi ? 2 : 1;
        List<Tensor> hn = new ArrayList<>();
        List<Tensor> cn = new ArrayList<>();
        for (int l = 0; l < layers; l++) {
            Tensor[] outs = new Tensor[dirs];
            for (int d = 0; d < dirs; d++) {
                Tensor wih = w.get(RnnWeights.name(0, l, d == 1));
                Tensor whh = w.get(RnnWeights.name(1, l, d == 1));
                Tensor bih = w.get(RnnWeights.name(2, l, d == 1));
                Tensor bhh = w.get(RnnWeights.name(3, l, d == 1));
                int hsz = whh.size(1);
                Tensor h = h0.select(0, l * dirs + d);
                Tensor c = c0 == null ? null : c0.select(0, l * dirs + d);
                Tensor[] ys = new Tensor[steps];
                for (int s = 0; s < steps; s++) {
                    int t = d == 1 ? steps - 1 - s : s;
                    Tensor gx = LinearOps.linear(x.select(0, t), wih, bih);
                    Tensor gh = LinearOps.linear(h, whh, bhh);
                    switch (mode) {
                        case RNN_TANH -> h = gx.add(gh).tanh();
                        case RNN_RELU -> h = gx.add(gh).relu();
                        case LSTM -> {
                            Tensor a = gx.add(gh);
                            Tensor i = a.narrow(1, 0, hsz).sigmoid();
                            Tensor f = a.narrow(1, hsz, hsz).sigmoid();
                            Tensor gg = a.narrow(1, 2 * hsz, hsz).tanh();
                            Tensor o = a.narrow(1, 3 * hsz, hsz).sigmoid();
                            c = f.mul(c).add(i.mul(gg));
                            h = o.mul(c.tanh());
                        }
                        case GRU -> {
                            Tensor r = gx.narrow(1, 0, hsz).add(gh.narrow(1, 0, hsz)).sigmoid();
                            Tensor z = gx.narrow(1, hsz, hsz).add(gh.narrow(1, hsz, hsz)).sigmoid();
                            Tensor n = gx.narrow(1, 2 * hsz, hsz).add(r.mul(gh.narrow(1, 2 * hsz, hsz))).tanh();
                            h = z.rsub(1).mul(n).add(z.mul(h));
                        }
                        default -> throw new IllegalStateException();
                    }
                    ys[t] = h;
                }
                outs[d] = Tensor.stack(ys, 0);
                hn.add(h);
                if (c != null) {
                    cn.add(c);
                }
            }
            x = dirs == 1 ? outs[0] : Tensor.cat(outs, 2);
        }
        return new RnnOutput(batchFirst ? x.transpose(0, 1) : x, Tensor.stack(hn.toArray(new Tensor[0]), 0),
                cn.isEmpty() ? null : Tensor.stack(cn.toArray(new Tensor[0]), 0));
    }

    private static Tensor scalarOf(RnnOutput o, Generator g) {
        Tensor s = o.output().mul(Tensor.randn(g, o.output().shape())).sum()
                .add(o.hN().mul(Tensor.randn(g, o.hN().shape())).sum());
        return o.cN() == null ? s : s.add(o.cN().mul(Tensor.randn(g, o.cN().shape())).sum());
    }

    /** Runs the fused op and the reference on the same leaves; compares outputs and every gradient. */
    private static void compareWithReference(RnnMode mode, int layers, boolean bi, boolean batchFirst, boolean bias,
                                             int batch, int steps) {
        Generator g = new Generator(42 + layers + (bi ? 10 : 0) + mode.ordinal());
        int in = 3;
        int h = 4;
        int ld = layers * (bi ? 2 : 1);
        Map<String, Tensor> w = weights(mode, in, h, layers, bi, bias, g);
        Tensor x = (batchFirst ? Tensor.randn(g, batch, steps, in) : Tensor.randn(g, steps, batch, in)).requiresGrad(true);
        Tensor h0 = Tensor.randn(g, ld, batch, h).requiresGrad(true);
        Tensor c0 = mode == RnnMode.LSTM ? Tensor.randn(g, ld, batch, h).requiresGrad(true) : null;

        RnnOutput fused = Recurrent.rnn(mode, x, h0, c0, RnnWeights.fromNamed(mode, w, layers, bi), batchFirst, 0, false,
                null);
        RnnOutput ref = reference(mode, x, h0, c0, w, layers, bi, batchFirst);
        String what = mode + " layers=" + layers + " bi=" + bi + " batchFirst=" + batchFirst + " bias=" + bias;
        assertArrayEquals(ref.output().shape(), fused.output().shape(), what);
        assertArrayEquals(ref.output().toFloatArray(), fused.output().toFloatArray(), 1e-5f, what);
        assertArrayEquals(ref.hN().toFloatArray(), fused.hN().toFloatArray(), 1e-5f, what);
        if (c0 != null) {
            assertArrayEquals(ref.cN().toFloatArray(), fused.cN().toFloatArray(), 1e-5f, what);
        } else {
            assertNull(fused.cN());
        }

        List<Tensor> leaves = new ArrayList<>(w.values());
        leaves.add(x);
        leaves.add(h0);
        if (c0 != null) {
            leaves.add(c0);
        }
        scalarOf(fused, new Generator(1)).backward();
        List<float[]> fusedGrads = new ArrayList<>();
        for (Tensor t : leaves) {
            fusedGrads.add(t.grad().toFloatArray());
            t.setGrad(null);
        }
        scalarOf(ref, new Generator(1)).backward();
        for (int i = 0; i < leaves.size(); i++) {
            assertArrayEquals(leaves.get(i).grad().toFloatArray(), fusedGrads.get(i), 1e-4f, what + " grad " + i);
        }
    }

    @Test
    void fusedMatchesStepByStepReferenceForEveryMode() {
        for (RnnMode mode : RnnMode.values()) {
            compareWithReference(mode, 1, false, false, true, 2, 5);
            compareWithReference(mode, 2, false, true, true, 3, 4);
            compareWithReference(mode, 1, true, true, true, 2, 3);
            compareWithReference(mode, 2, true, false, true, 2, 4);
            compareWithReference(mode, 2, true, true, false, 2, 3);
        }
    }

    @Test
    void batchRowsSplitAcrossThreadsGiveTheSameResults() {
        long saved = RnnSequenceOp.minMacsPerThread;
        RnnSequenceOp.minMacsPerThread = 0;   // split even these tiny batches over the pool's threads
        try {
            for (RnnMode mode : RnnMode.values()) {
                compareWithReference(mode, 2, true, true, true, 3, 4);
                compareWithReference(mode, 1, false, false, false, 5, 3);
            }
        } finally {
            RnnSequenceOp.minMacsPerThread = saved;
        }
    }

    @Test
    void edgeShapesBatchOneAndLengthOne() {
        for (RnnMode mode : RnnMode.values()) {
            compareWithReference(mode, 1, false, true, true, 1, 1);
            compareWithReference(mode, 2, true, false, true, 1, 1);
            compareWithReference(mode, 1, true, true, false, 1, 6);
        }
    }

    @Test
    void gradCheckEveryModeOneAndTwoLayers() {
        for (RnnMode mode : RnnMode.values()) {
            for (int layers = 1; layers <= 2; layers++) {
                boolean bi = layers == 2;
                boolean bias = mode != RnnMode.GRU || layers == 1;
                Generator g = new Generator(100 + layers);
                Map<String, Tensor> w = weights(mode, 2, 3, layers, bi, bias, g);
                List<String> names = new ArrayList<>(w.keySet());
                Tensor x = Tensor.randn(g, 2, 3, 2).requiresGrad(true);
                Tensor h0 = Tensor.randn(g, layers * (bi ? 2 : 1), 2, 3).requiresGrad(true);
                Tensor c0 = Tensor.randn(g, layers * (bi ? 2 : 1), 2, 3).requiresGrad(true);
                Tensor[] all = new Tensor[names.size() + 3];
                for (int i = 0; i < names.size(); i++) {
                    all[i] = w.get(names.get(i));
                }
                all[names.size()] = x;
                all[names.size() + 1] = h0;
                all[names.size() + 2] = c0;
                int nw = names.size();
                final int nl = layers;
                // ReLU has a kink at 0: use a smaller step so no pre-activation crosses it.
                double eps = mode == RnnMode.RNN_RELU ? 1e-3 : 1e-2;
                try {
                    GradCheck.check(in -> {
                        Map<String, Tensor> m = new LinkedHashMap<>();
                        for (int i = 0; i < nw; i++) {
                            m.put(names.get(i), in[i]);
                        }
                        RnnOutput o = Recurrent.rnn(mode, in[nw], in[nw + 1], mode == RnnMode.LSTM ? in[nw + 2] : null,
                                RnnWeights.fromNamed(mode, m, nl, bi), true, 0, false, null);
                        // (B, T) plus per-sample sums of the final states.
                        Tensor s = o.output().sum(2).add(o.hN().select(0, 0).sum(1, true));
                        return o.cN() == null ? s : s.add(o.cN().select(0, nl - 1).sum(1, true).mul(2));
                    }, eps, 3e-2, 3e-2, all);
                } catch (AssertionError e) {
                    throw new AssertionError(mode + " layers " + layers + ": " + e.getMessage(), e);
                }
            }
        }
    }

    @Test
    void defaultStatesAreZerosAndUnbatchedInputMatchesBatchOfOne() {
        Generator g = new Generator(5);
        Map<String, Tensor> w = weights(RnnMode.LSTM, 3, 4, 2, true, true, g);
        RnnWeights rw = RnnWeights.fromNamed(RnnMode.LSTM, w, 2, true);
        Tensor x = Tensor.randn(g, 5, 3);
        RnnOutput a = Recurrent.rnn(RnnMode.LSTM, x, null, null, rw, false, 0, false, null);
        RnnOutput b = Recurrent.rnn(RnnMode.LSTM, x.unsqueeze(1), Tensor.zeros(4, 1, 4), Tensor.zeros(4, 1, 4), rw,
                false, 0, false, null);
        assertArrayEquals(new int[] {5, 8}, a.output().shape());
        assertArrayEquals(new int[] {4, 4}, a.hN().shape());
        assertArrayEquals(b.output().squeeze(1).toFloatArray(), a.output().toFloatArray(), 1e-6f);
        assertArrayEquals(b.cN().squeeze(1).toFloatArray(), a.cN().toFloatArray(), 1e-6f);
    }

    @Test
    void inferenceWithoutGradGivesTheSameValues() {
        for (RnnMode mode : new RnnMode[] {RnnMode.LSTM, RnnMode.GRU}) {
            Generator g = new Generator(13);
            RnnWeights rw = RnnWeights.fromNamed(mode, weights(mode, 3, 4, 1, true, true, g), 1, true);
            Tensor x = Tensor.randn(g, 4, 2, 3);
            RnnOutput withGraph = Recurrent.rnn(mode, x, null, null, rw, false, 0, false, null);
            assertTrue(withGraph.output().requiresGrad());
            RnnOutput noGraph;
            try (var scope = dev.nabla.autograd.GradMode.noGrad()) {
                noGraph = Recurrent.rnn(mode, x, null, null, rw, false, 0, false, null);
            }
            assertArrayEquals(withGraph.output().toFloatArray(), noGraph.output().toFloatArray(), 0f);
            assertArrayEquals(withGraph.hN().toFloatArray(), noGraph.hN().toFloatArray(), 0f);
        }
    }

    @Test
    void hiddenStateOfSingleTanhStepByHand() {
        // h' = tanh(w_ih x + b_ih + w_hh h + b_hh) with scalars.
        Map<String, Tensor> w = new LinkedHashMap<>();
        w.put("weight_ih_l0", Tensor.of(new float[] {0.5f}, 1, 1));
        w.put("weight_hh_l0", Tensor.of(new float[] {-1f}, 1, 1));
        w.put("bias_ih_l0", Tensor.of(new float[] {0.1f}, 1));
        w.put("bias_hh_l0", Tensor.of(new float[] {0.2f}, 1));
        RnnWeights rw = RnnWeights.fromNamed(RnnMode.RNN_TANH, w, 1, false);
        Tensor x = Tensor.of(new float[] {2f, -1f}, 2, 1, 1);
        RnnOutput o = Recurrent.rnn(RnnMode.RNN_TANH, x, Tensor.of(new float[] {0.3f}, 1, 1, 1), null, rw, false, 0,
                false, null);
        double h1 = Math.tanh(0.5 * 2 + 0.1 - 0.3 + 0.2);
        double h2 = Math.tanh(0.5 * -1 + 0.1 - h1 + 0.2);
        assertArrayEquals(new float[] {(float) h1, (float) h2}, o.output().toFloatArray(), 1e-6f);
        assertEquals((float) h2, o.hN().item(), 1e-6f);
    }

    @Test
    void interLayerDropoutOnlyInTraining() {
        Generator g = new Generator(6);
        Map<String, Tensor> w = weights(RnnMode.GRU, 3, 4, 2, false, true, g);
        RnnWeights rw = RnnWeights.fromNamed(RnnMode.GRU, w, 2, false);
        Tensor x = Tensor.randn(g, 4, 2, 3);
        RnnOutput eval = Recurrent.rnn(RnnMode.GRU, x, null, null, rw, false, 0.5, false, null);
        RnnOutput none = Recurrent.rnn(RnnMode.GRU, x, null, null, rw, false, 0.0, true, new Generator(1));
        assertArrayEquals(none.output().toFloatArray(), eval.output().toFloatArray(), 1e-6f);
        RnnOutput train = Recurrent.rnn(RnnMode.GRU, x, null, null, rw, false, 0.5, true, new Generator(1));
        RnnOutput again = Recurrent.rnn(RnnMode.GRU, x, null, null, rw, false, 0.5, true, new Generator(1));
        assertArrayEquals(train.output().toFloatArray(), again.output().toFloatArray());
        assertTrue(maxAbsDiff(train.output(), eval.output()) > 1e-3, "dropout changed nothing in training");
    }

    @Test
    void gradCheckWithInterLayerDropout() {
        Generator g = new Generator(12);
        Map<String, Tensor> w = weights(RnnMode.LSTM, 2, 3, 2, false, true, g);
        List<String> names = new ArrayList<>(w.keySet());
        Tensor[] all = new Tensor[names.size() + 1];
        for (int i = 0; i < names.size(); i++) {
            all[i] = w.get(names.get(i));
        }
        all[names.size()] = Tensor.randn(g, 3, 2, 2).requiresGrad(true);
        // A fresh generator with the same seed per call gives the same dropout mask every time.
        GradCheck.check(in -> {
            Map<String, Tensor> m = new LinkedHashMap<>();
            for (int i = 0; i < names.size(); i++) {
                m.put(names.get(i), in[i]);
            }
            return Recurrent.rnn(RnnMode.LSTM, in[names.size()], null, null, RnnWeights.fromNamed(RnnMode.LSTM, m, 2,
                    false), false, 0.4, true, new Generator(77)).output();
        }, all);
    }

    @Test
    void cellsEqualOneStepOfTheLayer() {
        Generator g = new Generator(7);
        for (RnnMode mode : RnnMode.values()) {
            Map<String, Tensor> w = weights(mode, 3, 4, 1, false, true, g);
            Tensor x = Tensor.randn(g, 2, 3);
            Tensor h = Tensor.randn(g, 2, 4);
            Tensor c = Tensor.randn(g, 2, 4);
            RnnOutput layer = Recurrent.rnn(mode, x.unsqueeze(0), h.unsqueeze(0), c.unsqueeze(0),
                    RnnWeights.fromNamed(mode, w, 1, false), false, 0, false, null);
            Tensor wih = w.get("weight_ih_l0");
            Tensor whh = w.get("weight_hh_l0");
            Tensor bih = w.get("bias_ih_l0");
            Tensor bhh = w.get("bias_hh_l0");
            Tensor cellH = switch (mode) {
                case RNN_TANH -> RnnCells.rnnCell(x, h, wih, whh, bih, bhh, "tanh");
                case RNN_RELU -> RnnCells.rnnCell(x, h, wih, whh, bih, bhh, "relu");
                case LSTM -> {
                    RnnCells.LstmState s = RnnCells.lstmCell(x, h, c, wih, whh, bih, bhh);
                    assertArrayEquals(layer.cN().squeeze(0).toFloatArray(), s.c().toFloatArray(), 1e-6f);
                    yield s.h();
                }
                case GRU -> RnnCells.gruCell(x, h, wih, whh, bih, bhh);
            };
            assertArrayEquals(layer.hN().squeeze(0).toFloatArray(), cellH.toFloatArray(), 1e-6f, mode.toString());
            // Unbatched cell input (In) with state (H).
            Tensor un = mode == RnnMode.GRU ? RnnCells.gruCell(x.select(0, 1), h.select(0, 1), wih, whh, bih, bhh)
                    : mode == RnnMode.LSTM ? RnnCells.lstmCell(x.select(0, 1), h.select(0, 1), c.select(0, 1), wih, whh,
                    bih, bhh).h() : RnnCells.rnnCell(x.select(0, 1), h.select(0, 1), wih, whh, bih, bhh,
                    mode == RnnMode.RNN_RELU ? "relu" : "tanh");
            assertArrayEquals(cellH.select(0, 1).toFloatArray(), un.toFloatArray(), 1e-6f);
        }
    }

    @Test
    void cellGradCheck() {
        Generator g = new Generator(8);
        Tensor x = Tensor.randn(g, 2, 3).requiresGrad(true);
        Tensor h = Tensor.randn(g, 2, 2).requiresGrad(true);
        Tensor c = Tensor.randn(g, 2, 2).requiresGrad(true);
        Tensor wih = Tensor.randn(g, 8, 3).requiresGrad(true);
        Tensor whh = Tensor.randn(g, 8, 2).requiresGrad(true);
        GradCheck.check(in -> {
            RnnCells.LstmState s = RnnCells.lstmCell(in[0], in[1], in[2], in[3], in[4], null, null);
            return s.h().add(s.c());
        }, x, h, c, wih, whh);
        Tensor gwih = Tensor.randn(g, 6, 3).requiresGrad(true);
        Tensor gwhh = Tensor.randn(g, 6, 2).requiresGrad(true);
        Tensor gb = Tensor.randn(g, 6).requiresGrad(true);
        GradCheck.check(in -> RnnCells.gruCell(in[0], in[1], in[2], in[3], in[4], in[5]), x, h, gwih, gwhh, gb,
                gb.detach().mul(-1).requiresGrad(true));
    }

    @Test
    void errorsNameOpArgumentAndShapes() {
        Generator g = new Generator(9);
        Map<String, Tensor> w = weights(RnnMode.LSTM, 3, 4, 1, false, true, g);
        RnnWeights rw = RnnWeights.fromNamed(RnnMode.LSTM, w, 1, false);
        var in = assertThrows(IllegalArgumentException.class,
                () -> Recurrent.rnn(RnnMode.LSTM, Tensor.zeros(5, 2, 7), null, null, rw, false, 0, false, null));
        assertTrue(in.getMessage().startsWith("lstm: input.size(-1) must be equal to input_size. Expected 3, got 7"),
                in.getMessage());
        var h = assertThrows(IllegalArgumentException.class,
                () -> Recurrent.rnn(RnnMode.LSTM, Tensor.zeros(5, 2, 3), Tensor.zeros(1, 3, 4), null, rw, false, 0,
                        false, null));
        assertTrue(h.getMessage().contains("hx of shape [1, 2, 4], got [1, 3, 4]"), h.getMessage());
        var missing = assertThrows(IllegalArgumentException.class,
                () -> RnnWeights.fromNamed(RnnMode.LSTM, w, 2, false));
        assertTrue(missing.getMessage().contains("weight_ih_l1"), missing.getMessage());
        w.put("weight_hh_l0", Tensor.zeros(12, 4));
        var bad = assertThrows(IllegalArgumentException.class, () -> RnnWeights.fromNamed(RnnMode.LSTM, w, 1, false));
        assertTrue(bad.getMessage().contains("weight_hh_l0 must have shape [16, 4], got [12, 4]"), bad.getMessage());
        var dim = assertThrows(IllegalArgumentException.class,
                () -> Recurrent.rnn(RnnMode.LSTM, Tensor.zeros(3), null, null, rw, false, 0, false, null));
        assertTrue(dim.getMessage().contains("2-D (unbatched) or 3-D"), dim.getMessage());
    }

    private static double maxAbsDiff(Tensor a, Tensor b) {
        float[] x = a.toFloatArray();
        float[] y = b.toFloatArray();
        double m = 0;
        for (int i = 0; i < x.length; i++) {
            m = Math.max(m, Math.abs(x[i] - y[i]));
        }
        return m;
    }
}
