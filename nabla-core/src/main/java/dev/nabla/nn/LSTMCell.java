package dev.nabla.nn;

import dev.nabla.nn.functional.RnnCells;
import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;

/** One LSTM step, as {@code torch.nn.LSTMCell}: returns (h', c'). */
public final class LSTMCell extends RNNCellBase {
    public LSTMCell(int inputSize, int hiddenSize) {
        this(inputSize, hiddenSize, true, Generator.defaultGenerator());
    }

    public LSTMCell(int inputSize, int hiddenSize, boolean bias, Generator g) {
        super(inputSize, hiddenSize, bias, 4, g);
    }

    /** input (B, input) or (input); hx and cx (B, hidden) or null for zeros. */
    public RnnCells.LstmState forward(Tensor input, Tensor hx, Tensor cx) {
        return RnnCells.lstmCell(input, hx, cx, weightIh, weightHh, biasIh, biasHh);
    }

    /** The new hidden state h' from zero states. */
    @Override
    public Tensor forward(Tensor input) {
        return forward(input, null, null).h();
    }
}
