package dev.nabla.data;

import dev.nabla.tensor.Tensor;

/**
 * A batch of supervised examples as produced by the default collate: inputs and targets stacked
 * along a new first dimension.
 *
 * @param inputs  (B, ...) e.g. (B, C, H, W)
 * @param targets (B, ...) e.g. (B) int64 class indices
 */
public record Batch(Tensor inputs, Tensor targets) {

    /** The number of examples in the batch. */
    public int size() {
        return inputs.size(0);
    }
}
