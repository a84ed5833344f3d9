package dev.nabla.nn.functional;

import dev.nabla.tensor.Tensor;
import java.util.Arrays;

/**
 * Margin and embedding losses of torch.nn.functional: soft_margin_loss, margin_ranking_loss,
 * hinge_embedding_loss, cosine_embedding_loss, multilabel_soft_margin_loss, triplet_margin_loss
 * and multi_margin_loss, with PyTorch's defaults, targets in {-1, 1} (or 0/1 labels where torch
 * takes them) and reductions.
 *
 * <pre>{@code
 * Tensor l = MarginLosses.tripletMarginLoss(anchor, pos, neg, 1.0, 2.0, 1e-6, false, Reduction.MEAN);
 * }</pre>
 */
public final class MarginLosses {
    private MarginLosses() {
    }

    /** log(1 + exp(-y x)), y in {-1, 1}. */
    public static Tensor softMarginLoss(Tensor input, Tensor target, Reduction reduction) {
        sameShape("soft_margin_loss", input, target);
        return reduction.apply(Activations.softplus(input.mul(target).neg(), 1.0, 20.0));
    }

    /** max(0, -y (x1 - x2) + margin). */
    public static Tensor marginRankingLoss(Tensor input1, Tensor input2, Tensor target, double margin,
                                           Reduction reduction) {
        return reduction.apply(input1.sub(input2).mul(target).neg().add(margin).clampMin(0));
    }

    /** x where y = 1, max(0, margin - x) where y = -1 (torch: both terms where y is neither). */
    public static Tensor hingeEmbeddingLoss(Tensor input, Tensor target, double margin, Reduction reduction) {
        Tensor zero = Tensor.zeros(1).reshape();
        Tensor marginTerm = Tensor.where(target.eq(1.0).logicalNot(), input.neg().add(margin).clampMin(0), zero);
        Tensor selfTerm = Tensor.where(target.eq(-1.0).logicalNot(), input, zero);
        return reduction.apply(marginTerm.add(selfTerm));
    }

    /**
     * 1 - cos(x1, x2) where y = 1, max(0, cos - margin) where y = -1; cos over dim 1 with 1e-12 added to each
     * squared magnitude (torch's formula). x1, x2 (N, D) or (D); y (N) or 0-dim.
     */
    public static Tensor cosineEmbeddingLoss(Tensor input1, Tensor input2, Tensor target, double margin,
                                             Reduction reduction) {
        if (input1.dim() != input2.dim() || input1.dim() < 1 || input1.dim() > 2) {
            throw new IllegalArgumentException("cosine_embedding_loss: expected 1-D or 2-D inputs of equal rank, got "
                    + Arrays.toString(input1.shape()) + " and " + Arrays.toString(input2.shape()));
        }
        int d = input1.dim() - 1;
        Tensor prod = input1.mul(input2).sum(new int[] {d}, false);
        Tensor m1 = input1.mul(input1).sum(new int[] {d}, false).add(1e-12);
        Tensor m2 = input2.mul(input2).sum(new int[] {d}, false).add(1e-12);
        Tensor cos = prod.div(m1.mul(m2).sqrt());
        Tensor zero = Tensor.zeros(1).reshape();
        Tensor pos = Tensor.where(target.eq(1.0), cos.neg().add(1.0), zero);
        Tensor neg = Tensor.where(target.eq(-1.0), cos.sub(margin).clampMin(0), zero);
        return reduction.apply(pos.add(neg));
    }

    /**
     * -(y log sigmoid(x) + (1 - y) log sigmoid(-x)), times weight (broadcast over classes) if given, averaged
     * over the classes (last dim), then reduced over the batch.
     */
    public static Tensor multilabelSoftMarginLoss(Tensor input, Tensor target, Tensor weight, Reduction reduction) {
        sameShape("multilabel_soft_margin_loss", input, target);
        Tensor loss = target.mul(Activations.logSigmoid(input))
                .add(target.neg().add(1.0).mul(Activations.logSigmoid(input.neg()))).neg();
        if (weight != null) {
            loss = loss.mul(weight);
        }
        int classes = input.dim() == 0 ? 1 : input.size(-1);
        loss = loss.sum(new int[] {-1}, false).div(classes);
        return reduction.apply(loss);
    }

    /** max(0, margin + d(a, p) - d(a, n)) with pairwise_distance d; swap uses min(d(a, n), d(p, n)). */
    public static Tensor tripletMarginLoss(Tensor anchor, Tensor positive, Tensor negative, double margin, double p,
                                           double eps, boolean swap, Reduction reduction) {
        Tensor dPos = Similarity.pairwiseDistance(anchor, positive, p, eps, false);
        Tensor dNeg = Similarity.pairwiseDistance(anchor, negative, p, eps, false);
        if (swap) {
            dNeg = dNeg.minimum(Similarity.pairwiseDistance(positive, negative, p, eps, false));
        }
        return reduction.apply(dPos.sub(dNeg).add(margin).clampMin(0));
    }

    /**
     * Per sample: sum over classes i != y of max(0, margin - x[y] + x[i])^p (times weight[y]) / C, for input
     * (N, C) or (C) and class-index target (N) or 0-dim; p is 1 or 2.
     */
    public static Tensor multiMarginLoss(Tensor input, Tensor target, int p, double margin, Tensor weight,
                                         Reduction reduction) {
        if (p != 1 && p != 2) {
            throw new IllegalArgumentException("multi_margin_loss: only p == 1 and p == 2 are supported, got " + p);
        }
        boolean batched = input.dim() == 2;
        if (input.dim() != 1 && !batched) {
            throw new IllegalArgumentException("multi_margin_loss: expected a 1-D or 2-D input, got "
                    + Arrays.toString(input.shape()));
        }
        Tensor x = batched ? input : input.unsqueeze(0);                 // (N, C)
        Tensor y = (batched ? target : target.reshape(1)).reshape(-1, 1); // (N, 1)
        int classes = x.size(1);
        long[] labels = y.toLongArray();
        for (long l : labels) {
            if (l < 0 || l >= classes) {
                throw new IndexOutOfBoundsException("multi_margin_loss: target " + l + " is out of bounds for "
                        + classes + " classes (input " + Arrays.toString(input.shape()) + ")");
            }
        }
        Tensor xy = x.gather(1, y);                                       // (N, 1)
        Tensor terms = x.sub(xy).add(margin).clampMin(0);
        if (p == 2) {
            terms = terms.square();
        }
        if (weight != null) {
            terms = terms.mul(weight.indexSelect(0, y.reshape(-1)).reshape(-1, 1));
        }
        // The target class itself contributes max(0, margin)^p; torch leaves it out.
        float[] keep = new float[x.size(0) * classes];
        java.util.Arrays.fill(keep, 1f);
        for (int i = 0; i < labels.length; i++) {
            keep[i * classes + (int) labels[i]] = 0f;
        }
        Tensor loss = terms.mul(Tensor.wrap(keep, x.size(0), classes)).sum(new int[] {1}, false).div(classes);
        return reduction.apply(batched ? loss : loss.reshape());
    }

    private static void sameShape(String op, Tensor input, Tensor target) {
        if (!Arrays.equals(input.shape(), target.shape())) {
            throw new IllegalArgumentException(op + ": target size " + Arrays.toString(target.shape())
                    + " must be the same as input size " + Arrays.toString(input.shape()));
        }
    }
}
