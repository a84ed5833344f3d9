package dev.nabla.data.transforms;

import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;
import java.util.Arrays;

/**
 * A random (h, w) window after optional zero padding, as {@code torchvision.transforms.RandomCrop}:
 * top ~ randint(0, H' - h + 1), left ~ randint(0, W' - w + 1) on the padded size (H', W').
 *
 * <pre>{@code
 * new RandomCrop(28, 4, new Generator(0))   // the classic pad-4-and-crop augmentation
 * }</pre>
 */
public final class RandomCrop implements Transform {
    private final int h;
    private final int w;
    private final int[] padding; // left, top, right, bottom
    private final boolean padIfNeeded;
    private final Randomness random;

    /** Square crop, zero padding on every side, generator (null: DataRandom). */
    public RandomCrop(int size, int padding, Generator generator) {
        this(size, size, new int[] {padding, padding, padding, padding}, false, generator);
    }

    /**
     * @param padding     {left, top, right, bottom} (or one value for all, or {left/right, top/bottom})
     * @param padIfNeeded pad a too-small image up to the crop size instead of failing
     */
    public RandomCrop(int h, int w, int[] padding, boolean padIfNeeded, Generator generator) {
        if (h <= 0 || w <= 0) {
            throw new IllegalArgumentException("RandomCrop: size must be positive, got " + h + "x" + w);
        }
        int[] p = switch (padding.length) {
            case 1 -> new int[] {padding[0], padding[0], padding[0], padding[0]};
            case 2 -> new int[] {padding[0], padding[1], padding[0], padding[1]};
            case 4 -> padding.clone();
            default -> throw new IllegalArgumentException("RandomCrop: padding must have 1, 2 or 4 values, got "
                    + Arrays.toString(padding));
        };
        for (int v : p) {
            if (v < 0) {
                throw new IllegalArgumentException("RandomCrop: padding must be non-negative, got "
                        + Arrays.toString(padding));
            }
        }
        this.h = h;
        this.w = w;
        this.padding = p;
        this.padIfNeeded = padIfNeeded;
        this.random = new Randomness(generator);
    }

    @Override
    public Tensor apply(Tensor img) {
        int[] s = ImageOps.imageShape("RandomCrop", img);
        int padL = padding[0];
        int padT = padding[1];
        int ph = s[s.length - 2] + padding[1] + padding[3];
        int pw = s[s.length - 1] + padding[0] + padding[2];
        if (padIfNeeded) {
            if (ph < h) {
                padT += h - ph;
                ph = h + (h - ph);
            }
            if (pw < w) {
                padL += w - pw;
                pw = w + (w - pw);
            }
        }
        if (ph < h || pw < w) {
            throw new IllegalArgumentException("RandomCrop: required crop size (" + h + ", " + w
                    + ") is larger than the (padded) input image size (" + ph + ", " + pw + ")");
        }
        int fph = ph;
        int fpw = pw;
        int[] tl = random.draw(g -> new int[] {Randomness.randint(g, 0, fph - h + 1), Randomness.randint(g, 0, fpw - w + 1)});
        return ImageOps.crop(img, tl[0] - padT, tl[1] - padL, h, w, 0f);
    }
}
