package dev.nabla.data.transforms;

import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;

/**
 * Rotates by an angle uniform in [min, max] degrees (counter-clockwise positive) about the centre,
 * bilinear, filling uncovered pixels with {@code fill} (default 0), as
 * {@code torchvision.transforms.RandomRotation(degrees, interpolation=BILINEAR)}.
 */
public final class RandomRotation implements Transform {
    private final double min;
    private final double max;
    private final float fill;
    private final Randomness random;

    /** Angles in [-degrees, degrees]. */
    public RandomRotation(double degrees, Generator generator) {
        this(-degrees, degrees, 0f, generator);
        if (degrees < 0) {
            throw new IllegalArgumentException("RandomRotation: if degrees is a single number, it must be positive, got "
                    + degrees);
        }
    }

    public RandomRotation(double min, double max, float fill, Generator generator) {
        if (!(min <= max)) {
            throw new IllegalArgumentException("RandomRotation: degrees should be (min, max) with min <= max, got ("
                    + min + ", " + max + ")");
        }
        this.min = min;
        this.max = max;
        this.fill = fill;
        this.random = new Randomness(generator);
    }

    @Override
    public Tensor apply(Tensor img) {
        ImageOps.imageShape("RandomRotation", img);
        double angle = random.draw(g -> Randomness.uniform(g, min, max));
        return ImageOps.rotate(img, angle, fill);
    }
}
