package dev.nabla.conformance;

import dev.nabla.nn.functional.Attention;
import dev.nabla.nn.functional.MhaOutput;
import dev.nabla.nn.functional.ProjectedLstm;
import dev.nabla.nn.functional.Recurrent;
import dev.nabla.nn.functional.RnnMode;
import dev.nabla.nn.functional.RnnOutput;
import dev.nabla.nn.functional.RnnWeights;
import dev.nabla.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Adapters for recurrent layers (inputs named as PyTorch's parameters, plus input, h0, c0; outputs
 * output, h_n, c_n) and multi-head attention (outputs output, attn_weights).
 */
final class SequenceOpAdapters implements AdapterFamily {
    @Override
    public void register(OpRegistry r) {
        r.register("rnn_tanh", (in, kw) -> rnn(RnnMode.RNN_TANH, in, kw));
        r.register("rnn_relu", (in, kw) -> rnn(RnnMode.RNN_RELU, in, kw));
        r.register("lstm", (in, kw) -> rnn(RnnMode.LSTM, in, kw));
        r.register("gru", (in, kw) -> rnn(RnnMode.GRU, in, kw));
        r.register("multi_head_attention", SequenceOpAdapters::mha);
    }

    private static Map<String, Tensor> rnn(RnnMode mode, Map<String, Tensor> in, Kwargs kw) {
        if (mode == RnnMode.RNN_TANH && "relu".equals(kw.getString("nonlinearity", "tanh"))) {
            mode = RnnMode.RNN_RELU;
        }
        if (kw.getInt("proj_size", 0) != 0) {
            if (mode != RnnMode.LSTM) {
                throw new IllegalArgumentException(mode.opName() + ": proj_size is only supported by the LSTM, got "
                        + kw.getInt("proj_size", 0));
            }
            RnnOutput o = ProjectedLstm.run(in.get("input"), in.get("h0"), in.get("c0"), in,
                    kw.getInt("num_layers", 1), kw.getBool("bidirectional", false), kw.getBool("batch_first", false),
                    kw.getDouble("dropout", 0), false, null);
            Map<String, Tensor> out = new LinkedHashMap<>();
            out.put("output", o.output());
            out.put("h_n", o.hN());
            out.put("c_n", o.cN());
            return out;
        }
        RnnWeights w = RnnWeights.fromNamed(mode, in, kw.getInt("num_layers", 1), kw.getBool("bidirectional", false));
        RnnOutput o = Recurrent.rnn(mode, in.get("input"), in.get("h0"), in.get("c0"), w,
                kw.getBool("batch_first", false), kw.getDouble("dropout", 0), false, null);
        Map<String, Tensor> out = new LinkedHashMap<>();
        out.put("output", o.output());
        out.put("h_n", o.hN());
        if (o.cN() != null) {
            out.put("c_n", o.cN());
        }
        return out;
    }

    private static Map<String, Tensor> mha(Map<String, Tensor> in, Kwargs kw) {
        // The functional form is sequence-first, as torch's; nn.MultiheadAttention(batch_first=True) transposes.
        boolean bf = kw.getBool("batch_first", false) && in.get("query").dim() == 3;
        Tensor q = bf ? in.get("query").transpose(0, 1) : in.get("query");
        Tensor k = bf ? in.get("key").transpose(0, 1) : in.get("key");
        Tensor v = bf ? in.get("value").transpose(0, 1) : in.get("value");
        boolean separate = !in.containsKey("in_proj_weight");
        MhaOutput o = Attention.multiHeadAttentionForward(q, k, v, kw.getInt("num_heads", 1), in.get("in_proj_weight"),
                in.get("in_proj_bias"), in.get("bias_k"), in.get("bias_v"), kw.getBool("add_zero_attn", false),
                kw.getDouble("dropout", 0), in.get("out_proj.weight"), in.get("out_proj.bias"), false,
                in.get("key_padding_mask"), kw.getBool("need_weights", true), in.get("attn_mask"), separate,
                in.get("q_proj_weight"), in.get("k_proj_weight"), in.get("v_proj_weight"),
                kw.getBool("average_attn_weights", true), kw.getBool("is_causal", false), null);
        if (bf) {
            o = new MhaOutput(o.output().transpose(0, 1), o.attnWeights());
        }
        Map<String, Tensor> out = new LinkedHashMap<>();
        out.put("output", o.output());
        if (o.attnWeights() != null) {
            out.put("attn_weights", o.attnWeights());
        }
        return out;
    }
}
