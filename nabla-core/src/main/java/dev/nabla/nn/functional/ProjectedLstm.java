package dev.nabla.nn.functional;

import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;
import java.util.Arrays;
import java.util.Map;

/**
 * LSTM with projections, as {@code torch.nn.LSTM(proj_size=P)}: the hidden state is projected,
 * h_t = W_hr (o_t * tanh(c_t)), so h is (P) while the cell state c stays (H). Parameters by PyTorch's
 * names: weight_ih_l{k} (4H, In or P * dirs), weight_hh_l{k} (4H, P), weight_hr_l{k} (P, H), optional
 * bias_ih_l{k} / bias_hh_l{k} (4H), with suffix _reverse for the backward direction. Gate order
 * input, forget, cell, output. Built from autograd-recorded tensor ops step by step (the fused
 * {@link RnnSequenceOp} assumes h and c have one size).
 *
 * <pre>{@code
 * RnnOutput r = ProjectedLstm.run(x, h0, c0, named, 2, true, true, 0.0, false, null);  // output (B, T, 2P)
 * }</pre>
 */
public final class ProjectedLstm {
    private ProjectedLstm() {
    }

    /**
     * @param input (T, B, In), (B, T, In) when batchFirst, or (T, In) unbatched
     * @param h0    (L*D, B, P) or (L*D, P); null means zeros
     * @param c0    (L*D, B, H) or (L*D, H); null means zeros
     */
    public static RnnOutput run(Tensor input, Tensor h0, Tensor c0, Map<String, Tensor> named, int numLayers,
                                boolean bidirectional, boolean batchFirst, double dropout, boolean training,
                                Generator g) {
        String op = "lstm";
        if (numLayers < 1) {
            throw new IllegalArgumentException(op + ": num_layers must be at least 1, got " + numLayers);
        }
        if (input.dim() != 2 && input.dim() != 3) {
            throw new IllegalArgumentException(op + ": expected input to be 2-D (unbatched) or 3-D, got "
                    + input.dim() + "-D input " + Arrays.toString(input.shape()));
        }
        int dirs = bidirectional ? 2 : 1;
        Tensor whr0 = param(named, "weight_hr_l0", true);
        if (whr0.dim() != 2) {
            throw new IllegalArgumentException(op + ": weight_hr_l0 must be 2-D (proj_size, hidden_size), got "
                    + Arrays.toString(whr0.shape()));
        }
        int proj = whr0.size(0);
        int hidden = whr0.size(1);
        if (proj >= hidden) {
            throw new IllegalArgumentException(op + ": proj_size has to be smaller than hidden_size, got proj_size "
                    + proj + " and hidden_size " + hidden);
        }
        boolean batched = input.dim() == 3;
        Tensor x = batched ? (batchFirst ? input.transpose(0, 1) : input) : input.unsqueeze(1);   // (T, B, In)
        int steps = x.size(0);
        int batch = x.size(1);
        Tensor h = state(op, "hx", h0, batched, numLayers * dirs, batch, proj);
        Tensor c = state(op, "cx", c0, batched, numLayers * dirs, batch, hidden);
        Tensor[] hN = new Tensor[numLayers * dirs];
        Tensor[] cN = new Tensor[numLayers * dirs];
        Tensor layerIn = x;
        for (int layer = 0; layer < numLayers; layer++) {
            Tensor[] outs = new Tensor[dirs];
            for (int d = 0; d < dirs; d++) {
                String sfx = layer + (d == 1 ? "_reverse" : "");
                Tensor wIh = param(named, "weight_ih_l" + sfx, true);
                Tensor wHh = param(named, "weight_hh_l" + sfx, true);
                Tensor wHr = param(named, "weight_hr_l" + sfx, true);
                Tensor bIh = param(named, "bias_ih_l" + sfx, false);
                Tensor bHh = param(named, "bias_hh_l" + sfx, false);
                int in = layerIn.size(2);
                check(op, "weight_ih_l" + sfx, wIh, 4 * hidden, in);
                check(op, "weight_hh_l" + sfx, wHh, 4 * hidden, proj);
                check(op, "weight_hr_l" + sfx, wHr, proj, hidden);
                int idx = layer * dirs + d;
                // All input projections at once: (T, B, 4H).
                Tensor xp = LinearOps.linear(layerIn, wIh, bIh);
                Tensor ht = h.select(0, idx);   // (B, P)
                Tensor ct = c.select(0, idx);   // (B, H)
                Tensor[] ys = new Tensor[steps];
                for (int s = 0; s < steps; s++) {
                    int t = d == 1 ? steps - 1 - s : s;
                    Tensor gates = xp.select(0, t).add(LinearOps.linear(ht, wHh, bHh));
                    Tensor[] q = gates.chunk(4, 1);
                    ct = q[1].sigmoid().mul(ct).add(q[0].sigmoid().mul(q[2].tanh()));
                    ht = q[3].sigmoid().mul(ct.tanh()).matmul(wHr.t());
                    ys[t] = ht;
                }
                outs[d] = Tensor.stack(ys, 0);   // (T, B, P)
                hN[idx] = ht;
                cN[idx] = ct;
            }
            layerIn = dirs == 1 ? outs[0] : Tensor.cat(outs, 2);
            if (layer < numLayers - 1 && training && dropout > 0) {
                layerIn = Activations.dropout(layerIn, dropout, true, g == null ? Generator.defaultGenerator() : g);
            }
        }
        Tensor hOut = Tensor.stack(hN, 0);
        Tensor cOut = Tensor.stack(cN, 0);
        if (!batched) {
            return new RnnOutput(layerIn.squeeze(1), hOut.squeeze(1), cOut.squeeze(1));
        }
        return new RnnOutput(batchFirst ? layerIn.transpose(0, 1) : layerIn, hOut, cOut);
    }

    private static Tensor param(Map<String, Tensor> named, String name, boolean required) {
        Tensor t = named.get(name);
        if (t == null && required) {
            throw new IllegalArgumentException("lstm: missing parameter '" + name + "' (have " + named.keySet() + ")");
        }
        return t;
    }

    private static void check(String op, String name, Tensor w, int rows, int cols) {
        if (w.dim() != 2 || w.size(0) != rows || w.size(1) != cols) {
            throw new IllegalArgumentException(op + ": expected " + name + " of shape [" + rows + ", " + cols
                    + "], got " + Arrays.toString(w.shape()));
        }
    }

    private static Tensor state(String op, String name, Tensor s, boolean batched, int ld, int batch, int size) {
        int[] expected = batched ? new int[] {ld, batch, size} : new int[] {ld, size};
        if (s == null) {
            return Tensor.zeros(ld, batch, size);
        }
        if (!Arrays.equals(s.shape(), expected)) {
            throw new IllegalArgumentException(op + ": expected " + name + " of shape " + Arrays.toString(expected)
                    + ", got " + Arrays.toString(s.shape()));
        }
        return batched ? s : s.unsqueeze(1);
    }
}
