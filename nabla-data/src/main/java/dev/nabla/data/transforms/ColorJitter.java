package dev.nabla.data.transforms;

import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;
import java.util.Arrays;

/**
 * Random brightness, contrast, saturation and hue changes in a random order, as
 * {@code torchvision.transforms.ColorJitter}, on (..., C, H, W) floats in [0, 1] with C = 1 or 3.
 *
 * <p>Factors: brightness, contrast and saturation ~ U(max(0, 1 - v), 1 + v); hue shift ~ U(-v, v)
 * with v &lt;= 0.5 (a fraction of the hue circle). A value of 0 leaves that property alone.
 * Brightness scales the pixels; contrast blends with the mean gray level; saturation blends with
 * the grayscale image (0.2989 R + 0.587 G + 0.114 B); hue rotates H in HSV. Results are clamped to
 * [0, 1]. Saturation and hue do nothing to 1-channel images.
 */
public final class ColorJitter implements Transform {
    private final double brightness;
    private final double contrast;
    private final double saturation;
    private final double hue;
    private final Randomness random;

    public ColorJitter(double brightness, double contrast, double saturation, double hue, Generator generator) {
        for (double[] v : new double[][] {{brightness}, {contrast}, {saturation}}) {
            if (v[0] < 0) {
                throw new IllegalArgumentException("ColorJitter: brightness, contrast and saturation must be "
                        + "non-negative, got " + brightness + ", " + contrast + ", " + saturation);
            }
        }
        if (!(hue >= 0 && hue <= 0.5)) {
            throw new IllegalArgumentException("ColorJitter: hue values should be between (-0.5, 0.5), got " + hue);
        }
        this.brightness = brightness;
        this.contrast = contrast;
        this.saturation = saturation;
        this.hue = hue;
        this.random = new Randomness(generator);
    }

    /** Brightness, contrast and saturation only. */
    public ColorJitter(double brightness, double contrast, double saturation, Generator generator) {
        this(brightness, contrast, saturation, 0, generator);
    }

    @Override
    public Tensor apply(Tensor img) {
        int[] s = ImageOps.imageShape("ColorJitter", img);
        int c = s.length >= 3 ? s[s.length - 3] : 1;
        if (c != 1 && c != 3) {
            throw new IllegalArgumentException("ColorJitter: expected 1 or 3 channels in (..., C, H, W), got shape "
                    + Arrays.toString(s));
        }
        // Draw order as torchvision: the permutation, then each enabled factor.
        double[] f = new double[4];
        int[] order = random.draw(g -> {
            int[] perm = g.permutation(4);
            f[0] = brightness > 0 ? Randomness.uniform(g, Math.max(0, 1 - brightness), 1 + brightness) : 1;
            f[1] = contrast > 0 ? Randomness.uniform(g, Math.max(0, 1 - contrast), 1 + contrast) : 1;
            f[2] = saturation > 0 ? Randomness.uniform(g, Math.max(0, 1 - saturation), 1 + saturation) : 1;
            f[3] = hue > 0 ? Randomness.uniform(g, -hue, hue) : 0;
            return perm;
        });
        float[] d = img.toFloatArray();
        int hw = s[s.length - 1] * s[s.length - 2];
        int images = d.length / Math.max(1, c * hw);
        for (int op : order) {
            for (int n = 0; n < images; n++) {
                int base = n * c * hw;
                switch (op) {
                    case 0 -> { if (brightness > 0) { brightness(d, base, c * hw, (float) f[0]); } }
                    case 1 -> { if (contrast > 0) { contrast(d, base, c, hw, (float) f[1]); } }
                    case 2 -> { if (saturation > 0 && c == 3) { saturation(d, base, hw, (float) f[2]); } }
                    default -> { if (hue > 0 && c == 3) { hue(d, base, hw, f[3]); } }
                }
            }
        }
        return Tensor.wrap(d, s);
    }

    static float clamp01(float v) {
        return v < 0 ? 0 : (v > 1 ? 1 : v);
    }

    static float gray(float[] d, int base, int hw, int i) {
        return 0.2989f * d[base + i] + 0.587f * d[base + hw + i] + 0.114f * d[base + 2 * hw + i];
    }

    static void brightness(float[] d, int base, int n, float f) {
        for (int i = base; i < base + n; i++) {
            d[i] = clamp01(d[i] * f);
        }
    }

    static void contrast(float[] d, int base, int c, int hw, float f) {
        double sum = 0;
        for (int i = 0; i < hw; i++) {
            sum += c == 3 ? gray(d, base, hw, i) : d[base + i];
        }
        float mean = (float) (sum / hw);
        for (int i = base; i < base + c * hw; i++) {
            d[i] = clamp01(f * d[i] + (1 - f) * mean);
        }
    }

    static void saturation(float[] d, int base, int hw, float f) {
        for (int i = 0; i < hw; i++) {
            float g = gray(d, base, hw, i);
            for (int ch = 0; ch < 3; ch++) {
                int p = base + ch * hw + i;
                d[p] = clamp01(f * d[p] + (1 - f) * g);
            }
        }
    }

    /** Shifts hue by {@code shift} turns through HSV. */
    static void hue(float[] d, int base, int hw, double shift) {
        for (int i = 0; i < hw; i++) {
            double r = d[base + i];
            double g = d[base + hw + i];
            double b = d[base + 2 * hw + i];
            double max = Math.max(r, Math.max(g, b));
            double min = Math.min(r, Math.min(g, b));
            double cr = max - min;
            double h;
            if (cr == 0) {
                h = 0;
            } else if (max == r) {
                h = ((g - b) / cr) / 6.0;
            } else if (max == g) {
                h = ((b - r) / cr + 2) / 6.0;
            } else {
                h = ((r - g) / cr + 4) / 6.0;
            }
            double sat = max == 0 ? 0 : cr / max;
            h = h + shift;
            h = h - Math.floor(h);
            // HSV back to RGB.
            double v = max;
            double h6 = h * 6;
            int sector = (int) Math.floor(h6) % 6;
            double frac = h6 - Math.floor(h6);
            double p = v * (1 - sat);
            double q = v * (1 - sat * frac);
            double t = v * (1 - sat * (1 - frac));
            double ro;
            double go;
            double bo;
            switch (sector) {
                case 0 -> { ro = v; go = t; bo = p; }
                case 1 -> { ro = q; go = v; bo = p; }
                case 2 -> { ro = p; go = v; bo = t; }
                case 3 -> { ro = p; go = q; bo = v; }
                case 4 -> { ro = t; go = p; bo = v; }
                default -> { ro = v; go = p; bo = q; }
            }
            d[base + i] = clamp01((float) ro);
            d[base + hw + i] = clamp01((float) go);
            d[base + 2 * hw + i] = clamp01((float) bo);
        }
    }
}
