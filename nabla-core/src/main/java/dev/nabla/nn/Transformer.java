package dev.nabla.nn;

import dev.nabla.nn.init.Init;
import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;

/**
 * The encoder-decoder Transformer (Vaswani et al., 2017), as {@code torch.nn.Transformer}: an
 * encoder of numEncoderLayers layers and a decoder of numDecoderLayers layers, each stack followed by
 * a LayerNorm. As in PyTorch every parameter with more than one dimension is then re-drawn with
 * xavier_uniform. Keys: {@code encoder.layers.0.self_attn.in_proj_weight}, ...,
 * {@code encoder.norm.weight}, {@code decoder.layers.0.multihead_attn.in_proj_weight}, ...,
 * {@code decoder.norm.weight}. Inputs (S, N, E) and (T, N, E), or batch-first.
 *
 * <pre>{@code
 * Transformer t = new Transformer(512, 8, 6, 6, 2048, 0.1, "relu", 1e-5, false, false, true, gen);
 * Tensor out = t.forward(src, tgt, null, Transformer.generateSquareSubsequentMask(tgt.size(0)),
 *         null, null, null, null);
 * }</pre>
 */
public final class Transformer extends Module {
    public final int dModel;
    public final int nhead;
    public final boolean batchFirst;
    public final TransformerEncoder encoder;
    public final TransformerDecoder decoder;

    /** PyTorch's defaults: d_model 512, 8 heads, 6 + 6 layers, feed-forward 2048, dropout 0.1, relu. */
    public Transformer() {
        this(512, 8, 6, 6, 2048, 0.1, "relu", 1e-5, false, false, true, Generator.defaultGenerator());
    }

    public Transformer(int dModel, int nhead, int numEncoderLayers, int numDecoderLayers, int dimFeedforward,
            double dropout, String activation, double layerNormEps, boolean batchFirst, boolean normFirst,
            boolean bias, Generator g) {
        this.dModel = dModel;
        this.nhead = nhead;
        this.batchFirst = batchFirst;
        TransformerEncoderLayer encLayer = new TransformerEncoderLayer(dModel, nhead, dimFeedforward, dropout,
                activation, layerNormEps, batchFirst, normFirst, bias, g);
        this.encoder = registerModule("encoder", new TransformerEncoder(encLayer, numEncoderLayers,
                new LayerNorm(new int[] {dModel}, layerNormEps, true, bias)));
        TransformerDecoderLayer decLayer = new TransformerDecoderLayer(dModel, nhead, dimFeedforward, dropout,
                activation, layerNormEps, batchFirst, normFirst, bias, g);
        this.decoder = registerModule("decoder", new TransformerDecoder(decLayer, numDecoderLayers,
                new LayerNorm(new int[] {dModel}, layerNormEps, true, bias)));
        for (Tensor p : parameters()) {
            if (p.dim() > 1) {
                Init.xavierUniform(p, 1.0, g);
            }
        }
    }

    /**
     * Encodes {@code src} and decodes {@code tgt} against it; every mask may be null (see
     * {@link MultiheadAttention} for their shapes and meaning).
     */
    public Tensor forward(Tensor src, Tensor tgt, Tensor srcMask, Tensor tgtMask, Tensor memoryMask,
            Tensor srcKeyPaddingMask, Tensor tgtKeyPaddingMask, Tensor memoryKeyPaddingMask) {
        int batchDim = batchFirst ? 0 : 1;
        if (src.dim() == 3 && tgt.dim() == 3 && src.size(batchDim) != tgt.size(batchDim)) {
            throw new IllegalArgumentException("Transformer: the batch number of src and tgt must be equal, got "
                    + src.size(batchDim) + " and " + tgt.size(batchDim));
        }
        if (src.size(-1) != dModel || tgt.size(-1) != dModel) {
            throw new IllegalArgumentException("Transformer: the feature number of src and tgt must be equal to"
                    + " d_model (" + dModel + "), got " + src.size(-1) + " and " + tgt.size(-1));
        }
        Tensor memory = encoder.forward(src, srcMask, srcKeyPaddingMask, false);
        return decoder.forward(tgt, memory, tgtMask, memoryMask, tgtKeyPaddingMask, memoryKeyPaddingMask, false);
    }

    /** A sequence-to-sequence step as in training: no source masks, causal target self-attention. */
    public Tensor forward(Tensor src, Tensor tgt) {
        Tensor memory = encoder.forward(src);
        return decoder.forwardCausal(tgt, memory);
    }

    /** A Transformer needs a source and a target: use {@link #forward(Tensor, Tensor)}. */
    @Override
    public Tensor forward(Tensor input) {
        throw new UnsupportedOperationException("Transformer needs src and tgt: forward(src, tgt, ...)");
    }

    /** The (n, n) float causal mask, 0 on and below the diagonal and -inf above, as PyTorch's. */
    public static Tensor generateSquareSubsequentMask(int n) {
        return TransformerDecoderLayer.generateSquareSubsequentMask(n);
    }
}
