package dev.nabla.nn;

import dev.nabla.nn.functional.RnnMode;
import dev.nabla.nn.functional.RnnOutput;
import dev.nabla.tensor.Tensor;

/**
 * A multi-layer GRU (Cho et al., 2014), as {@code torch.nn.GRU}: gates r, z, n stacked in that order.
 * See {@link RNNBase} for shapes and parameter names.
 */
public final class GRU extends RNNBase {
    public GRU(int inputSize, int hiddenSize) {
        this(new Options(inputSize, hiddenSize));
    }

    public GRU(Options options) {
        super(RnnMode.GRU, options);
    }

    /** Output and final hidden state; h0 (L * D, B, H) or null for zeros. */
    public RnnOutput forward(Tensor input, Tensor h0) {
        return run(input, h0, null);
    }
}
