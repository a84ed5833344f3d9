package dev.nabla.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.autograd.GradMode;
import dev.nabla.io.TensorCopy;
import dev.nabla.nn.functional.MhaOutput;
import dev.nabla.nn.functional.RnnCells;
import dev.nabla.nn.functional.RnnOutput;
import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SequenceModulesTest {

    private static double maxAbs(Tensor t) {
        double m = 0;
        for (float v : t.toFloatArray()) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    // ------------------------------------------------------------------ losses

    @Test
    void lossModulesComputeTheirDefinitions() {
        double ln2 = Math.log(2);
        Tensor logits = Tensor.of(new float[] {0, 0, 1, 3}, 2, 2);
        Tensor labels = Tensor.ofLongs(new long[] {0, 1}, 2);
        double ce = (ln2 + Math.log(1 + Math.exp(-2))) / 2;
        assertEquals(ce, new CrossEntropyLoss().call(logits, labels).item(), 1e-6);
        assertEquals(2 * ce, new CrossEntropyLoss(null, -100, "sum", 0).call(logits, labels).item(), 1e-6);
        assertEquals(2 * ce, new CrossEntropyLoss("sum").call(logits, labels).item(), 1e-6);
        assertEquals(ln2, CrossEntropyLoss.builder().ignoreIndex(1).build().call(logits, labels).item(), 1e-6);
        // class weights (1, 3): weighted mean = (1 * ln2 + 3 * l1) / 4
        assertEquals((ln2 + 3 * Math.log(1 + Math.exp(-2))) / 4, CrossEntropyLoss.builder()
                .weight(Tensor.of(new float[] {1, 3}, 2)).build().call(logits, labels).item(), 1e-6);
        assertEquals(ln2, new CrossEntropyLoss(null, 1, "mean", 0).call(logits, labels).item(), 1e-6);
        assertEquals(2.0, new NLLLoss().call(Tensor.of(new float[] {-1, -2}, 1, 2), Tensor.ofLongs(new long[] {1}, 1))
                .item(), 1e-6);
        Tensor a = Tensor.of(new float[] {0.5f, 2}, 2);
        Tensor zero = Tensor.zeros(2);
        assertEquals(2.125, new MSELoss().call(a, zero).item(), 1e-6);
        assertArrayEquals(new float[] {0.25f, 4}, new MSELoss("none").call(a, zero).toFloatArray(), 1e-6f);
        assertEquals(1.25, new L1Loss().call(a, zero).item(), 1e-6);
        assertEquals((0.125 + 1.5) / 2, new SmoothL1Loss().call(a, zero).item(), 1e-6);
        assertEquals((0.125 + 1.5) / 2, new HuberLoss().call(a, zero).item(), 1e-6);
        assertEquals((0.125 + 2.0) / 2, new HuberLoss("mean", 2.0).call(a, zero).item(), 1e-6);
        assertEquals(ln2, new BCELoss().call(Tensor.of(new float[] {0.5f}, 1), Tensor.ones(1)).item(), 1e-6);
        assertEquals(ln2, new BCEWithLogitsLoss().call(Tensor.zeros(1), Tensor.ones(1)).item(), 1e-6);
        assertEquals(2 * ln2, new BCEWithLogitsLoss(null, "mean", Tensor.of(new float[] {2}, 1))
                .call(Tensor.zeros(1), Tensor.ones(1)).item(), 1e-6);
        Tensor logP = Tensor.of(new float[] {(float) Math.log(0.5), (float) Math.log(0.5)}, 1, 2);
        Tensor q = Tensor.of(new float[] {0.25f, 0.75f}, 1, 2);
        double kl = 0.25 * Math.log(0.25 / 0.5) + 0.75 * Math.log(0.75 / 0.5);
        assertEquals(kl / 2, new KLDivLoss().call(logP, q).item(), 1e-6);
        assertEquals(kl, new KLDivLoss("batchmean", false).call(logP, q).item(), 1e-6);
        assertEquals(kl, new KLDivLoss("batchmean", true).call(logP, q.log()).item(), 1e-6);
    }

    @Test
    void lossOptionsBuffersHooksAndErrors() {
        Tensor w = Tensor.of(new float[] {1, 3}, 2);
        CrossEntropyLoss weighted = new CrossEntropyLoss(w, -100, "mean", 0);
        assertEquals(List.of("weight"), new ArrayList<>(weighted.stateDict().keySet()));
        assertEquals(List.of(), new ArrayList<>(new CrossEntropyLoss().stateDict().keySet()));
        assertEquals(List.of("pos_weight"), new ArrayList<>(new BCEWithLogitsLoss(null, "mean", Tensor.ones(1))
                .stateDict().keySet()));
        assertEquals("CrossEntropyLoss()", new CrossEntropyLoss().toString());
        List<Integer> seen = new ArrayList<>();
        MSELoss mse = new MSELoss();
        mse.registerForwardHook((m, in, out) -> {
            seen.add(in.length);
            return out.mul(2.0);
        });
        assertEquals(2.0, mse.call(Tensor.ones(2), Tensor.zeros(2)).item(), 1e-6);
        assertEquals(List.of(2), seen);
        assertThrows(UnsupportedOperationException.class, () -> mse.call(Tensor.ones(2)));
        var e = assertThrows(IllegalArgumentException.class, () -> new MSELoss("batchmean"));
        assertTrue(e.getMessage().contains("batchmean"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new L1Loss("average"));
        assertThrows(IllegalArgumentException.class, () -> new CrossEntropyLoss(null, -100, "mean", 1.5));
        // label smoothing 0.2 over 2 classes, uniform logits: loss stays ln 2
        assertEquals(Math.log(2), new CrossEntropyLoss(null, -100, "mean", 0.2)
                .call(Tensor.zeros(1, 2), Tensor.ofLongs(new long[] {0}, 1)).item(), 1e-6);
    }

    // ------------------------------------------------------------------ recurrent

    @Test
    void recurrentParameterNamesShapesAndInit() {
        LSTM lstm = new LSTM(new RNNBase.Options(3, 5).numLayers(2).bidirectional(true).generator(new Generator(1)));
        List<String> expected = new ArrayList<>();
        for (int l = 0; l < 2; l++) {
            for (String suffix : new String[] {"", "_reverse"}) {
                for (String kind : new String[] {"weight_ih_l", "weight_hh_l", "bias_ih_l", "bias_hh_l"}) {
                    expected.add(kind + l + suffix);
                }
            }
        }
        assertEquals(expected, new ArrayList<>(lstm.stateDict().keySet()));
        assertArrayEquals(new int[] {20, 3}, lstm.getParameter("weight_ih_l0").shape());
        assertArrayEquals(new int[] {20, 10}, lstm.getParameter("weight_ih_l1_reverse").shape());
        assertArrayEquals(new int[] {20, 5}, lstm.getParameter("weight_hh_l1").shape());
        for (Tensor p : lstm.parameters()) {
            assertTrue(maxAbs(p) <= 1 / Math.sqrt(5));
        }
        GRU gru = new GRU(new RNNBase.Options(4, 6).bias(false));
        assertEquals(List.of("weight_ih_l0", "weight_hh_l0"), new ArrayList<>(gru.stateDict().keySet()));
        assertArrayEquals(new int[] {18, 4}, gru.getParameter("weight_ih_l0").shape());
        assertEquals("LSTM(3, 5, num_layers=2, bidirectional=True)", lstm.toString());
        assertEquals("GRU(4, 6, bias=False)", gru.toString());
        assertEquals("RNN(2, 3, batch_first=True, dropout=0.5)",
                new RNN(new RNNBase.Options(2, 3).batchFirst(true).dropout(0.5)).toString());
        assertEquals("RNNCell(4, 8, nonlinearity=relu)", new RNNCell(4, 8, true, "relu", new Generator(1)).toString());
        assertEquals("LSTMCell(4, 8)", new LSTMCell(4, 8).toString());
        assertEquals("GRUCell(4, 8, bias=False)", new GRUCell(4, 8, false, new Generator(1)).toString());
        assertEquals(List.of("weight_ih", "weight_hh", "bias_ih", "bias_hh"),
                new ArrayList<>(new LSTMCell(4, 8).stateDict().keySet()));
        assertThrows(IllegalArgumentException.class, () -> new RNN(new RNNBase.Options(2, 3).nonlinearity("gelu")));
    }

    @Test
    void recurrentOutputsShapesAndAgreeWithTheirCells() {
        Generator g = new Generator(2);
        LSTM lstm = new LSTM(new RNNBase.Options(3, 4).batchFirst(true).generator(g));
        Tensor x = Tensor.randn(g, 2, 5, 3); // (B, T, In)
        RnnOutput r = lstm.forward(x, null, null);
        assertArrayEquals(new int[] {2, 5, 4}, r.output().shape());
        assertArrayEquals(new int[] {1, 2, 4}, r.hN().shape());
        assertArrayEquals(new int[] {1, 2, 4}, r.cN().shape());
        assertArrayEquals(r.output().toFloatArray(), lstm.call(x).toFloatArray());
        // the same weights in an LSTMCell, stepped by hand
        LSTMCell cell = new LSTMCell(3, 4);
        try (var s = GradMode.noGrad()) {
            TensorCopy.copyExact(cell.weightIh, lstm.getParameter("weight_ih_l0"));
            TensorCopy.copyExact(cell.weightHh, lstm.getParameter("weight_hh_l0"));
            TensorCopy.copyExact(cell.biasIh, lstm.getParameter("bias_ih_l0"));
            TensorCopy.copyExact(cell.biasHh, lstm.getParameter("bias_hh_l0"));
        }
        Tensor h = null;
        Tensor c = null;
        for (int t = 0; t < 5; t++) {
            RnnCells.LstmState st = cell.forward(x.select(1, t), h, c);
            h = st.h();
            c = st.c();
            assertArrayEquals(h.toFloatArray(), r.output().select(1, t).toFloatArray(), 1e-5f);
        }
        assertArrayEquals(c.toFloatArray(), r.cN().select(0, 0).toFloatArray(), 1e-5f);

        GRU gru = new GRU(new RNNBase.Options(3, 4).numLayers(2).bidirectional(true).generator(g));
        RnnOutput gr = gru.forward(Tensor.randn(g, 6, 2, 3), null);
        assertArrayEquals(new int[] {6, 2, 8}, gr.output().shape());
        assertArrayEquals(new int[] {4, 2, 4}, gr.hN().shape());
        assertNull(gr.cN());
        RNN rnn = new RNN(new RNNBase.Options(3, 4).nonlinearity("relu").generator(g));
        Tensor out = rnn.forward(Tensor.randn(g, 6, 3), null).output(); // unbatched (T, In)
        assertArrayEquals(new int[] {6, 4}, out.shape());
        for (float v : out.toFloatArray()) {
            assertTrue(v >= 0);
        }
        GRUCell gc = new GRUCell(3, 4);
        assertArrayEquals(new int[] {2, 4}, gc.call(Tensor.zeros(2, 3)).shape());
        // gradients reach every parameter
        lstm.call(x).sum().backward();
        for (Tensor p : lstm.parameters()) {
            assertTrue(p.grad() != null);
        }
    }

    @Test
    void recurrentDropoutBetweenLayersOnlyInTraining() {
        LSTM lstm = new LSTM(new RNNBase.Options(3, 4).numLayers(2).dropout(0.5).generator(new Generator(3)));
        Tensor x = Tensor.randn(new Generator(4), 5, 2, 3);
        lstm.eval();
        Tensor a = lstm.call(x);
        assertArrayEquals(a.toFloatArray(), lstm.call(x).toFloatArray());
        lstm.train();
        assertFalse(java.util.Arrays.equals(a.toFloatArray(), lstm.call(x).toFloatArray()));
    }

    // ------------------------------------------------------------------ attention

    @Test
    void multiheadAttentionParametersAndPrintout() {
        MultiheadAttention mha = new MultiheadAttention(8, 2, 0.0, true, false, new Generator(5));
        assertEquals(List.of("in_proj_weight", "in_proj_bias", "out_proj.weight", "out_proj.bias"),
                new ArrayList<>(mha.stateDict().keySet()));
        assertArrayEquals(new int[] {24, 8}, mha.inProjWeight.shape());
        assertEquals(0, maxAbs(mha.inProjBias));
        assertEquals(0, maxAbs(mha.outProj.bias));
        double xavier = Math.sqrt(6.0 / (24 + 8));
        assertTrue(maxAbs(mha.inProjWeight) <= xavier && maxAbs(mha.inProjWeight) > 0.9 * xavier);
        assertEquals("MultiheadAttention(\n  (out_proj): NonDynamicallyQuantizableLinear(in_features=8, out_features=8,"
                + " bias=True)\n)", mha.toString());
        MultiheadAttention kv = new MultiheadAttention(8, 2, 0.0, true, 3, 5, false, new Generator(5));
        assertEquals(List.of("q_proj_weight", "k_proj_weight", "v_proj_weight", "in_proj_bias", "out_proj.weight",
                "out_proj.bias"), new ArrayList<>(kv.stateDict().keySet()));
        MhaOutput o = kv.forward(Tensor.randn(new Generator(1), 4, 2, 8), Tensor.randn(new Generator(2), 6, 2, 3),
                Tensor.randn(new Generator(3), 6, 2, 5), null, null, true);
        assertArrayEquals(new int[] {4, 2, 8}, o.output().shape());
        assertArrayEquals(new int[] {2, 4, 6}, o.attnWeights().shape());
        assertThrows(IllegalArgumentException.class, () -> new MultiheadAttention(10, 3));
    }

    @Test
    void multiheadAttentionMatchesTheFormulaForOneHead() {
        Generator g = new Generator(6);
        MultiheadAttention mha = new MultiheadAttention(4, 1, 0.0, true, true, g);
        try (var s = GradMode.noGrad()) {
            TensorCopy.copyExact(mha.inProjBias, Tensor.randn(g, 12));
            TensorCopy.copyExact(mha.outProj.bias, Tensor.randn(g, 4));
        }
        Tensor x = Tensor.randn(g, 1, 3, 4); // (N, L, E) batch-first
        Tensor w = mha.inProjWeight;
        Tensor b = mha.inProjBias;
        Tensor q = x.matmul(w.narrow(0, 0, 4).t()).add(b.narrow(0, 0, 4));
        Tensor k = x.matmul(w.narrow(0, 4, 4).t()).add(b.narrow(0, 4, 4));
        Tensor v = x.matmul(w.narrow(0, 8, 4).t()).add(b.narrow(0, 8, 4));
        Tensor att = q.matmul(k.transpose(1, 2)).div(2.0).softmax(-1);
        Tensor expected = att.matmul(v).matmul(mha.outProj.weight.t()).add(mha.outProj.bias);
        MhaOutput out = mha.forward(x, x, x, null, null, true);
        assertArrayEquals(expected.toFloatArray(), out.output().toFloatArray(), 1e-5f);
        assertArrayEquals(att.toFloatArray(), out.attnWeights().toFloatArray(), 1e-6f);
        // a padded key gets no weight
        Tensor pad = Tensor.ofBools(new boolean[] {false, false, true}, 1, 3);
        MhaOutput masked = mha.forward(x, x, x, pad, null, true);
        for (int i = 0; i < 3; i++) {
            assertEquals(0, masked.attnWeights().get(0, i, 2), 0);
            assertEquals(1, masked.attnWeights().get(0, i, 0) + masked.attnWeights().get(0, i, 1), 1e-6);
        }
        assertArrayEquals(out.output().toFloatArray(), mha.call(x).toFloatArray(), 1e-6f);
    }

    // ------------------------------------------------------------------ transformer

    @Test
    void transformerEncoderKeysCopiesAndNormalisation() {
        Generator g = new Generator(7);
        TransformerEncoderLayer layer = new TransformerEncoderLayer(8, 2, 16, 0.1, "relu", 1e-5, false, false, true, g);
        assertEquals(List.of("self_attn.in_proj_weight", "self_attn.in_proj_bias", "self_attn.out_proj.weight",
                "self_attn.out_proj.bias", "linear1.weight", "linear1.bias", "linear2.weight", "linear2.bias",
                "norm1.weight", "norm1.bias", "norm2.weight", "norm2.bias"), new ArrayList<>(layer.stateDict().keySet()));
        TransformerEncoder enc = new TransformerEncoder(layer, 2, new LayerNorm(8));
        List<String> keys = new ArrayList<>(enc.stateDict().keySet());
        assertEquals("layers.0.self_attn.in_proj_weight", keys.get(0));
        assertEquals("layers.1.self_attn.in_proj_weight", keys.get(12));
        assertEquals(List.of("norm.weight", "norm.bias"), keys.subList(24, 26));
        // the copies start equal (as PyTorch's deepcopy) but are separate tensors
        Tensor w0 = enc.stateDict().get("layers.0.linear1.weight");
        Tensor w1 = enc.stateDict().get("layers.1.linear1.weight");
        assertArrayEquals(w0.toFloatArray(), w1.toFloatArray());
        assertFalse(w0.sharesStorageWith(w1));
        assertEquals(2 * 12 + 2, enc.parameters().size());

        enc.eval();
        Tensor x = Tensor.randn(g, 5, 3, 8); // (S, N, E)
        Tensor y = enc.call(x);
        assertArrayEquals(new int[] {5, 3, 8}, y.shape());
        assertArrayEquals(y.toFloatArray(), enc.call(x).toFloatArray());
        // post-norm output: every position normalised over the features (weight 1, bias 0)
        Tensor z = layer.eval().call(x);
        for (int s = 0; s < 5; s++) {
            Tensor row = z.select(0, s).select(0, 1);
            assertEquals(0, row.mean().item(), 1e-5);
            assertEquals(1, row.var(new int[] {0}, false, false).item(), 1e-3);
        }
        enc.train();
        assertFalse(java.util.Arrays.equals(y.toFloatArray(), enc.call(x).toFloatArray()), "dropout in training");
        TransformerEncoderLayer pre = new TransformerEncoderLayer(8, 2, 16, 0.0, "gelu", 1e-5, true, true, true, g);
        Tensor xb = Tensor.randn(g, 3, 5, 8); // batch-first
        assertArrayEquals(new int[] {3, 5, 8}, pre.call(xb).shape());
        assertThrows(IllegalArgumentException.class,
                () -> new TransformerEncoderLayer(8, 2, 16, 0.1, "tanh", 1e-5, false, false, true, g));
    }

    @Test
    void decoderIsCausalAndUsesMemory() {
        Generator g = new Generator(8);
        TransformerDecoderLayer dec = new TransformerDecoderLayer(8, 2, 16, 0.1, "relu", 1e-5, true, false, true, g);
        assertEquals(List.of("self_attn.in_proj_weight", "self_attn.in_proj_bias", "self_attn.out_proj.weight",
                "self_attn.out_proj.bias", "multihead_attn.in_proj_weight", "multihead_attn.in_proj_bias",
                "multihead_attn.out_proj.weight", "multihead_attn.out_proj.bias", "linear1.weight", "linear1.bias",
                "linear2.weight", "linear2.bias", "norm1.weight", "norm1.bias", "norm2.weight", "norm2.bias",
                "norm3.weight", "norm3.bias"), new ArrayList<>(dec.stateDict().keySet()));
        dec.eval();
        Tensor tgt = Tensor.randn(g, 1, 4, 8);
        Tensor memory = Tensor.randn(g, 1, 6, 8);
        Tensor a = dec.forwardCausal(tgt, memory);
        Tensor changed = tgt.clone();
        try (var s = GradMode.noGrad()) {
            changed.select(1, 3).copyInPlace(Tensor.randn(g, 1, 8));
        }
        Tensor b = dec.forwardCausal(changed, memory);
        // positions 0..2 cannot see position 3
        assertArrayEquals(a.narrow(1, 0, 3).toFloatArray(), b.narrow(1, 0, 3).toFloatArray(), 1e-6f);
        assertNotEquals(a.get(0, 3, 0), b.get(0, 3, 0));
        // the explicit PyTorch mask gives the same result
        Tensor mask = TransformerDecoderLayer.generateSquareSubsequentMask(4);
        assertArrayEquals(a.toFloatArray(), dec.forward(tgt, memory, mask, null, null, null, false).toFloatArray(),
                1e-6f);
        Tensor other = dec.forwardCausal(tgt, Tensor.randn(g, 1, 6, 8));
        assertNotEquals(a.get(0, 0, 0), other.get(0, 0, 0));
        assertEquals(Float.NEGATIVE_INFINITY, mask.get(0, 1));
        assertEquals(0, mask.get(2, 1));
        assertThrows(UnsupportedOperationException.class, () -> dec.call(tgt));
        TransformerDecoderLayer preNorm = new TransformerDecoderLayer(8, 2, 16, 0.0, "gelu", 1e-5, true, true, true, g);
        assertArrayEquals(new int[] {1, 4, 8}, preNorm.forwardCausal(tgt, memory).shape());
    }

    @Test
    void positionalEncodingAsTheTutorial() {
        PositionalEncoding pe = new PositionalEncoding(6, 0.1, 50, false, new Generator(9));
        assertEquals(List.of("pe"), new ArrayList<>(pe.stateDict().keySet()));
        assertArrayEquals(new int[] {50, 1, 6}, pe.pe.shape());
        assertFalse(pe.pe.requiresGrad());
        for (int pos : new int[] {0, 1, 7, 49}) {
            assertEquals(Math.sin(pos), pe.pe.get(pos, 0, 0), 1e-6);
            assertEquals(Math.cos(pos), pe.pe.get(pos, 0, 1), 1e-6);
            assertEquals(Math.sin(pos / Math.pow(10000, 2.0 / 6)), pe.pe.get(pos, 0, 2), 1e-5);
            assertEquals(Math.cos(pos / Math.pow(10000, 4.0 / 6)), pe.pe.get(pos, 0, 5), 1e-5);
        }
        pe.eval();
        Tensor x = Tensor.zeros(3, 2, 6);
        Tensor y = pe.call(x);
        assertArrayEquals(pe.pe.narrow(0, 0, 3).expand(3, 2, 6).toFloatArray(), y.toFloatArray());
        PositionalEncoding bf = new PositionalEncoding(6, 0.0, 50, true, new Generator(9));
        assertEquals(Math.sin(2), bf.call(Tensor.zeros(2, 3, 6)).get(1, 2, 0), 1e-6);
        assertThrows(IllegalArgumentException.class, () -> pe.call(Tensor.zeros(51, 1, 6)));
        PositionalEncoding odd = new PositionalEncoding(5, 0.0, 4, false, new Generator(1));
        assertEquals(Math.sin(3 / Math.pow(10000, 4.0 / 5)), odd.pe.get(3, 0, 4), 1e-5);
    }

    @Test
    void transformerBlocksPassGradientChecks() {
        Generator g = new Generator(12);
        for (boolean normFirst : new boolean[] {false, true}) {
            TransformerEncoderLayer enc = new TransformerEncoderLayer(4, 2, 8, 0.0, "gelu", 1e-5, false, normFirst,
                    true, g);
            dev.nabla.autograd.GradCheck.check(in -> enc.forward(in[0], null, null, true), 1e-2, 3e-2, 3e-2,
                    Tensor.randn(g, 3, 2, 4).requiresGrad(true));
            TransformerDecoderLayer dec = new TransformerDecoderLayer(4, 2, 8, 0.0, "relu", 1e-5, true, normFirst,
                    true, g);
            dev.nabla.autograd.GradCheck.check(in -> dec.forwardCausal(in[0], in[1]), 1e-2, 3e-2, 3e-2,
                    Tensor.randn(g, 2, 3, 4).requiresGrad(true), Tensor.randn(g, 2, 2, 4).requiresGrad(true));
        }
        PositionalEncoding pe = new PositionalEncoding(4, 0.0, 10, false, g);
        dev.nabla.autograd.GradCheck.check(in -> pe.call(in[0]).square(), Tensor.randn(g, 3, 2, 4).requiresGrad(true));
    }
}
