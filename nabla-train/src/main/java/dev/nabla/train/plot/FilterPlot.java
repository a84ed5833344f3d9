package dev.nabla.train.plot;

import dev.nabla.tensor.Tensor;
import java.awt.image.BufferedImage;
import java.util.Arrays;

/**
 * Shows convolution filters and feature maps as image grids.
 *
 * <p>Filters: a weight {@code (O, I, kH, kW)}; with I = 3 each filter is one RGB tile, otherwise
 * each (output, input) kernel is a grayscale tile, one row per output channel (at most
 * {@code maxInputs} inputs shown). Each tile is stretched to its own min..max, so a tile shows a
 * kernel's pattern, not its magnitude. Feature maps: an activation {@code (C, H, W)} or
 * {@code (1, C, H, W)}, one tile per channel, also stretched per channel.
 */
public final class FilterPlot {
    private FilterPlot() {}

    public static BufferedImage filters(Tensor weight, String title, int maxInputs) {
        Tensor w = weight.detach();
        if (w.dim() != 4) {
            throw new IllegalArgumentException("filter plot: weight must be (out, in, kH, kW), got "
                    + Arrays.toString(weight.shape()));
        }
        int o = w.size(0);
        int in = w.size(1);
        int kh = w.size(2);
        int kw = w.size(3);
        int scale = Math.max(4, 48 / Math.max(kh, kw));
        if (in == 3) {
            return new ImageGrid().nrow(Math.min(o, 8)).scale(scale).padding(3).normalize(true).title(title).render(w);
        }
        int shown = Math.min(in, Math.max(1, maxInputs));
        Tensor tiles = w.narrow(1, 0, shown).contiguous().reshape(o * shown, 1, kh, kw); // one tile per kernel
        int perRow = shown == 1 ? Math.min(o, 8) : shown;
        return new ImageGrid().nrow(perRow).scale(scale).padding(3).normalize(true).title(title).render(tiles);
    }

    public static BufferedImage featureMaps(Tensor activation, String title, int maxChannels) {
        Tensor a = activation.detach();
        if (a.dim() == 4 && a.size(0) == 1) {
            a = a.select(0, 0);
        }
        if (a.dim() != 3) {
            throw new IllegalArgumentException("feature maps: activation must be (C, H, W) or (1, C, H, W), got "
                    + Arrays.toString(activation.shape()));
        }
        int c = Math.min(a.size(0), Math.max(1, maxChannels));
        int h = a.size(1);
        int wd = a.size(2);
        Tensor tiles = a.narrow(0, 0, c).contiguous().reshape(c, 1, h, wd);
        int scale = Math.max(1, 84 / Math.max(h, wd));
        return new ImageGrid().nrow(8).scale(scale).padding(3).normalize(true).title(title).render(tiles);
    }
}
