package dev.nabla.data.transforms;

import dev.nabla.tensor.Tensor;
import java.util.List;

/** Applies transforms one after the other, as {@code torchvision.transforms.Compose}. */
public final class Compose implements Transform {
    private final List<Transform> transforms;

    public Compose(Transform... transforms) {
        this(List.of(transforms));
    }

    public Compose(List<? extends Transform> transforms) {
        this.transforms = List.copyOf(transforms);
    }

    @Override
    public Tensor apply(Tensor t) {
        for (Transform tr : transforms) {
            t = tr.apply(t);
        }
        return t;
    }

    public List<Transform> transforms() {
        return transforms;
    }
}
