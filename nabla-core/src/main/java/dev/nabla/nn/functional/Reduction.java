package dev.nabla.nn.functional;

import dev.nabla.tensor.Tensor;

/** How a loss combines its per-element values, as PyTorch's {@code reduction=} argument. */
public enum Reduction {
    NONE, MEAN, SUM,
    /** Sum divided by the batch size (kl_div only). */
    BATCHMEAN;

    /** Parses "none", "mean", "sum" or "batchmean". */
    public static Reduction of(String name) {
        return switch (name) {
            case "none" -> NONE;
            case "mean" -> MEAN;
            case "sum" -> SUM;
            case "batchmean" -> BATCHMEAN;
            default -> throw new IllegalArgumentException("reduction must be 'none', 'mean', 'sum' or 'batchmean', got '"
                    + name + "'");
        };
    }

    /** Applies this reduction to per-element losses (BATCHMEAN divides the sum by size(0)). */
    public Tensor apply(Tensor losses) {
        return switch (this) {
            case NONE -> losses;
            case MEAN -> losses.mean();
            case SUM -> losses.sum();
            case BATCHMEAN -> losses.sum().div(losses.dim() == 0 ? 1 : losses.size(0));
        };
    }
}
