package dev.nabla.nn;

import dev.nabla.nn.functional.RnnMode;
import dev.nabla.nn.functional.RnnOutput;
import dev.nabla.tensor.Tensor;

/**
 * A multi-layer LSTM (Hochreiter and Schmidhuber, 1997), as {@code torch.nn.LSTM}: gates i, f, g, o
 * stacked in that order in the weights. See {@link RNNBase} for shapes and parameter names.
 *
 * <pre>{@code
 * LSTM lstm = new LSTM(new RNNBase.Options(10, 20).batchFirst(true));
 * RnnOutput r = lstm.forward(x, null, null);   // r.output(), r.hN(), r.cN()
 * }</pre>
 */
public final class LSTM extends RNNBase {
    public LSTM(int inputSize, int hiddenSize) {
        this(new Options(inputSize, hiddenSize));
    }

    public LSTM(Options options) {
        super(RnnMode.LSTM, options);
    }

    /** Output and final (h, c); h0 and c0 (L * D, B, H) or null for zeros. */
    public RnnOutput forward(Tensor input, Tensor h0, Tensor c0) {
        return run(input, h0, c0);
    }
}
