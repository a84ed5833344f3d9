package dev.nabla.nn.functional;

import dev.nabla.tensor.DType;
import dev.nabla.tensor.Generator;
import dev.nabla.tensor.ShapeOps;
import dev.nabla.tensor.Tensor;
import java.util.Arrays;

/**
 * Multi-head attention as {@code F.multi_head_attention_forward} (the math of
 * {@code nn.MultiheadAttention}) and scaled dot-product attention, built from differentiable
 * tensor ops (one batched GEMM for the scores, one for the weighted values).
 * Attention is softmax(Q K^T / sqrt(d) + mask) V (Vaswani et al., 2017).
 *
 * <pre>{@code
 * MhaOutput o = Attention.multiHeadAttention(x, x, x, 8, inW, inB, outW, outB, null, null,
 *         true, true, true, 0.0, false, null, false);
 * }</pre>
 */
public final class Attention {
    private Attention() {
    }

    /**
     * Multi-head attention with a packed (3E, E) input projection.
     *
     * @param query         (L, N, E), (N, L, E) when batchFirst, or (L, E) unbatched
     * @param key           (S, N, E) likewise
     * @param value         (S, N, E) likewise
     * @param inProjWeight  (3E, E): the q, k and v projections stacked
     * @param inProjBias    (3E) or null
     * @param outProjWeight (E, E)
     * @param outProjBias   (E) or null
     * @param keyPaddingMask bool (N, S) (or (S) unbatched), true = ignore that key; or float, added
     * @param attnMask      bool (L, S) or (N*heads, L, S), true = may not attend; or float, added to the scores
     * @param needWeights   return the attention weights
     * @param averageAttnWeights average the weights over heads (else (N, heads, L, S))
     * @param dropout       dropout probability on the attention weights (training only)
     * @param isCausal      with no attnMask, forbid attending to later positions
     */
    public static MhaOutput multiHeadAttention(Tensor query, Tensor key, Tensor value, int numHeads,
                                               Tensor inProjWeight, Tensor inProjBias, Tensor outProjWeight,
                                               Tensor outProjBias, Tensor keyPaddingMask, Tensor attnMask,
                                               boolean needWeights, boolean averageAttnWeights, boolean batchFirst,
                                               double dropout, boolean training, Generator g, boolean isCausal) {
        String op = "multi_head_attention";
        int e = query.size(-1);
        checkPacked(op, inProjWeight, e);
        if (inProjBias != null && (inProjBias.dim() != 1 || inProjBias.size(0) != 3 * e)) {
            throw new IllegalArgumentException(op + ": in_proj_bias must have shape [" + 3 * e + "], got "
                    + Arrays.toString(inProjBias.shape()));
        }
        Tensor[] w = {inProjWeight.narrow(0, 0, e), inProjWeight.narrow(0, e, e), inProjWeight.narrow(0, 2 * e, e)};
        Tensor[] b = inProjBias == null ? new Tensor[3]
                : new Tensor[] {inProjBias.narrow(0, 0, e), inProjBias.narrow(0, e, e), inProjBias.narrow(0, 2 * e, e)};
        return forward(op, query, key, value, numHeads, w, b, null, null, false, outProjWeight, outProjBias,
                keyPaddingMask, attnMask, needWeights, averageAttnWeights, batchFirst, dropout, training, g, isCausal);
    }

    /**
     * Multi-head attention with separate q (E, E), k (E, kdim) and v (E, vdim) projection weights and
     * an optional packed (3E) bias; key and value may then have kdim and vdim features.
     */
    public static MhaOutput multiHeadAttention(Tensor query, Tensor key, Tensor value, int numHeads,
                                               Tensor qProjWeight, Tensor kProjWeight, Tensor vProjWeight,
                                               Tensor inProjBias, Tensor outProjWeight, Tensor outProjBias,
                                               Tensor keyPaddingMask, Tensor attnMask, boolean needWeights,
                                               boolean averageAttnWeights, boolean batchFirst, double dropout,
                                               boolean training, Generator g, boolean isCausal) {
        String op = "multi_head_attention";
        int e = query.size(-1);
        if (inProjBias != null && (inProjBias.dim() != 1 || inProjBias.size(0) != 3 * e)) {
            throw new IllegalArgumentException(op + ": in_proj_bias must have shape [" + 3 * e + "], got "
                    + Arrays.toString(inProjBias.shape()));
        }
        Tensor[] b = inProjBias == null ? new Tensor[3]
                : new Tensor[] {inProjBias.narrow(0, 0, e), inProjBias.narrow(0, e, e), inProjBias.narrow(0, 2 * e, e)};
        return forward(op, query, key, value, numHeads, new Tensor[] {qProjWeight, kProjWeight, vProjWeight}, b,
                null, null, false, outProjWeight, outProjBias, keyPaddingMask, attnMask, needWeights,
                averageAttnWeights, batchFirst, dropout, training, g, isCausal);
    }

    /**
     * The full form, with PyTorch's {@code F.multi_head_attention_forward} arguments (sequence-first
     * (L, N, E) inputs, as that function takes them): besides the above, {@code biasK} / {@code biasV}
     * (1, 1, E) append one learned key / value to every sequence ({@code add_bias_kv}), and
     * {@code addZeroAttn} appends an all-zero key and value per head. With
     * {@code useSeparateProjWeight} the q, k, v weights are used instead of {@code inProjWeight}.
     */
    public static MhaOutput multiHeadAttentionForward(Tensor query, Tensor key, Tensor value, int numHeads,
                                                      Tensor inProjWeight, Tensor inProjBias, Tensor biasK,
                                                      Tensor biasV, boolean addZeroAttn, double dropoutP,
                                                      Tensor outProjWeight, Tensor outProjBias, boolean training,
                                                      Tensor keyPaddingMask, boolean needWeights, Tensor attnMask,
                                                      boolean useSeparateProjWeight, Tensor qProjWeight,
                                                      Tensor kProjWeight, Tensor vProjWeight,
                                                      boolean averageAttnWeights, boolean isCausal, Generator g) {
        String op = "multi_head_attention";
        int e = query.size(-1);
        Tensor[] w;
        if (useSeparateProjWeight) {
            w = new Tensor[] {qProjWeight, kProjWeight, vProjWeight};
        } else {
            checkPacked(op, inProjWeight, e);
            w = new Tensor[] {inProjWeight.narrow(0, 0, e), inProjWeight.narrow(0, e, e),
                inProjWeight.narrow(0, 2 * e, e)};
        }
        if (inProjBias != null && (inProjBias.dim() != 1 || inProjBias.size(0) != 3 * e)) {
            throw new IllegalArgumentException(op + ": in_proj_bias must have shape [" + 3 * e + "], got "
                    + Arrays.toString(inProjBias.shape()));
        }
        Tensor[] b = inProjBias == null ? new Tensor[3]
                : new Tensor[] {inProjBias.narrow(0, 0, e), inProjBias.narrow(0, e, e), inProjBias.narrow(0, 2 * e, e)};
        if ((biasK == null) != (biasV == null)) {
            throw new IllegalArgumentException(op + ": bias_k and bias_v must both be given or both be null");
        }
        return forward(op, query, key, value, numHeads, w, b, biasK, biasV, addZeroAttn, outProjWeight, outProjBias,
                keyPaddingMask, attnMask, needWeights, averageAttnWeights, false, dropoutP, training, g, isCausal);
    }

    private static void checkPacked(String op, Tensor inProjWeight, int e) {
        if (inProjWeight == null || inProjWeight.dim() != 2 || inProjWeight.size(0) != 3 * e
                || inProjWeight.size(1) != e) {
            throw new IllegalArgumentException(op + ": in_proj_weight must have shape [" + 3 * e + ", " + e + "], got "
                    + (inProjWeight == null ? "null" : Arrays.toString(inProjWeight.shape())));
        }
    }

    private static MhaOutput forward(String op, Tensor query, Tensor key, Tensor value, int numHeads, Tensor[] w,
                                     Tensor[] b, Tensor biasK, Tensor biasV, boolean addZeroAttn, Tensor outW,
                                     Tensor outB, Tensor keyPaddingMask, Tensor attnMask,
                                     boolean needWeights, boolean average, boolean batchFirst, double dropout,
                                     boolean training, Generator g, boolean isCausal) {
        if (query.dim() != 2 && query.dim() != 3) {
            throw new IllegalArgumentException(op + ": query should be 2-D (unbatched) or 3-D, got "
                    + Arrays.toString(query.shape()));
        }
        boolean batched = query.dim() == 3;
        if (key.dim() != query.dim() || value.dim() != query.dim()) {
            throw new IllegalArgumentException(op + ": query, key and value must all be " + query.dim()
                    + "-D, got query " + Arrays.toString(query.shape()) + ", key " + Arrays.toString(key.shape())
                    + ", value " + Arrays.toString(value.shape()));
        }
        if (dropout < 0 || dropout > 1) {
            throw new IllegalArgumentException(op + ": dropout probability has to be between 0 and 1, but got " + dropout);
        }
        // To (L, N, E).
        Tensor q = batched ? (batchFirst ? query.transpose(0, 1) : query) : query.unsqueeze(1);
        Tensor k = batched ? (batchFirst ? key.transpose(0, 1) : key) : key.unsqueeze(1);
        Tensor v = batched ? (batchFirst ? value.transpose(0, 1) : value) : value.unsqueeze(1);
        Tensor kpm = keyPaddingMask == null ? null : batched ? keyPaddingMask : keyPaddingMask.unsqueeze(0);
        int tgtLen = q.size(0);
        int bsz = q.size(1);
        int e = q.size(2);
        int srcLen = k.size(0);
        if (numHeads <= 0 || e % numHeads != 0) {
            throw new IllegalArgumentException(op + ": embed_dim " + e + " must be divisible by num_heads " + numHeads);
        }
        if (k.size(0) != v.size(0) || k.size(1) != bsz || v.size(1) != bsz) {
            throw new IllegalArgumentException(op + ": key and value must have the same sequence length and the query's"
                    + " batch size, got query " + Arrays.toString(query.shape()) + ", key "
                    + Arrays.toString(key.shape()) + ", value " + Arrays.toString(value.shape()));
        }
        int headDim = e / numHeads;
        int bh = bsz * numHeads;
        Tensor qp = LinearOps.linear(q, w[0], b[0]);     // (L, N, E)
        Tensor kp = LinearOps.linear(k, w[1], b[1]);     // (S, N, E)
        Tensor vp = LinearOps.linear(v, w[2], b[2]);     // (S, N, E)
        if (isCausal && attnMask == null) {
            attnMask = causalMask(tgtLen, srcLen, true);
        }
        attnMask = checkAttnMask(op, attnMask, tgtLen, srcLen, bh);
        if (kpm != null && (kpm.dim() != 2 || kpm.size(0) != bsz || kpm.size(1) != srcLen)) {
            throw new IllegalArgumentException(op + ": expected key_padding_mask of shape [" + bsz + ", " + srcLen
                    + "], got " + Arrays.toString(keyPaddingMask.shape()));
        }
        if (biasK != null) {
            // add_bias_kv: one more (learned) key and value at the end of every sequence.
            kp = Tensor.cat(new Tensor[] {kp, biasK.reshape(1, 1, e).expand(1, bsz, e)}, 0);
            vp = Tensor.cat(new Tensor[] {vp, biasV.reshape(1, 1, e).expand(1, bsz, e)}, 0);
            attnMask = attnMask == null ? null : padLastDim(attnMask);
            kpm = kpm == null ? null : padLastDim(kpm);
            srcLen++;
        }
        // (L, N, E) -> (N*heads, L, headDim)
        Tensor qh = qp.contiguous().reshape(tgtLen, bh, headDim).transpose(0, 1);
        Tensor kh = kp.contiguous().reshape(srcLen, bh, headDim).transpose(0, 1);
        Tensor vh = vp.contiguous().reshape(srcLen, bh, headDim).transpose(0, 1);
        if (addZeroAttn) {
            // One all-zero key and value per head, so every query has something harmless to attend to.
            kh = Tensor.cat(new Tensor[] {kh, Tensor.zeros(bh, 1, headDim)}, 1);
            vh = Tensor.cat(new Tensor[] {vh, Tensor.zeros(bh, 1, headDim)}, 1);
            attnMask = attnMask == null ? null : padLastDim(attnMask);
            kpm = kpm == null ? null : padLastDim(kpm);
            srcLen++;
        }

        Tensor mask = attnMask == null ? null : additive(attnMask);   // broadcasts to (N*heads, L, S)
        if (kpm != null) {
            Tensor kf = additive(kpm).reshape(bsz, 1, 1, srcLen).expand(bsz, numHeads, 1, srcLen)
                    .reshape(bh, 1, srcLen);
            mask = mask == null ? kf : mask.add(kf);
        }

        Tensor scores = qh.mul(1.0 / Math.sqrt(headDim)).bmm(kh.transpose(1, 2));   // (N*heads, L, S)
        if (mask != null) {
            scores = scores.add(mask);
        }
        Tensor attn = scores.softmax(-1);
        if (training && dropout > 0) {
            attn = Activations.dropout(attn, dropout, true, g == null ? Generator.defaultGenerator() : g);
        }
        Tensor ctx = attn.bmm(vh);                                                    // (N*heads, L, headDim)
        Tensor merged = ctx.transpose(0, 1).contiguous().reshape(tgtLen * bsz, e);
        Tensor out = LinearOps.linear(merged, outW, outB).reshape(tgtLen, bsz, outW.size(0));
        Tensor weights = null;
        if (needWeights) {
            weights = attn.reshape(bsz, numHeads, tgtLen, srcLen);
            if (average) {
                weights = weights.mean(1);
            }
            if (!batched) {
                weights = weights.squeeze(0);
            }
        }
        if (!batched) {
            out = out.squeeze(1);
        } else if (batchFirst) {
            out = out.transpose(0, 1);
        }
        return new MhaOutput(out, weights);
    }

    /**
     * softmax(q k^T / sqrt(E) + mask) v, as {@code F.scaled_dot_product_attention}: q (..., L, E),
     * k (..., S, E), v (..., S, Ev). Note PyTorch's convention here: a bool {@code attnMask} is true
     * where attention is ALLOWED (the opposite of multi-head attention's masks); a float mask is added.
     * isCausal allows position i to attend to positions j &lt;= i only. Dropout applies when dropoutP &gt; 0.
     */
    public static Tensor scaledDotProductAttention(Tensor q, Tensor k, Tensor v, Tensor attnMask, double dropoutP,
                                                   boolean isCausal, Generator g) {
        String op = "scaled_dot_product_attention";
        if (q.dim() < 2 || k.dim() < 2 || v.dim() < 2) {
            throw new IllegalArgumentException(op + ": q, k and v need at least 2 dims, got "
                    + Arrays.toString(q.shape()) + ", " + Arrays.toString(k.shape()) + ", " + Arrays.toString(v.shape()));
        }
        if (q.size(-1) != k.size(-1) || k.size(-2) != v.size(-2)) {
            throw new IllegalArgumentException(op + ": expected q (..., L, E), k (..., S, E), v (..., S, Ev), got "
                    + Arrays.toString(q.shape()) + ", " + Arrays.toString(k.shape()) + ", " + Arrays.toString(v.shape()));
        }
        if (isCausal && attnMask != null) {
            throw new IllegalArgumentException(op + ": pass either attn_mask or is_causal, not both");
        }
        int l = q.size(-2);
        int s = k.size(-2);
        Tensor scores = q.mul(1.0 / Math.sqrt(q.size(-1))).matmul(k.transpose(-2, -1));
        if (isCausal) {
            scores = scores.add(additive(causalMask(l, s, true)));
        } else if (attnMask != null) {
            scores = scores.add(attnMask.dtype() == DType.BOOL ? additive(attnMask.logicalNot()) : attnMask);
        }
        Tensor attn = scores.softmax(-1);
        if (dropoutP > 0) {
            attn = Activations.dropout(attn, dropoutP, true, g == null ? Generator.defaultGenerator() : g);
        }
        return attn.matmul(v);
    }

    /** The attn_mask as (1 or N*heads, L, S), checked against the shapes (before any appended keys). */
    private static Tensor checkAttnMask(String op, Tensor attnMask, int tgtLen, int srcLen, int bh) {
        if (attnMask == null) {
            return null;
        }
        if (attnMask.dim() == 2) {
            if (attnMask.size(0) != tgtLen || attnMask.size(1) != srcLen) {
                throw new IllegalArgumentException(op + ": the shape of the 2D attn_mask is "
                        + Arrays.toString(attnMask.shape()) + ", but should be [" + tgtLen + ", " + srcLen + "]");
            }
            return attnMask.unsqueeze(0);
        }
        if (attnMask.dim() == 3) {
            if (attnMask.size(0) != bh || attnMask.size(1) != tgtLen || attnMask.size(2) != srcLen) {
                throw new IllegalArgumentException(op + ": the shape of the 3D attn_mask is "
                        + Arrays.toString(attnMask.shape()) + ", but should be [" + bh + ", " + tgtLen + ", "
                        + srcLen + "]");
            }
            return attnMask;
        }
        throw new IllegalArgumentException(op + ": attn_mask's dimension " + attnMask.dim()
                + " is not supported (expected 2 or 3)");
    }

    /** Appends one column of "may attend" (false / 0) to the last dim of a mask, as F.pad(mask, (0, 1)). */
    private static Tensor padLastDim(Tensor mask) {
        if (mask.dtype() != DType.BOOL) {
            return ShapeOps.pad(mask, new int[] {0, 1}, 0f);
        }
        int last = mask.size(-1);
        boolean[] src = mask.toBoolArray();
        int rows = last == 0 ? 0 : src.length / last;
        boolean[] out = new boolean[rows * (last + 1)];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(src, r * last, out, r * (last + 1), last);
        }
        int[] shape = mask.shape().clone();
        shape[shape.length - 1] = last + 1;
        return Tensor.ofBools(out, shape);
    }

    /** Bool (L, S): true above the diagonal (j &gt; i), the positions a causal model may not see. */
    static Tensor causalMask(int l, int s, boolean forbidden) {
        boolean[] m = new boolean[l * s];
        for (int i = 0; i < l; i++) {
            for (int j = 0; j < s; j++) {
                m[i * s + j] = (j > i) == forbidden;
            }
        }
        return Tensor.ofBools(m, l, s);
    }

    /** A bool "forbidden" mask as 0 / -inf floats; a float mask as is. */
    private static Tensor additive(Tensor mask) {
        if (mask.dtype() == DType.BOOL) {
            return Tensor.zeros(mask.shape()).maskedFill(mask, Float.NEGATIVE_INFINITY);
        }
        if (mask.dtype() != DType.FLOAT32) {
            throw new IllegalArgumentException("attention: masks must be bool or float32, got " + mask.dtype().torchName());
        }
        return mask;
    }
}
