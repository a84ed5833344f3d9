package dev.nabla.nn;

import dev.nabla.tensor.Tensor;

/**
 * {@code numLayers} copies of one Transformer block (identical initial weights, as PyTorch's
 * deepcopy) and an optional final norm: what {@link TransformerEncoder} and
 * {@link TransformerDecoder} share. Submodules {@code layers} then {@code norm}, as PyTorch.
 */
public abstract class TransformerStack<L extends TransformerLayer> extends Module {
    public final ModuleList layers;
    public final int numLayers;
    /** Null for none. */
    public final LayerNorm norm;

    TransformerStack(L layer, int numLayers, LayerNorm norm) {
        if (numLayers <= 0) {
            throw new IllegalArgumentException(typeName() + ": num_layers must be positive, got " + numLayers);
        }
        this.numLayers = numLayers;
        this.layers = registerModule("layers", new ModuleList());
        for (int i = 0; i < numLayers; i++) {
            layers.add(layer.copy());
        }
        this.norm = registerModule("norm", norm);
    }

    /** Block {@code i} (all are of the type given to the constructor). */
    @SuppressWarnings("unchecked")
    public L layer(int i) {
        return (L) layers.get(i);
    }

    /** The final norm applied to the last block's output, when there is one. */
    protected final Tensor finalNorm(Tensor x) {
        return norm == null ? x : norm.call(x);
    }
}
