package dev.nabla.nn;

import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;

/**
 * One Transformer encoder block (Vaswani et al., 2017), as {@code torch.nn.TransformerEncoderLayer}:
 * self-attention and a feed-forward net (linear1, activation, dropout, linear2), each with a residual
 * connection and layer norm, applied after (default) or before ({@code normFirst}) each block.
 * Submodules, in PyTorch's order: self_attn, linear1, dropout, linear2, norm1, norm2, dropout1,
 * dropout2. Input (S, N, E), or (N, S, E) with batchFirst.
 *
 * <pre>{@code
 * TransformerEncoderLayer layer = new TransformerEncoderLayer(512, 8);
 * TransformerEncoder encoder = new TransformerEncoder(layer, 6, null);
 * }</pre>
 */
public final class TransformerEncoderLayer extends TransformerLayer {
    public final MultiheadAttention selfAttn;
    public final Linear linear1;
    public final Dropout dropout;
    public final Linear linear2;
    public final LayerNorm norm1;
    public final LayerNorm norm2;
    public final Dropout dropout1;
    public final Dropout dropout2;

    /** Defaults as PyTorch: dim_feedforward 2048, dropout 0.1, relu, eps 1e-5, time-major, post-norm, bias. */
    public TransformerEncoderLayer(int dModel, int nhead) {
        this(dModel, nhead, 2048, 0.1, "relu", 1e-5, false, false, true, Generator.defaultGenerator());
    }

    /** activation is "relu" or "gelu". */
    public TransformerEncoderLayer(int dModel, int nhead, int dimFeedforward, double dropout, String activation,
            double layerNormEps, boolean batchFirst, boolean normFirst, boolean bias, Generator g) {
        super(dModel, nhead, dimFeedforward, dropout, activation, layerNormEps, batchFirst, normFirst, bias, g);
        this.selfAttn = registerModule("self_attn", new MultiheadAttention(dModel, nhead, dropout, bias, batchFirst, g));
        this.linear1 = registerModule("linear1", new Linear(dModel, dimFeedforward, bias, g));
        this.dropout = registerModule("dropout", new Dropout(dropout, g));
        this.linear2 = registerModule("linear2", new Linear(dimFeedforward, dModel, bias, g));
        this.norm1 = registerModule("norm1", new LayerNorm(new int[] {dModel}, layerNormEps, true, bias));
        this.norm2 = registerModule("norm2", new LayerNorm(new int[] {dModel}, layerNormEps, true, bias));
        this.dropout1 = registerModule("dropout1", new Dropout(dropout, g));
        this.dropout2 = registerModule("dropout2", new Dropout(dropout, g));
    }

    @Override
    public TransformerEncoderLayer copy() {
        return withStateOf(new TransformerEncoderLayer(dModel, nhead, dimFeedforward, dropoutP, activation,
                layerNormEps, batchFirst, normFirst, bias, generator));
    }

    /** src (S, N, E); masks as {@link MultiheadAttention} (null for none). */
    public Tensor forward(Tensor src, Tensor srcMask, Tensor srcKeyPaddingMask, boolean isCausal) {
        Tensor x = src;
        if (normFirst) {
            x = x.add(selfAttentionBlock(norm1.call(x), srcMask, srcKeyPaddingMask, isCausal));
            x = x.add(feedForwardBlock(norm2.call(x)));
        } else {
            x = norm1.call(x.add(selfAttentionBlock(x, srcMask, srcKeyPaddingMask, isCausal)));
            x = norm2.call(x.add(feedForwardBlock(x)));
        }
        return x;
    }

    @Override
    public Tensor forward(Tensor src) {
        return forward(src, null, null, false);
    }

    private Tensor selfAttentionBlock(Tensor x, Tensor mask, Tensor keyPaddingMask, boolean isCausal) {
        Tensor a = selfAttn.forward(x, x, x, keyPaddingMask, mask, false, true, isCausal).output();
        return dropout1.call(a);
    }

    private Tensor feedForwardBlock(Tensor x) {
        Tensor h = linear1.call(x);
        h = activate(h);
        return dropout2.call(linear2.call(dropout.call(h)));
    }
}
