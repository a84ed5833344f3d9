package dev.nabla.nn.functional;

import dev.nabla.tensor.Tensor;
import java.util.Arrays;

/**
 * Vector similarities and normalisation, as torch.nn.functional's normalize, cosine_similarity and
 * pairwise_distance (same defaults and epsilons).
 *
 * <pre>{@code
 * Tensor unit = Similarity.normalize(x, 2.0, 1, 1e-12);       // rows of (N, D) scaled to unit length
 * Tensor cos = Similarity.cosineSimilarity(a, b, 1, 1e-8);    // (N)
 * }</pre>
 */
public final class Similarity {
    private Similarity() {
    }

    /** x / max(||x||_p along dim, eps). */
    public static Tensor normalize(Tensor x, double p, int dim, double eps) {
        Tensor denom = x.norm(p, new int[] {dim}, true).clampMin(eps);
        return x.div(denom);
    }

    /**
     * sum(x1 x2) / sqrt(max(sum(x1^2) sum(x2^2), eps^2)) along dim (broadcasting x1 and x2), PyTorch 1.13's
     * formula.
     */
    public static Tensor cosineSimilarity(Tensor x1, Tensor x2, int dim, double eps) {
        Tensor w12 = x1.mul(x2).sum(new int[] {dim}, false);
        Tensor w1 = x1.mul(x1).sum(new int[] {dim}, false);
        Tensor w2 = x2.mul(x2).sum(new int[] {dim}, false);
        return w12.div(w1.mul(w2).clampMin(eps * eps).sqrt());
    }

    /** ||x1 - x2 + eps||_p over the last dim. */
    public static Tensor pairwiseDistance(Tensor x1, Tensor x2, double p, double eps, boolean keepdim) {
        if (x1.dim() == 0 || x2.dim() == 0) {
            throw new IllegalArgumentException("pairwise_distance: inputs must have at least 1 dim, got "
                    + Arrays.toString(x1.shape()) + " and " + Arrays.toString(x2.shape()));
        }
        Tensor diff = x1.sub(x2).add(eps);
        return diff.norm(p, new int[] {-1}, keepdim);
    }
}
