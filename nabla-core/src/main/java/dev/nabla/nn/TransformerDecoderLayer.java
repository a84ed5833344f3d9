package dev.nabla.nn;

import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;

/**
 * One Transformer decoder block, as {@code torch.nn.TransformerDecoderLayer}: self-attention over the
 * target (usually causal), cross-attention over the encoder's memory, and a feed-forward net, each
 * with a residual connection and layer norm (after, or before with {@code normFirst}). Submodules in
 * PyTorch's order: self_attn, multihead_attn, linear1, dropout, linear2, norm1, norm2, norm3,
 * dropout1, dropout2, dropout3.
 */
public final class TransformerDecoderLayer extends TransformerLayer {
    public final MultiheadAttention selfAttn;
    public final MultiheadAttention multiheadAttn;
    public final Linear linear1;
    public final Dropout dropout;
    public final Linear linear2;
    public final LayerNorm norm1;
    public final LayerNorm norm2;
    public final LayerNorm norm3;
    public final Dropout dropout1;
    public final Dropout dropout2;
    public final Dropout dropout3;

    /** Defaults as PyTorch: dim_feedforward 2048, dropout 0.1, relu, eps 1e-5, time-major, post-norm, bias. */
    public TransformerDecoderLayer(int dModel, int nhead) {
        this(dModel, nhead, 2048, 0.1, "relu", 1e-5, false, false, true, Generator.defaultGenerator());
    }

    public TransformerDecoderLayer(int dModel, int nhead, int dimFeedforward, double dropout, String activation,
            double layerNormEps, boolean batchFirst, boolean normFirst, boolean bias, Generator g) {
        super(dModel, nhead, dimFeedforward, dropout, activation, layerNormEps, batchFirst, normFirst, bias, g);
        this.selfAttn = registerModule("self_attn", new MultiheadAttention(dModel, nhead, dropout, bias, batchFirst, g));
        this.multiheadAttn = registerModule("multihead_attn",
                new MultiheadAttention(dModel, nhead, dropout, bias, batchFirst, g));
        this.linear1 = registerModule("linear1", new Linear(dModel, dimFeedforward, bias, g));
        this.dropout = registerModule("dropout", new Dropout(dropout, g));
        this.linear2 = registerModule("linear2", new Linear(dimFeedforward, dModel, bias, g));
        this.norm1 = registerModule("norm1", new LayerNorm(new int[] {dModel}, layerNormEps, true, bias));
        this.norm2 = registerModule("norm2", new LayerNorm(new int[] {dModel}, layerNormEps, true, bias));
        this.norm3 = registerModule("norm3", new LayerNorm(new int[] {dModel}, layerNormEps, true, bias));
        this.dropout1 = registerModule("dropout1", new Dropout(dropout, g));
        this.dropout2 = registerModule("dropout2", new Dropout(dropout, g));
        this.dropout3 = registerModule("dropout3", new Dropout(dropout, g));
    }

    @Override
    public TransformerDecoderLayer copy() {
        return withStateOf(new TransformerDecoderLayer(dModel, nhead, dimFeedforward, dropoutP, activation,
                layerNormEps, batchFirst, normFirst, bias, generator));
    }

    /**
     * tgt (T, N, E) attending to itself (tgtMask / tgtIsCausal) and to memory (S, N, E); masks as
     * {@link MultiheadAttention}, null for none.
     */
    public Tensor forward(Tensor tgt, Tensor memory, Tensor tgtMask, Tensor memoryMask, Tensor tgtKeyPaddingMask,
            Tensor memoryKeyPaddingMask, boolean tgtIsCausal) {
        Tensor x = tgt;
        if (normFirst) {
            x = x.add(selfBlock(norm1.call(x), tgtMask, tgtKeyPaddingMask, tgtIsCausal));
            x = x.add(crossBlock(norm2.call(x), memory, memoryMask, memoryKeyPaddingMask));
            x = x.add(feedForwardBlock(norm3.call(x)));
        } else {
            x = norm1.call(x.add(selfBlock(x, tgtMask, tgtKeyPaddingMask, tgtIsCausal)));
            x = norm2.call(x.add(crossBlock(x, memory, memoryMask, memoryKeyPaddingMask)));
            x = norm3.call(x.add(feedForwardBlock(x)));
        }
        return x;
    }

    /** Decoding as in training a language model: causal self-attention, full attention to memory. */
    public Tensor forwardCausal(Tensor tgt, Tensor memory) {
        return forward(tgt, memory, null, null, null, null, true);
    }

    /** A decoder layer needs the encoder's memory: use {@link #forward(Tensor, Tensor, Tensor, Tensor, Tensor, Tensor, boolean)}. */
    @Override
    public Tensor forward(Tensor tgt) {
        throw new UnsupportedOperationException("TransformerDecoderLayer needs memory: forward(tgt, memory, ...)");
    }

    /**
     * The float mask PyTorch's {@code generate_square_subsequent_mask} returns: (n, n), 0 on and
     * below the diagonal, -inf above (position i may not attend to j &gt; i).
     */
    public static Tensor generateSquareSubsequentMask(int n) {
        float[] m = new float[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                m[i * n + j] = Float.NEGATIVE_INFINITY;
            }
        }
        return Tensor.wrap(m, n, n);
    }

    private Tensor selfBlock(Tensor x, Tensor mask, Tensor keyPaddingMask, boolean isCausal) {
        return dropout1.call(selfAttn.forward(x, x, x, keyPaddingMask, mask, false, true, isCausal).output());
    }

    private Tensor crossBlock(Tensor x, Tensor memory, Tensor mask, Tensor keyPaddingMask) {
        return dropout2.call(multiheadAttn.forward(x, memory, memory, keyPaddingMask, mask, false, true, false)
                .output());
    }

    private Tensor feedForwardBlock(Tensor x) {
        Tensor h = linear1.call(x);
        h = activate(h);
        return dropout3.call(linear2.call(dropout.call(h)));
    }
}
