package dev.nabla.tensor;

/** The (values, indices) pair that max/min along a dim return, as torch's named tuple. */
public record ValuesIndices(Tensor values, Tensor indices) {
}
