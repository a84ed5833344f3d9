package dev.nabla.conformance;

import dev.nabla.nn.functional.Attention;
import dev.nabla.nn.functional.MhaOutput;
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
        MhaOutput o = Attention.multiHeadAttention(in.get("query"), in.get("key"), in.get("value"),
                kw.getInt("num_heads", 1), in.get("in_proj_weight"), in.get("in_proj_bias"), in.get("out_proj.weight"),
                in.get("out_proj.bias"), in.get("key_padding_mask"), in.get("attn_mask"),
                kw.getBool("need_weights", true), kw.getBool("average_attn_weights", true),
                kw.getBool("batch_first", false), kw.getDouble("dropout", 0), false, null,
                kw.getBool("is_causal", false));
        Map<String, Tensor> out = new LinkedHashMap<>();
        out.put("output", o.output());
        if (o.attnWeights() != null) {
            out.put("attn_weights", o.attnWeights());
        }
        return out;
    }
}
