package dev.nabla.nn;

import dev.nabla.nn.functional.RnnMode;
import dev.nabla.nn.functional.RnnOutput;
import dev.nabla.tensor.Tensor;

/**
 * A multi-layer Elman RNN, h_t = tanh(W_ih x_t + b_ih + W_hh h_(t-1) + b_hh) (or relu), as
 * {@code torch.nn.RNN}. See {@link RNNBase} for shapes and parameter names.
 *
 * <pre>{@code
 * RNN rnn = new RNN(new RNNBase.Options(10, 20).numLayers(2).bidirectional(true));
 * RnnOutput r = rnn.forward(x, null);     // r.output() (T, B, 40), r.hN() (4, B, 20)
 * }</pre>
 */
public final class RNN extends RNNBase {
    public final String nonlinearity;

    public RNN(int inputSize, int hiddenSize) {
        this(new Options(inputSize, hiddenSize));
    }

    public RNN(Options options) {
        super(modeOf(options.nonlinearity), options);
        this.nonlinearity = options.nonlinearity;
    }

    private static RnnMode modeOf(String nonlinearity) {
        return switch (nonlinearity) {
            case "tanh" -> RnnMode.RNN_TANH;
            case "relu" -> RnnMode.RNN_RELU;
            default -> throw new IllegalArgumentException("RNN: unknown nonlinearity '" + nonlinearity
                    + "' (expected 'tanh' or 'relu')");
        };
    }

    /** Output and final hidden state; h0 (L * D, B, H) or null for zeros. */
    public RnnOutput forward(Tensor input, Tensor h0) {
        return run(input, h0, null);
    }
}
