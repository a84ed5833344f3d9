package dev.nabla.nn.functional;

import dev.nabla.tensor.Tensor;
import java.util.Arrays;

/**
 * Single time steps of the recurrent cells, as {@code nn.RNNCell}, {@code nn.LSTMCell} and
 * {@code nn.GRUCell}: input (B, In) or (In) unbatched, states (B, H) or (H), PyTorch's gate
 * order. Each step is one input-projection GEMM plus one fused op ({@link RnnSequenceOp} with T = 1).
 *
 * <pre>{@code
 * RnnCells.LstmState s = RnnCells.lstmCell(x, h, c, wIh, wHh, bIh, bHh);
 * }</pre>
 */
public final class RnnCells {
    private RnnCells() {
    }

    /** The (h, c) pair an LSTM cell returns. */
    public record LstmState(Tensor h, Tensor c) {
    }

    /** h' = tanh or relu (W_ih x + b_ih + W_hh h + b_hh); nonlinearity "tanh" (default) or "relu". */
    public static Tensor rnnCell(Tensor input, Tensor hx, Tensor wIh, Tensor wHh, Tensor bIh, Tensor bHh,
                                 String nonlinearity) {
        RnnMode mode = switch (nonlinearity) {
            case "tanh" -> RnnMode.RNN_TANH;
            case "relu" -> RnnMode.RNN_RELU;
            default -> throw new IllegalArgumentException("rnn_cell: unknown nonlinearity '" + nonlinearity
                    + "' (expected 'tanh' or 'relu')");
        };
        return step(mode, "rnn_cell", input, hx, null, wIh, wHh, bIh, bHh).h;
    }

    /** One LSTM step; hx and cx null mean zeros. */
    public static LstmState lstmCell(Tensor input, Tensor hx, Tensor cx, Tensor wIh, Tensor wHh, Tensor bIh,
                                     Tensor bHh) {
        return step(RnnMode.LSTM, "lstm_cell", input, hx, cx, wIh, wHh, bIh, bHh);
    }

    /** One GRU step; hx null means zeros. */
    public static Tensor gruCell(Tensor input, Tensor hx, Tensor wIh, Tensor wHh, Tensor bIh, Tensor bHh) {
        return step(RnnMode.GRU, "gru_cell", input, hx, null, wIh, wHh, bIh, bHh).h;
    }

    private static LstmState step(RnnMode mode, String op, Tensor input, Tensor hx, Tensor cx, Tensor wIh, Tensor wHh,
                                  Tensor bIh, Tensor bHh) {
        if (input.dim() != 1 && input.dim() != 2) {
            throw new IllegalArgumentException(op + ": expected input to be 1-D or 2-D, got " + input.dim()
                    + "-D input " + Arrays.toString(input.shape()));
        }
        if (wHh.dim() != 2 || wIh.dim() != 2) {
            throw new IllegalArgumentException(op + ": weights must be 2-D, got weight_ih "
                    + Arrays.toString(wIh.shape()) + " and weight_hh " + Arrays.toString(wHh.shape()));
        }
        boolean batched = input.dim() == 2;
        Tensor x = batched ? input : input.unsqueeze(0);
        int batch = x.size(0);
        int hidden = wHh.size(1);
        int gh = mode.gates() * hidden;
        if (wIh.size(0) != gh || wHh.size(0) != gh || wIh.size(1) != x.size(1)) {
            throw new IllegalArgumentException(op + ": expected weight_ih [" + gh + ", " + x.size(1) + "] and weight_hh ["
                    + gh + ", " + hidden + "], got " + Arrays.toString(wIh.shape()) + " and "
                    + Arrays.toString(wHh.shape()) + " (input " + Arrays.toString(input.shape()) + ")");
        }
        Tensor h = state(op, "hx", hx, batched, batch, hidden);
        Tensor c = mode == RnnMode.LSTM ? state(op, "cx", cx, batched, batch, hidden) : null;
        Tensor xp = LinearOps.linear(x, wIh, bIh).unsqueeze(0);
        Tensor y = RnnSequenceOp.run(mode, xp, h, c, wHh, bHh, false);
        Tensor hOut = y.select(0, 0);
        Tensor cOut = mode == RnnMode.LSTM ? y.select(0, 1) : null;
        if (!batched) {
            hOut = hOut.squeeze(0);
            cOut = cOut == null ? null : cOut.squeeze(0);
        }
        return new LstmState(hOut, cOut);
    }

    private static Tensor state(String op, String name, Tensor s, boolean batched, int batch, int hidden) {
        if (s == null) {
            return Tensor.zeros(batch, hidden);
        }
        int[] expected = batched ? new int[] {batch, hidden} : new int[] {hidden};
        if (!Arrays.equals(s.shape(), expected)) {
            throw new IllegalArgumentException(op + ": expected " + name + " of shape " + Arrays.toString(expected)
                    + ", got " + Arrays.toString(s.shape()));
        }
        return batched ? s : s.unsqueeze(0);
    }
}
