package dev.nabla.data.transforms;

import dev.nabla.data.sources.Images;
import dev.nabla.tensor.Tensor;
import java.awt.image.BufferedImage;
import java.util.function.Function;

/**
 * Converts a {@link BufferedImage} to (C, H, W) float in [0, 1], as
 * {@code torchvision.transforms.ToTensor} (grayscale to 1 channel, the rest to RGB).
 */
public final class ToTensor implements Function<BufferedImage, Tensor> {
    private final Images.Mode mode;

    public ToTensor() {
        this(Images.Mode.AUTO);
    }

    public ToTensor(Images.Mode mode) {
        this.mode = mode;
    }

    @Override
    public Tensor apply(BufferedImage img) {
        return Images.toTensor(img, mode);
    }

    /** Scales a uint8-valued tensor (any dtype, values 0..255) to float in [0, 1]. */
    public static Tensor fromBytes(Tensor values) {
        return values.toFloat().div(255.0);
    }
}
