package dev.nabla.nn;

import dev.nabla.nn.init.Init;
import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;

/**
 * The common part of {@link RNNCell}, {@link LSTMCell} and {@link GRUCell}: parameters
 * {@code weight_ih} (gates * hidden, input), {@code weight_hh} (gates * hidden, hidden),
 * {@code bias_ih} and {@code bias_hh}, drawn from U(-1/sqrt(hidden), 1/sqrt(hidden)).
 */
public abstract class RNNCellBase extends Module {
    public final int inputSize;
    public final int hiddenSize;
    public final boolean bias;
    public final Tensor weightIh;
    public final Tensor weightHh;
    /** Null without bias. */
    public final Tensor biasIh;
    public final Tensor biasHh;

    protected RNNCellBase(int inputSize, int hiddenSize, boolean bias, int gates, Generator g) {
        if (inputSize <= 0 || hiddenSize <= 0) {
            throw new IllegalArgumentException(typeName() + ": input_size and hidden_size must be positive, got "
                    + inputSize + " and " + hiddenSize);
        }
        this.inputSize = inputSize;
        this.hiddenSize = hiddenSize;
        this.bias = bias;
        this.weightIh = registerParameter("weight_ih", Tensor.zeros(gates * hiddenSize, inputSize));
        this.weightHh = registerParameter("weight_hh", Tensor.zeros(gates * hiddenSize, hiddenSize));
        this.biasIh = registerParameter("bias_ih", bias ? Tensor.zeros(gates * hiddenSize) : null);
        this.biasHh = registerParameter("bias_hh", bias ? Tensor.zeros(gates * hiddenSize) : null);
        double k = 1 / Math.sqrt(hiddenSize);
        for (Tensor p : parameters()) {
            Init.uniform(p, -k, k, g);
        }
    }

    @Override
    protected String extraRepr() {
        return inputSize + ", " + hiddenSize + (bias ? "" : ", bias=False");
    }
}
