package dev.nabla.nn;

import dev.nabla.tensor.Tensor;

/**
 * A stack of {@code numLayers} copies of an encoder layer, with an optional final norm, as
 * {@code torch.nn.TransformerEncoder}. As in PyTorch the copies start with identical weights (the
 * given layer is deep-copied). State-dict keys: {@code layers.0.self_attn.in_proj_weight}, ...,
 * {@code norm.weight}.
 */
public final class TransformerEncoder extends TransformerStack<TransformerEncoderLayer> {
    public TransformerEncoder(TransformerEncoderLayer encoderLayer, int numLayers, LayerNorm norm) {
        super(encoderLayer, numLayers, norm);
    }

    /** src (S, N, E); mask and srcKeyPaddingMask as {@link MultiheadAttention} (null for none). */
    public Tensor forward(Tensor src, Tensor mask, Tensor srcKeyPaddingMask, boolean isCausal) {
        Tensor x = src;
        for (int i = 0; i < numLayers; i++) {
            x = layer(i).forward(x, mask, srcKeyPaddingMask, isCausal);
        }
        return finalNorm(x);
    }

    @Override
    public Tensor forward(Tensor src) {
        return forward(src, null, null, false);
    }
}
