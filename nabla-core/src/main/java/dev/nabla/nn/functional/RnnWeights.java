package dev.nabla.nn.functional;

import dev.nabla.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parameters of a (multi-layer, possibly bidirectional) recurrent layer, addressed by layer
 * and direction, named as PyTorch names them: {@code weight_ih_l{k}}, {@code weight_hh_l{k}},
 * {@code bias_ih_l{k}}, {@code bias_hh_l{k}}, with suffix {@code _reverse} for the backward
 * direction. weight_ih is (gates * hidden, input) and weight_hh is (gates * hidden, hidden).
 *
 * <pre>{@code
 * RnnWeights w = RnnWeights.fromNamed(RnnMode.LSTM, lstm.namedParameters(), 2, true);
 * }</pre>
 */
public final class RnnWeights {
    private final RnnMode mode;
    private final int numLayers;
    private final boolean bidirectional;
    private final int hiddenSize;
    private final int inputSize;
    /** [layer * directions + direction] = {w_ih, w_hh, b_ih or null, b_hh or null}. */
    private final List<Tensor[]> params;

    private RnnWeights(RnnMode mode, int numLayers, boolean bidirectional, List<Tensor[]> params) {
        this.mode = mode;
        this.numLayers = numLayers;
        this.bidirectional = bidirectional;
        this.params = params;
        Tensor whh0 = params.get(0)[1];
        this.hiddenSize = whh0.dim() == 2 ? whh0.size(1) : -1;
        this.inputSize = params.get(0)[0].dim() == 2 ? params.get(0)[0].size(1) : -1;
        validate();
    }

    /** The PyTorch name of one parameter, e.g. {@code weight_hh_l1_reverse}; kind is 0..3 (w_ih, w_hh, b_ih, b_hh). */
    public static String name(int kind, int layer, boolean reverse) {
        String base = switch (kind) {
            case 0 -> "weight_ih_l";
            case 1 -> "weight_hh_l";
            case 2 -> "bias_ih_l";
            case 3 -> "bias_hh_l";
            default -> throw new IllegalArgumentException("parameter kind must be 0..3, got " + kind);
        };
        return base + layer + (reverse ? "_reverse" : "");
    }

    /**
     * Looks the parameters up by their PyTorch names; biases may be absent (bias=False) but must be
     * absent everywhere or nowhere.
     */
    public static RnnWeights fromNamed(RnnMode mode, Map<String, Tensor> named, int numLayers, boolean bidirectional) {
        if (numLayers < 1) {
            throw new IllegalArgumentException(mode.opName() + ": num_layers must be at least 1, got " + numLayers);
        }
        List<Tensor[]> params = new ArrayList<>();
        int dirs = bidirectional ? 2 : 1;
        for (int layer = 0; layer < numLayers; layer++) {
            for (int d = 0; d < dirs; d++) {
                Tensor[] p = new Tensor[4];
                for (int kind = 0; kind < 4; kind++) {
                    String n = name(kind, layer, d == 1);
                    p[kind] = named.get(n);
                    if (p[kind] == null && kind < 2) {
                        throw new IllegalArgumentException(mode.opName() + ": missing parameter '" + n + "' (have "
                                + named.keySet() + ")");
                    }
                }
                params.add(p);
            }
        }
        return new RnnWeights(mode, numLayers, bidirectional, params);
    }

    /** From {w_ih, w_hh, b_ih, b_hh} per layer and direction (layer-major, forward before reverse). */
    public static RnnWeights of(RnnMode mode, int numLayers, boolean bidirectional, List<Tensor[]> params) {
        int dirs = bidirectional ? 2 : 1;
        if (params.size() != numLayers * dirs) {
            throw new IllegalArgumentException(mode.opName() + ": expected " + numLayers * dirs
                    + " parameter groups (num_layers * directions), got " + params.size());
        }
        List<Tensor[]> copy = new ArrayList<>();
        for (Tensor[] p : params) {
            if (p.length != 4 && p.length != 2) {
                throw new IllegalArgumentException(mode.opName() + ": each parameter group is {w_ih, w_hh, b_ih, b_hh}"
                        + " or {w_ih, w_hh}, got " + p.length + " tensors");
            }
            copy.add(Arrays.copyOf(p, 4));
        }
        return new RnnWeights(mode, numLayers, bidirectional, copy);
    }

    private void validate() {
        String op = mode.opName();
        int gh = mode.gates() * hiddenSize;
        boolean hasBias = params.get(0)[2] != null;
        int dirs = directions();
        for (int layer = 0; layer < numLayers; layer++) {
            for (int d = 0; d < dirs; d++) {
                Tensor[] p = params.get(layer * dirs + d);
                int in = layer == 0 ? inputSize : hiddenSize * dirs;
                check(op, name(0, layer, d == 1), p[0], gh, in);
                check(op, name(1, layer, d == 1), p[1], gh, hiddenSize);
                if ((p[2] != null) != hasBias || (p[3] != null) != hasBias) {
                    throw new IllegalArgumentException(op + ": biases must be given for every layer and direction or"
                            + " for none (layer " + layer + (d == 1 ? " reverse" : "") + ")");
                }
                if (hasBias) {
                    check(op, name(2, layer, d == 1), p[2], gh, -1);
                    check(op, name(3, layer, d == 1), p[3], gh, -1);
                }
            }
        }
    }

    private static void check(String op, String name, Tensor t, int rows, int cols) {
        int[] expected = cols < 0 ? new int[] {rows} : new int[] {rows, cols};
        if (!Arrays.equals(t.shape(), expected)) {
            throw new IllegalArgumentException(op + ": " + name + " must have shape " + Arrays.toString(expected)
                    + ", got " + Arrays.toString(t.shape()));
        }
    }

    public RnnMode mode() {
        return mode;
    }

    public int numLayers() {
        return numLayers;
    }

    public boolean bidirectional() {
        return bidirectional;
    }

    public int directions() {
        return bidirectional ? 2 : 1;
    }

    public int hiddenSize() {
        return hiddenSize;
    }

    public int inputSize() {
        return inputSize;
    }

    public boolean hasBias() {
        return params.get(0)[2] != null;
    }

    /** weight_ih of a layer and direction (0 forward, 1 reverse). */
    public Tensor weightIh(int layer, int direction) {
        return params.get(layer * directions() + direction)[0];
    }

    public Tensor weightHh(int layer, int direction) {
        return params.get(layer * directions() + direction)[1];
    }

    /** bias_ih, or null without biases. */
    public Tensor biasIh(int layer, int direction) {
        return params.get(layer * directions() + direction)[2];
    }

    public Tensor biasHh(int layer, int direction) {
        return params.get(layer * directions() + direction)[3];
    }

    /** All parameters by PyTorch name, in PyTorch's order. */
    public Map<String, Tensor> named() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (int layer = 0; layer < numLayers; layer++) {
            for (int d = 0; d < directions(); d++) {
                Tensor[] p = params.get(layer * directions() + d);
                for (int kind = 0; kind < 4; kind++) {
                    if (p[kind] != null) {
                        out.put(name(kind, layer, d == 1), p[kind]);
                    }
                }
            }
        }
        return out;
    }
}
