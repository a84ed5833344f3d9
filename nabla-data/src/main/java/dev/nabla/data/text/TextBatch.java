package dev.nabla.data.text;

import dev.nabla.tensor.Tensor;

/**
 * A batch of token sequences padded to the longest one.
 *
 * @param ids     (B, T_max) int64, padded with {@code <pad>} = 0 after each sequence
 * @param lengths (B) int64, the true length of each sequence
 * @param targets (B, ...) the stacked targets
 */
public record TextBatch(Tensor ids, Tensor lengths, Tensor targets) {
}
