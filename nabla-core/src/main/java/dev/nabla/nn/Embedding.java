package dev.nabla.nn;

import dev.nabla.autograd.GradMode;
import dev.nabla.io.TensorCopy;
import dev.nabla.nn.functional.F;
import dev.nabla.nn.init.Init;
import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;
import java.util.Arrays;

/**
 * A lookup table of numEmbeddings vectors of size embeddingDim, as {@code torch.nn.Embedding}:
 * int64 indices of any shape map to indices.shape + (embeddingDim). The {@code weight} is drawn
 * from N(0, 1) with the paddingIdx row (if any) zeroed; that row gets no gradient.
 *
 * <pre>{@code
 * Embedding emb = new Embedding(10000, 128, 0);
 * Tensor vecs = emb.call(tokenIds);            // (B, T) -> (B, T, 128)
 * }</pre>
 */
public final class Embedding extends Module {
    public final int numEmbeddings;
    public final int embeddingDim;
    /** Null for none; stored non-negative. */
    public final Integer paddingIdx;
    /** Rows looked up with a larger p-norm are rescaled in place to this norm; null for none. */
    public final Double maxNorm;
    /** The p of the max-norm check (default 2). */
    public final double normType;
    public final Tensor weight;

    public Embedding(int numEmbeddings, int embeddingDim) {
        this(numEmbeddings, embeddingDim, null, Generator.defaultGenerator());
    }

    public Embedding(int numEmbeddings, int embeddingDim, Integer paddingIdx) {
        this(numEmbeddings, embeddingDim, paddingIdx, Generator.defaultGenerator());
    }

    public Embedding(int numEmbeddings, int embeddingDim, Integer paddingIdx, Generator g) {
        this(numEmbeddings, embeddingDim, paddingIdx, null, 2.0, null, g);
    }

    /** With {@code maxNorm} (null for none): rows looked up whose normType-norm exceeds it are renormalised in place. */
    public Embedding(int numEmbeddings, int embeddingDim, Integer paddingIdx, Double maxNorm, double normType,
            Generator g) {
        this(numEmbeddings, embeddingDim, paddingIdx, maxNorm, normType, null, g);
    }

    private Embedding(int numEmbeddings, int embeddingDim, Integer paddingIdx, Double maxNorm, double normType,
            Tensor pretrained, Generator g) {
        if (maxNorm != null && !(maxNorm > 0)) {
            throw new IllegalArgumentException("Embedding: max_norm must be positive, got " + maxNorm);
        }
        this.maxNorm = maxNorm;
        this.normType = normType;
        if (numEmbeddings < 0 || embeddingDim < 0) {
            throw new IllegalArgumentException("Embedding: num_embeddings and embedding_dim must be non-negative, got "
                    + numEmbeddings + " and " + embeddingDim);
        }
        Integer pad = paddingIdx;
        if (pad != null) {
            if (pad >= numEmbeddings || pad < -numEmbeddings) {
                throw new IllegalArgumentException("Embedding: padding_idx " + pad + " must be within num_embeddings "
                        + numEmbeddings);
            }
            if (pad < 0) {
                pad = pad + numEmbeddings;
            }
        }
        this.numEmbeddings = numEmbeddings;
        this.embeddingDim = embeddingDim;
        this.paddingIdx = pad;
        this.weight = registerParameter("weight", Tensor.zeros(numEmbeddings, embeddingDim));
        if (pretrained != null) {
            try (var s = GradMode.noGrad()) {
                TensorCopy.copyExact(weight, pretrained.detach());
            }
        } else {
            Init.normal(weight, 0, 1, g);
            if (pad != null) {
                try (var s = GradMode.noGrad()) {
                    weight.select(0, pad).zeroInPlace();
                }
            }
        }
    }

    /**
     * An embedding holding a copy of {@code embeddings} (V, D), frozen (no gradient) unless
     * {@code freeze} is false, as {@code Embedding.from_pretrained}.
     */
    public static Embedding fromPretrained(Tensor embeddings, boolean freeze, Integer paddingIdx) {
        if (embeddings.dim() != 2) {
            throw new IllegalArgumentException("Embedding.fromPretrained: embeddings must be 2-D (V, D), got "
                    + Arrays.toString(embeddings.shape()));
        }
        Embedding e = new Embedding(embeddings.size(0), embeddings.size(1), paddingIdx, null, 2.0, embeddings, null);
        e.weight.requiresGrad(!freeze);
        return e;
    }

    public static Embedding fromPretrained(Tensor embeddings) {
        return fromPretrained(embeddings, true, null);
    }

    @Override
    public Tensor forward(Tensor input) {
        if (maxNorm != null) {
            renorm(input);
        }
        return F.embedding(input, weight, paddingIdx);
    }

    /**
     * As {@code embedding_renorm_}: each distinct row referenced by {@code input} whose norm exceeds
     * maxNorm is scaled in place (no gradient) by maxNorm / (norm + 1e-7).
     */
    private void renorm(Tensor input) {
        float[] w = weight.storageFloats();
        int off = weight.offset();
        int rs = weight.strides()[0];
        int cs = weight.strides()[1];
        boolean[] done = new boolean[numEmbeddings];
        boolean changed = false;
        for (long idx : input.toLongArray()) {
            if (idx < 0 || idx >= numEmbeddings) {
                continue; // F.embedding reports it
            }
            int r = (int) idx;
            if (done[r]) {
                continue;
            }
            done[r] = true;
            double norm = 0;
            for (int j = 0; j < embeddingDim; j++) {
                double v = Math.abs(w[off + r * rs + j * cs]);
                norm += normType == 2 ? v * v : Math.pow(v, normType);
            }
            norm = normType == 2 ? Math.sqrt(norm) : Math.pow(norm, 1 / normType);
            if (norm > maxNorm) {
                float scale = (float) (maxNorm / (norm + 1e-7));
                for (int j = 0; j < embeddingDim; j++) {
                    w[off + r * rs + j * cs] *= scale;
                }
                changed = true;
            }
        }
        if (changed) {
            weight.bumpVersion();
        }
    }

    @Override
    protected String extraRepr() {
        return numEmbeddings + ", " + embeddingDim + (paddingIdx == null ? "" : ", padding_idx=" + paddingIdx)
                + (maxNorm == null ? "" : ", max_norm=" + py(maxNorm)) + (normType == 2 ? "" : ", norm_type=" + py(normType));
    }
}
