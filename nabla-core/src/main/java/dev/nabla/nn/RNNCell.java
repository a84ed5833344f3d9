package dev.nabla.nn;

import dev.nabla.nn.functional.RnnCells;
import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;

/** One Elman RNN step, h' = tanh(W_ih x + b_ih + W_hh h + b_hh) (or relu), as {@code torch.nn.RNNCell}. */
public final class RNNCell extends RNNCellBase {
    public final String nonlinearity;

    public RNNCell(int inputSize, int hiddenSize) {
        this(inputSize, hiddenSize, true, "tanh", Generator.defaultGenerator());
    }

    public RNNCell(int inputSize, int hiddenSize, boolean bias, String nonlinearity, Generator g) {
        super(inputSize, hiddenSize, bias, 1, g);
        if (!nonlinearity.equals("tanh") && !nonlinearity.equals("relu")) {
            throw new IllegalArgumentException("RNNCell: unknown nonlinearity '" + nonlinearity
                    + "' (expected 'tanh' or 'relu')");
        }
        this.nonlinearity = nonlinearity;
    }

    /** input (B, input) or (input); hx (B, hidden) or null for zeros. */
    public Tensor forward(Tensor input, Tensor hx) {
        return RnnCells.rnnCell(input, hx, weightIh, weightHh, biasIh, biasHh, nonlinearity);
    }

    @Override
    public Tensor forward(Tensor input) {
        return forward(input, null);
    }

    @Override
    protected String extraRepr() {
        return super.extraRepr() + (nonlinearity.equals("tanh") ? "" : ", nonlinearity=" + nonlinearity);
    }
}
