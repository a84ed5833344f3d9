package dev.nabla.data.transforms;

import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;

/**
 * A random window of random area and aspect ratio, resized to (h, w), as
 * {@code torchvision.transforms.RandomResizedCrop} (Szegedy et al., 2015, "Going deeper with
 * convolutions"): up to 10 tries of area fraction ~ U(scale) and log-ratio ~ U(log ratio); if none
 * fits, the largest central window within the ratio range.
 */
public final class RandomResizedCrop implements Transform {
    private final int h;
    private final int w;
    private final double[] scale;
    private final double[] ratio;
    private final boolean antialias;
    private final Randomness random;

    /** Defaults: scale (0.08, 1), ratio (3/4, 4/3), antialias. */
    public RandomResizedCrop(int size, Generator generator) {
        this(size, size, new double[] {0.08, 1.0}, new double[] {3.0 / 4, 4.0 / 3}, true, generator);
    }

    public RandomResizedCrop(int h, int w, double[] scale, double[] ratio, boolean antialias, Generator generator) {
        if (h <= 0 || w <= 0) {
            throw new IllegalArgumentException("RandomResizedCrop: size must be positive, got " + h + "x" + w);
        }
        if (scale.length != 2 || ratio.length != 2 || scale[0] > scale[1] || ratio[0] > ratio[1] || scale[0] < 0
                || ratio[0] <= 0) {
            throw new IllegalArgumentException("RandomResizedCrop: scale and ratio should be (min, max) pairs of "
                    + "positive values, got scale " + java.util.Arrays.toString(scale) + ", ratio "
                    + java.util.Arrays.toString(ratio));
        }
        this.h = h;
        this.w = w;
        this.scale = scale.clone();
        this.ratio = ratio.clone();
        this.antialias = antialias;
        this.random = new Randomness(generator);
    }

    /** The window {top, left, height, width} for an image of the given size, as torchvision's get_params. */
    static int[] params(Generator g, int height, int width, double[] scale, double[] ratio) {
        double area = (double) height * width;
        // As torchvision: log of a float32 tensor of the ratios, exp of the float32 draw.
        double logLo = (float) Math.log((float) ratio[0]);
        double logHi = (float) Math.log((float) ratio[1]);
        for (int attempt = 0; attempt < 10; attempt++) {
            double target = area * Randomness.uniform(g, scale[0], scale[1]);
            double aspect = (float) Math.exp(Randomness.uniform(g, logLo, logHi));
            int cw = (int) Math.rint(Math.sqrt(target * aspect));
            int ch = (int) Math.rint(Math.sqrt(target / aspect));
            if (cw > 0 && cw <= width && ch > 0 && ch <= height) {
                int top = Randomness.randint(g, 0, height - ch + 1);
                int left = Randomness.randint(g, 0, width - cw + 1);
                return new int[] {top, left, ch, cw};
            }
        }
        double inRatio = (double) width / height;
        int cw;
        int ch;
        if (inRatio < ratio[0]) {
            cw = width;
            ch = (int) Math.rint(cw / ratio[0]);
        } else if (inRatio > ratio[1]) {
            ch = height;
            cw = (int) Math.rint(ch * ratio[1]);
        } else {
            cw = width;
            ch = height;
        }
        return new int[] {(height - ch) / 2, (width - cw) / 2, ch, cw};
    }

    @Override
    public Tensor apply(Tensor img) {
        int[] s = ImageOps.imageShape("RandomResizedCrop", img);
        int ih = s[s.length - 2];
        int iw = s[s.length - 1];
        int[] p = random.draw(g -> params(g, ih, iw, scale, ratio));
        return ImageOps.resize(ImageOps.crop(img, p[0], p[1], p[2], p[3], 0f), h, w, antialias);
    }
}
