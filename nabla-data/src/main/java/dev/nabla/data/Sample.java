package dev.nabla.data;

import dev.nabla.tensor.Tensor;

/**
 * One supervised example: an input tensor and its target (for classification an int64 scalar
 * holding the class index).
 *
 * @param input  e.g. an image (C, H, W) or a feature vector (F)
 * @param target e.g. a class index (0-dim int64) or a regression value
 */
public record Sample(Tensor input, Tensor target) {
}
