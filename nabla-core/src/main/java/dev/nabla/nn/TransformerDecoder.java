package dev.nabla.nn;

import dev.nabla.tensor.Tensor;

/**
 * A stack of {@code numLayers} copies of a decoder layer (identical initial weights, as PyTorch's
 * deepcopy), with an optional final norm, as {@code torch.nn.TransformerDecoder}. Keys:
 * {@code layers.0.self_attn.in_proj_weight}, ..., {@code norm.weight}.
 */
public final class TransformerDecoder extends Module {
    public final ModuleList layers;
    public final int numLayers;
    /** Null for none. */
    public final LayerNorm norm;

    public TransformerDecoder(TransformerDecoderLayer decoderLayer, int numLayers, LayerNorm norm) {
        if (numLayers <= 0) {
            throw new IllegalArgumentException("TransformerDecoder: num_layers must be positive, got " + numLayers);
        }
        this.numLayers = numLayers;
        this.layers = registerModule("layers", new ModuleList());
        for (int i = 0; i < numLayers; i++) {
            layers.add(decoderLayer.copy());
        }
        this.norm = registerModule("norm", norm);
    }

    public TransformerDecoderLayer layer(int i) {
        return (TransformerDecoderLayer) layers.get(i);
    }

    /** tgt (T, N, E) and memory (S, N, E); masks as {@link TransformerDecoderLayer}, null for none. */
    public Tensor forward(Tensor tgt, Tensor memory, Tensor tgtMask, Tensor memoryMask, Tensor tgtKeyPaddingMask,
            Tensor memoryKeyPaddingMask, boolean tgtIsCausal) {
        Tensor x = tgt;
        for (int i = 0; i < numLayers; i++) {
            x = layer(i).forward(x, memory, tgtMask, memoryMask, tgtKeyPaddingMask, memoryKeyPaddingMask, tgtIsCausal);
        }
        return norm == null ? x : norm.call(x);
    }

    /** Causal self-attention, full attention to memory. */
    public Tensor forwardCausal(Tensor tgt, Tensor memory) {
        return forward(tgt, memory, null, null, null, null, true);
    }

    /** A decoder needs the encoder's memory. */
    @Override
    public Tensor forward(Tensor tgt) {
        throw new UnsupportedOperationException("TransformerDecoder needs memory: forward(tgt, memory, ...)");
    }
}
