package dev.nabla.nn;

import dev.nabla.nn.functional.Attention;
import dev.nabla.nn.functional.MhaOutput;
import dev.nabla.nn.init.Init;
import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;

/**
 * Multi-head attention (Vaswani et al., 2017), as {@code torch.nn.MultiheadAttention}. Parameters
 * {@code in_proj_weight} (3E, E) (xavier_uniform), {@code in_proj_bias} (3E) (zeros) and the
 * submodule {@code out_proj} (Linear(E, E), bias zeroed); when kdim or vdim differ from E, separate
 * {@code q_proj_weight}, {@code k_proj_weight} and {@code v_proj_weight} instead of in_proj_weight.
 * Query (L, N, E), key and value (S, N, E), or batch-first (N, L, E), or unbatched (L, E).
 * Masks: key_padding_mask (N, S) and attn_mask (L, S) or (N * heads, L, S), bool (true = may not
 * attend) or float (added to the scores).
 *
 * <pre>{@code
 * MultiheadAttention mha = new MultiheadAttention(64, 8);
 * MhaOutput r = mha.forward(q, k, v, null, null, true);   // r.output(), r.attnWeights()
 * }</pre>
 */
public final class MultiheadAttention extends Module {
    public final int embedDim;
    public final int numHeads;
    public final int kdim;
    public final int vdim;
    public final double dropout;
    public final boolean batchFirst;
    /** Null when kdim or vdim differ from embedDim. */
    public final Tensor inProjWeight;
    /** Null unless kdim or vdim differ from embedDim. */
    public final Tensor qProjWeight;
    public final Tensor kProjWeight;
    public final Tensor vProjWeight;
    /** Null without bias. */
    public final Tensor inProjBias;
    public final Linear outProj;
    private final Generator generator;

    public MultiheadAttention(int embedDim, int numHeads) {
        this(embedDim, numHeads, 0.0, true, embedDim, embedDim, false, Generator.defaultGenerator());
    }

    public MultiheadAttention(int embedDim, int numHeads, double dropout, boolean bias, boolean batchFirst,
            Generator g) {
        this(embedDim, numHeads, dropout, bias, embedDim, embedDim, batchFirst, g);
    }

    public MultiheadAttention(int embedDim, int numHeads, double dropout, boolean bias, int kdim, int vdim,
            boolean batchFirst, Generator g) {
        if (embedDim <= 0 || numHeads <= 0) {
            throw new IllegalArgumentException("MultiheadAttention: embed_dim and num_heads must be positive, got "
                    + embedDim + " and " + numHeads);
        }
        if (embedDim % numHeads != 0) {
            throw new IllegalArgumentException("MultiheadAttention: embed_dim (" + embedDim
                    + ") must be divisible by num_heads (" + numHeads + ")");
        }
        if (dropout < 0 || dropout > 1) {
            throw new IllegalArgumentException("MultiheadAttention: dropout must be in [0, 1], got " + dropout);
        }
        this.embedDim = embedDim;
        this.numHeads = numHeads;
        this.kdim = kdim;
        this.vdim = vdim;
        this.dropout = dropout;
        this.batchFirst = batchFirst;
        this.generator = g;
        boolean sameDims = kdim == embedDim && vdim == embedDim;
        if (sameDims) {
            this.inProjWeight = registerParameter("in_proj_weight", Tensor.zeros(3 * embedDim, embedDim));
            this.qProjWeight = null;
            this.kProjWeight = null;
            this.vProjWeight = null;
        } else {
            this.inProjWeight = null;
            this.qProjWeight = registerParameter("q_proj_weight", Tensor.zeros(embedDim, embedDim));
            this.kProjWeight = registerParameter("k_proj_weight", Tensor.zeros(embedDim, kdim));
            this.vProjWeight = registerParameter("v_proj_weight", Tensor.zeros(embedDim, vdim));
        }
        this.inProjBias = registerParameter("in_proj_bias", bias ? Tensor.zeros(3 * embedDim) : null);
        this.outProj = registerModule("out_proj", new Linear(embedDim, embedDim, bias, g,
                "NonDynamicallyQuantizableLinear"));
        // PyTorch's _reset_parameters: xavier_uniform projections, zero biases.
        if (sameDims) {
            Init.xavierUniform(inProjWeight, 1.0, g);
        } else {
            Init.xavierUniform(qProjWeight, 1.0, g);
            Init.xavierUniform(kProjWeight, 1.0, g);
            Init.xavierUniform(vProjWeight, 1.0, g);
        }
        if (bias) {
            Init.zeros(inProjBias);
            Init.zeros(outProj.bias);
        }
    }

    /**
     * Attention of query over key/value. Masks may be null; with {@code needWeights} the weights
     * averaged over heads are returned too.
     */
    public MhaOutput forward(Tensor query, Tensor key, Tensor value, Tensor keyPaddingMask, Tensor attnMask,
            boolean needWeights) {
        return forward(query, key, value, keyPaddingMask, attnMask, needWeights, true, false);
    }

    /** The full form: {@code averageAttnWeights} false gives per-head weights; {@code isCausal} with no mask forbids looking ahead. */
    public MhaOutput forward(Tensor query, Tensor key, Tensor value, Tensor keyPaddingMask, Tensor attnMask,
            boolean needWeights, boolean averageAttnWeights, boolean isCausal) {
        if (inProjWeight != null) {
            return Attention.multiHeadAttention(query, key, value, numHeads, inProjWeight, inProjBias, outProj.weight,
                    outProj.bias, keyPaddingMask, attnMask, needWeights, averageAttnWeights, batchFirst, dropout,
                    isTraining(), generator, isCausal);
        }
        return Attention.multiHeadAttention(query, key, value, numHeads, qProjWeight, kProjWeight, vProjWeight,
                inProjBias, outProj.weight, outProj.bias, keyPaddingMask, attnMask, needWeights, averageAttnWeights,
                batchFirst, dropout, isTraining(), generator, isCausal);
    }

    /** Self-attention of {@code input} with no masks; the attended output only. */
    @Override
    public Tensor forward(Tensor input) {
        return forward(input, input, input, null, null, false).output();
    }
}
