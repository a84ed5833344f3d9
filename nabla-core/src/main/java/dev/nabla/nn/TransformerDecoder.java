package dev.nabla.nn;

import dev.nabla.tensor.Tensor;

/**
 * A stack of {@code numLayers} copies of a decoder layer (identical initial weights, as PyTorch's
 * deepcopy), with an optional final norm, as {@code torch.nn.TransformerDecoder}. Keys:
 * {@code layers.0.self_attn.in_proj_weight}, ..., {@code norm.weight}.
 */
public final class TransformerDecoder extends TransformerStack<TransformerDecoderLayer> {
    public TransformerDecoder(TransformerDecoderLayer decoderLayer, int numLayers, LayerNorm norm) {
        super(decoderLayer, numLayers, norm);
    }

    /** tgt (T, N, E) and memory (S, N, E); masks as {@link TransformerDecoderLayer}, null for none. */
    public Tensor forward(Tensor tgt, Tensor memory, Tensor tgtMask, Tensor memoryMask, Tensor tgtKeyPaddingMask,
            Tensor memoryKeyPaddingMask, boolean tgtIsCausal) {
        Tensor x = tgt;
        for (int i = 0; i < numLayers; i++) {
            x = layer(i).forward(x, memory, tgtMask, memoryMask, tgtKeyPaddingMask, memoryKeyPaddingMask, tgtIsCausal);
        }
        return finalNorm(x);
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
