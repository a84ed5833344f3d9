package dev.nabla.nn.functional;

import dev.nabla.tensor.Tensor;

/**
 * What multi-head attention returns: {@code output} (L, N, E) (or (N, L, E) batch-first, (L, E)
 * unbatched) and {@code attnWeights} (N, L, S) averaged over heads or (N, heads, L, S) per head,
 * null when not requested.
 */
public record MhaOutput(Tensor output, Tensor attnWeights) {
}
