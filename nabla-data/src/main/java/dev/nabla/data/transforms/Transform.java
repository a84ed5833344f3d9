package dev.nabla.data.transforms;

import dev.nabla.tensor.Tensor;
import java.util.function.UnaryOperator;

/**
 * A tensor-to-tensor transform, usually on an image (C, H, W) float in [0, 1], as the
 * {@code torchvision.transforms} classes. Random transforms draw their parameters from the
 * generator they were given or, without one, from {@link dev.nabla.data.DataRandom#current()},
 * which a {@link dev.nabla.data.DataLoader} seeds per batch so a pipeline is reproducible.
 */
@FunctionalInterface
public interface Transform extends UnaryOperator<Tensor> {

    /** This transform followed by {@code next}. */
    default Transform then(Transform next) {
        return t -> next.apply(apply(t));
    }
}
