package dev.nabla.nn;

import dev.nabla.nn.functional.Recurrent;
import dev.nabla.nn.functional.RnnMode;
import dev.nabla.nn.functional.RnnOutput;
import dev.nabla.nn.functional.RnnWeights;
import dev.nabla.nn.init.Init;
import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The common part of {@link RNN}, {@link LSTM} and {@link GRU}, as PyTorch's {@code RNNBase}.
 * Parameters per layer k and direction, named as PyTorch: {@code weight_ih_lk} (gates * hidden,
 * input), {@code weight_hh_lk} (gates * hidden, hidden), {@code bias_ih_lk}, {@code bias_hh_lk}, with
 * suffix {@code _reverse} for the backward direction; all drawn from U(-1/sqrt(hidden), 1/sqrt(hidden)).
 * Input (T, B, input) or (B, T, input) with batchFirst, or (T, input) unbatched; output
 * (T, B, D * hidden) likewise.
 */
public abstract class RNNBase extends Module {
    final RnnMode mode;
    public final int inputSize;
    public final int hiddenSize;
    public final int numLayers;
    public final boolean bias;
    public final boolean batchFirst;
    public final double dropout;
    public final boolean bidirectional;
    private final Generator generator;

    protected RNNBase(RnnMode mode, Options o) {
        String layer = typeName();
        if (o.inputSize <= 0 || o.hiddenSize <= 0 || o.numLayers <= 0) {
            throw new IllegalArgumentException(layer + ": input_size, hidden_size and num_layers must be positive, got "
                    + o.inputSize + ", " + o.hiddenSize + " and " + o.numLayers);
        }
        if (o.dropout < 0 || o.dropout > 1) {
            throw new IllegalArgumentException(layer + ": dropout should be a number in range [0, 1], got " + o.dropout);
        }
        this.mode = mode;
        this.inputSize = o.inputSize;
        this.hiddenSize = o.hiddenSize;
        this.numLayers = o.numLayers;
        this.bias = o.bias;
        this.batchFirst = o.batchFirst;
        this.dropout = o.dropout;
        this.bidirectional = o.bidirectional;
        this.generator = o.generator;
        int gateSize = mode.gates() * hiddenSize;
        int dirs = bidirectional ? 2 : 1;
        for (int layerIdx = 0; layerIdx < numLayers; layerIdx++) {
            int in = layerIdx == 0 ? inputSize : hiddenSize * dirs;
            for (int d = 0; d < dirs; d++) {
                registerParameter(RnnWeights.name(0, layerIdx, d == 1), Tensor.zeros(gateSize, in));
                registerParameter(RnnWeights.name(1, layerIdx, d == 1), Tensor.zeros(gateSize, hiddenSize));
                if (bias) {
                    registerParameter(RnnWeights.name(2, layerIdx, d == 1), Tensor.zeros(gateSize));
                    registerParameter(RnnWeights.name(3, layerIdx, d == 1), Tensor.zeros(gateSize));
                }
            }
        }
        resetParameters(o.generator);
    }

    /** Re-draws every parameter from U(-1/sqrt(hidden), 1/sqrt(hidden)). */
    public final void resetParameters(Generator g) {
        double k = 1 / Math.sqrt(hiddenSize);
        for (Tensor p : parameters()) {
            Init.uniform(p, -k, k, g);
        }
    }

    /** The parameter tensors as the functional op wants them. */
    final RnnWeights weights() {
        Map<String, Tensor> own = new LinkedHashMap<>();
        int dirs = bidirectional ? 2 : 1;
        for (int layerIdx = 0; layerIdx < numLayers; layerIdx++) {
            for (int d = 0; d < dirs; d++) {
                for (int kind = 0; kind < (bias ? 4 : 2); kind++) {
                    String n = RnnWeights.name(kind, layerIdx, d == 1);
                    own.put(n, getParameter(n));
                }
            }
        }
        return RnnWeights.fromNamed(mode, own, numLayers, bidirectional);
    }

    final RnnOutput run(Tensor input, Tensor h0, Tensor c0) {
        return Recurrent.rnn(mode, input, h0, c0, weights(), batchFirst, dropout, isTraining(), generator);
    }

    /** The output sequence only (initial states zero), so the layer fits in a {@link Sequential}. */
    @Override
    public Tensor forward(Tensor input) {
        return run(input, null, null).output();
    }

    @Override
    protected String extraRepr() {
        StringBuilder s = new StringBuilder().append(inputSize).append(", ").append(hiddenSize);
        if (numLayers != 1) {
            s.append(", num_layers=").append(numLayers);
        }
        if (!bias) {
            s.append(", bias=False");
        }
        if (batchFirst) {
            s.append(", batch_first=True");
        }
        if (dropout != 0) {
            s.append(", dropout=").append(py(dropout));
        }
        if (bidirectional) {
            s.append(", bidirectional=True");
        }
        return s.toString();
    }

    /** Constructor options, named as PyTorch's keyword arguments (defaults: 1 layer, bias, time-major, no dropout). */
    public static final class Options {
        final int inputSize;
        final int hiddenSize;
        int numLayers = 1;
        boolean bias = true;
        boolean batchFirst;
        double dropout;
        boolean bidirectional;
        String nonlinearity = "tanh";
        Generator generator = Generator.defaultGenerator();

        public Options(int inputSize, int hiddenSize) {
            this.inputSize = inputSize;
            this.hiddenSize = hiddenSize;
        }

        public Options numLayers(int n) {
            numLayers = n;
            return this;
        }

        public Options bias(boolean b) {
            bias = b;
            return this;
        }

        public Options batchFirst(boolean b) {
            batchFirst = b;
            return this;
        }

        /** Dropout on the outputs of every layer but the last, in training. */
        public Options dropout(double p) {
            dropout = p;
            return this;
        }

        public Options bidirectional(boolean b) {
            bidirectional = b;
            return this;
        }

        /** "tanh" (default) or "relu"; {@link RNN} only. */
        public Options nonlinearity(String n) {
            nonlinearity = n;
            return this;
        }

        /** The generator for the initial weights and the dropout masks. */
        public Options generator(Generator g) {
            generator = g;
            return this;
        }
    }
}
