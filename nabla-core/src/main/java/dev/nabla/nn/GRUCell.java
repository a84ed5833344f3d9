package dev.nabla.nn;

import dev.nabla.nn.functional.RnnCells;
import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;

/** One GRU step, as {@code torch.nn.GRUCell}. */
public final class GRUCell extends RNNCellBase {
    public GRUCell(int inputSize, int hiddenSize) {
        this(inputSize, hiddenSize, true, Generator.defaultGenerator());
    }

    public GRUCell(int inputSize, int hiddenSize, boolean bias, Generator g) {
        super(inputSize, hiddenSize, bias, 3, g);
    }

    /** input (B, input) or (input); hx (B, hidden) or null for zeros. */
    public Tensor forward(Tensor input, Tensor hx) {
        return RnnCells.gruCell(input, hx, weightIh, weightHh, biasIh, biasHh);
    }

    @Override
    public Tensor forward(Tensor input) {
        return forward(input, null);
    }
}
