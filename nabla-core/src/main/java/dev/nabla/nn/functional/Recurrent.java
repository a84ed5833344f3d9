package dev.nabla.nn.functional;

import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;
import java.util.Arrays;

/**
 * Multi-layer, optionally bidirectional Elman RNN, LSTM and GRU over whole sequences, as
 * {@code torch.nn.RNN / LSTM / GRU}. Per layer and direction the input projection of all time
 * steps is one GEMM; the recurrence is one fused op ({@link RnnSequenceOp}). Dropout (training
 * only) is applied to the outputs of every layer but the last.
 *
 * <pre>{@code
 * RnnOutput r = Recurrent.rnn(RnnMode.LSTM, x, null, null, weights, true, 0.0, true, gen);
 * Tensor last = r.hN().select(0, -1);   // (B, H)
 * }</pre>
 */
public final class Recurrent {
    private Recurrent() {
    }

    /**
     * Runs the recurrent layer.
     *
     * @param input      (T, B, In), or (B, T, In) when batchFirst, or (T, In) unbatched
     * @param h0         (L*D, B, H) or (L*D, H) unbatched; null means zeros
     * @param c0         the LSTM's initial cell state, same shape as h0; null means zeros (ignored otherwise)
     * @param weights    parameters by layer and direction
     * @param batchFirst input and output are (B, T, *)
     * @param dropout    probability applied between layers in training
     * @param g          generator for the dropout masks (may be null when no dropout applies)
     */
    public static RnnOutput rnn(RnnMode mode, Tensor input, Tensor h0, Tensor c0, RnnWeights weights,
                                boolean batchFirst, double dropout, boolean training, Generator g) {
        String op = mode.opName();
        if (weights.mode() != mode) {
            throw new IllegalArgumentException(op + ": weights were built for " + weights.mode().opName());
        }
        if (dropout < 0 || dropout > 1) {
            throw new IllegalArgumentException(op + ": dropout should be a number in range [0, 1], got " + dropout);
        }
        if (input.dim() != 2 && input.dim() != 3) {
            throw new IllegalArgumentException(op + ": expected input to be 2-D (unbatched) or 3-D, got "
                    + input.dim() + "-D input " + Arrays.toString(input.shape()));
        }
        boolean batched = input.dim() == 3;
        int layers = weights.numLayers();
        int dirs = weights.directions();
        int hidden = weights.hiddenSize();
        // Time-major (T, B, In).
        Tensor x = batched ? (batchFirst ? input.transpose(0, 1) : input) : input.unsqueeze(1);
        int steps = x.size(0);
        int batch = x.size(1);
        if (x.size(2) != weights.inputSize()) {
            throw new IllegalArgumentException(op + ": input.size(-1) must be equal to input_size. Expected "
                    + weights.inputSize() + ", got " + x.size(2) + " (input " + Arrays.toString(input.shape()) + ")");
        }
        if (steps == 0) {
            throw new IllegalArgumentException(op + ": the sequence length must be at least 1 (input "
                    + Arrays.toString(input.shape()) + ")");
        }
        Tensor h = initialState(op, "hx", h0, batched, layers * dirs, batch, hidden);
        Tensor c = mode == RnnMode.LSTM ? initialState(op, "cx", c0, batched, layers * dirs, batch, hidden) : null;

        Tensor[] hN = new Tensor[layers * dirs];
        Tensor[] cN = mode == RnnMode.LSTM ? new Tensor[layers * dirs] : null;
        Tensor layerIn = x;
        for (int layer = 0; layer < layers; layer++) {
            Tensor flat = layerIn.contiguous().reshape(steps * batch, layerIn.size(2));
            Tensor[] outs = new Tensor[dirs];
            for (int d = 0; d < dirs; d++) {
                int idx = layer * dirs + d;
                Tensor xp = LinearOps.linear(flat, weights.weightIh(layer, d), weights.biasIh(layer, d))
                        .reshape(steps, batch, mode.gates() * hidden);
                Tensor y = RnnSequenceOp.run(mode, xp, h.select(0, idx), c == null ? null : c.select(0, idx),
                        weights.weightHh(layer, d), weights.biasHh(layer, d), d == 1);
                outs[d] = mode == RnnMode.LSTM ? y.narrow(0, 0, steps) : y;
                hN[idx] = y.select(0, d == 1 ? 0 : steps - 1);
                if (cN != null) {
                    cN[idx] = y.select(0, steps);
                }
            }
            layerIn = dirs == 1 ? outs[0] : Tensor.cat(outs, 2);
            if (layer < layers - 1 && training && dropout > 0) {
                layerIn = Activations.dropout(layerIn, dropout, true, g == null ? Generator.defaultGenerator() : g);
            }
        }
        Tensor output = layerIn;
        Tensor hOut = Tensor.stack(hN, 0);
        Tensor cOut = cN == null ? null : Tensor.stack(cN, 0);
        if (!batched) {
            return new RnnOutput(output.squeeze(1), hOut.squeeze(1), cOut == null ? null : cOut.squeeze(1));
        }
        return new RnnOutput(batchFirst ? output.transpose(0, 1) : output, hOut, cOut);
    }

    /** The given state as (L*D, B, H) (checked), or zeros. */
    private static Tensor initialState(String op, String name, Tensor s, boolean batched, int ld, int batch, int hidden) {
        int[] expected = batched ? new int[] {ld, batch, hidden} : new int[] {ld, hidden};
        if (s == null) {
            return Tensor.zeros(ld, batch, hidden);
        }
        if (!Arrays.equals(s.shape(), expected)) {
            throw new IllegalArgumentException(op + ": expected " + name + " of shape " + Arrays.toString(expected)
                    + ", got " + Arrays.toString(s.shape()));
        }
        return batched ? s : s.unsqueeze(1);
    }
}
