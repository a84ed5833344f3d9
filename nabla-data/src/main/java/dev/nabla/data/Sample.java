package dev.nabla.data;

import dev.nabla.tensor.Tensor;
import java.util.function.UnaryOperator;

/**
 * One supervised example: an input tensor and its target (for classification an int64 scalar
 * holding the class index).
 *
 * @param input  e.g. an image (C, H, W) or a feature vector (F)
 * @param target e.g. a class index (0-dim int64) or a regression value
 */
public record Sample(Tensor input, Tensor target) {

    /** The same sample with {@code f} applied to the input, e.g. {@code ds.map(s -> s.mapInput(augment))}. */
    public Sample mapInput(UnaryOperator<Tensor> f) {
        return new Sample(f.apply(input), target);
    }

    /** The same sample with {@code f} applied to the target (torchvision's target_transform). */
    public Sample mapTarget(UnaryOperator<Tensor> f) {
        return new Sample(input, f.apply(target));
    }
}
