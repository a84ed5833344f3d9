package dev.nabla.nn.functional;

import dev.nabla.tensor.DType;
import dev.nabla.tensor.Tensor;
import java.util.Arrays;

/**
 * cross_entropy and nll_loss with PyTorch's exact semantics: class-index targets (int64) or
 * class-probability targets (float, same shape as the input), per-class weights, ignore_index,
 * label smoothing and the weighted mean (divided by the summed weight of the non-ignored targets).
 * Class-index cross-entropy runs as one fused log-softmax + NLL op ({@link ClassIndexLoss}).
 *
 * <pre>{@code
 * Tensor loss = ClassificationLosses.crossEntropy(logits, labels, null, -100, Reduction.MEAN, 0.1);
 * }</pre>
 */
public final class ClassificationLosses {
    /** PyTorch's default ignore_index. */
    public static final int DEFAULT_IGNORE_INDEX = -100;

    private ClassificationLosses() {
    }

    /**
     * Cross-entropy between scores and targets.
     *
     * @param input          (N, C), (C) or (N, C, d1, ...) unnormalised scores
     * @param target         int64 class indices (N), () or (N, d1, ...); or float probabilities shaped as input
     * @param weight         (C) per-class weights, or null
     * @param ignoreIndex    targets equal to it contribute nothing (default -100; class-index targets only)
     * @param reduction      default MEAN
     * @param labelSmoothing in [0, 1]; mixes the target with the uniform distribution
     */
    public static Tensor crossEntropy(Tensor input, Tensor target, Tensor weight, int ignoreIndex, Reduction reduction,
                                      double labelSmoothing) {
        String op = "cross_entropy";
        if (!(labelSmoothing >= 0 && labelSmoothing <= 1)) {
            throw new IllegalArgumentException(op + ": label_smoothing must be between 0.0 and 1.0, got " + labelSmoothing);
        }
        if (target.dtype() == DType.FLOAT32 && Arrays.equals(input.shape(), target.shape())) {
            if (ignoreIndex >= 0) {
                throw new IllegalArgumentException(op + ": ignore_index (" + ignoreIndex
                        + ") is not supported for class-probability targets");
            }
            return probabilityTargets(op, input, target, weight, reduction, labelSmoothing);
        }
        if (target.dtype() == DType.FLOAT32) {
            throw new IllegalArgumentException(op + ": a float target holds class probabilities and must have the input's"
                    + " shape " + Arrays.toString(input.shape()) + ", got " + Arrays.toString(target.shape())
                    + "; class-index targets must be int64");
        }
        return ClassIndexLoss.apply(op, input, target, weight, ignoreIndex, reduction, labelSmoothing, true);
    }

    /**
     * Negative log-likelihood of log-probabilities {@code input} (N, C), (C) or (N, C, d1, ...) at the
     * int64 class indices {@code target}.
     */
    public static Tensor nllLoss(Tensor input, Tensor target, Tensor weight, int ignoreIndex, Reduction reduction) {
        return ClassIndexLoss.apply("nll_loss", input, target, weight, ignoreIndex, reduction, 0.0, false);
    }

    /** -sum_c w_c t_c log_softmax(x)_c per sample; MEAN divides by the number of samples, not the weights. */
    private static Tensor probabilityTargets(String op, Tensor input, Tensor target, Tensor weight, Reduction reduction,
                                             double labelSmoothing) {
        PointwiseLoss.requireFloat(op, "input", input);
        if (reduction == Reduction.BATCHMEAN) {
            throw new IllegalArgumentException(op + ": reduction 'batchmean' is only supported by kl_div");
        }
        int classDim = input.dim() == 1 ? 0 : 1;
        int c = input.size(classDim);
        Tensor logp = input.logSoftmax(classDim);
        Tensor t = labelSmoothing > 0 ? target.mul(1 - labelSmoothing).add(labelSmoothing / c) : target;
        Tensor prod = logp.mul(t);
        if (weight != null) {
            PointwiseLoss.requireFloat(op, "weight", weight);
            if (weight.dim() != 1 || weight.size(0) != c) {
                throw new IllegalArgumentException(op + ": weight should be a 1-D tensor of size " + c
                        + " (one per class), got " + Arrays.toString(weight.shape()));
            }
            int[] bshape = new int[input.dim()];
            Arrays.fill(bshape, 1);
            bshape[classDim] = c;
            prod = prod.mul(weight.reshape(bshape));
        }
        Tensor perSample = prod.sum(classDim).neg();
        return switch (reduction) {
            case NONE -> perSample;
            case SUM -> perSample.sum();
            default -> perSample.sum().div(c == 0 ? 0 : input.numel() / (double) c);
        };
    }
}
