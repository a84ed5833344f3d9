package dev.nabla.nn.functional;

import dev.nabla.tensor.Tensor;

/**
 * What a recurrent layer returns: {@code output} (T, B, D*H) (or (B, T, D*H) batch-first, (T, D*H)
 * unbatched), the final hidden state {@code hN} (L*D, B, H) and, for an LSTM, the final cell state
 * {@code cN} (null otherwise).
 */
public record RnnOutput(Tensor output, Tensor hN, Tensor cN) {
}
