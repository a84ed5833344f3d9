package dev.nabla.data.transforms;

import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;

/** Mirrors the image left-right with probability p, as {@code torchvision.transforms.RandomHorizontalFlip}. */
public final class RandomHorizontalFlip implements Transform {
    private final double p;
    private final Randomness random;

    /** p = 0.5. */
    public RandomHorizontalFlip(Generator generator) {
        this(0.5, generator);
    }

    public RandomHorizontalFlip(double p, Generator generator) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("RandomHorizontalFlip: p must be in [0, 1], got " + p);
        }
        this.p = p;
        this.random = new Randomness(generator);
    }

    @Override
    public Tensor apply(Tensor img) {
        ImageOps.imageShape("RandomHorizontalFlip", img);
        boolean flip = random.draw(g -> g.nextFloat() < (float) p); // torch.rand(1) < p, in float
        return flip ? ImageOps.hflip(img) : img;
    }
}
