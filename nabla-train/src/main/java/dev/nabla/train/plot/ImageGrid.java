package dev.nabla.train.plot;

import dev.nabla.tensor.DType;
import dev.nabla.tensor.Tensor;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.Arrays;

/**
 * Tiles a batch of images {@code (N, C, H, W)} (C = 1 or 3) into one picture, as torchvision's
 * {@code make_grid}: {@code nrow} images per row, {@code padding} pixels between them, each pixel
 * drawn as a {@code scale x scale} block (28x28 digits are unreadable at 1:1), and an optional
 * caption under each tile (e.g. "shirt 0.93", green when right, red when wrong).
 *
 * <p>Values: with {@code normalize}, each image is stretched to its own min..max (needed for
 * weights and feature maps, whose range is arbitrary); otherwise values are taken as [0, 1] and clamped.
 */
public final class ImageGrid {
    private int nrow = 8;
    private int padding = 2;
    private int scale = 1;
    private boolean normalize;
    private String title;
    private String[] captions;
    private Color[] captionColors;

    public ImageGrid nrow(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("image grid: nrow must be >= 1, got " + n);
        }
        this.nrow = n;
        return this;
    }

    public ImageGrid padding(int p) {
        this.padding = Math.max(0, p);
        return this;
    }

    public ImageGrid scale(int s) {
        if (s < 1) {
            throw new IllegalArgumentException("image grid: scale must be >= 1, got " + s);
        }
        this.scale = s;
        return this;
    }

    public ImageGrid normalize(boolean on) {
        this.normalize = on;
        return this;
    }

    public ImageGrid title(String t) {
        this.title = t;
        return this;
    }

    /** One caption per image (null entries allowed); colors may be null (black). */
    public ImageGrid captions(String[] texts, Color[] colors) {
        this.captions = texts;
        this.captionColors = colors;
        return this;
    }

    /** Renders the grid. */
    public BufferedImage render(Tensor images) {
        Tensor t = images.detach();
        if (t.dim() == 3) {
            t = t.unsqueeze(1); // (N, H, W) -> (N, 1, H, W)
        }
        if (t.dim() != 4 || t.dtype() != DType.FLOAT32 || (t.size(1) != 1 && t.size(1) != 3)) {
            throw new IllegalArgumentException("image grid: images must be float (N, 1|3, H, W) or (N, H, W), got "
                    + images.dtype().torchName() + " " + Arrays.toString(images.shape()));
        }
        int n = t.size(0);
        int c = t.size(1);
        int h = t.size(2);
        int w = t.size(3);
        if (n == 0) {
            throw new IllegalArgumentException("image grid: no images (shape " + Arrays.toString(images.shape()) + ")");
        }
        if (captions != null && captions.length != n) {
            throw new IllegalArgumentException("image grid: " + captions.length + " captions for " + n + " images");
        }
        float[] v = t.contiguousFloats();
        int cols = Math.min(nrow, n);
        int rows = (n + cols - 1) / cols;
        int tileW = w * scale;
        int tileH = h * scale;
        Font font = new Font(Font.SANS_SERIF, Font.PLAIN, Math.max(10, Math.min(14, tileW / 6)));
        int captionH = captions == null ? 0 : font.getSize() + 6;
        int titleH = title == null ? 0 : 26;
        int captionW = 0;
        if (captions != null) {
            // Widen cells to the longest caption so none is cut (measured on a scratch image).
            Graphics2D probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
            FontMetrics fm = probe.getFontMetrics(font);
            for (String cap : captions) {
                captionW = Math.max(captionW, cap == null ? 0 : fm.stringWidth(cap) + 4);
            }
            probe.dispose();
        }
        int cellW = Math.max(tileW, captionW) + padding;
        int cellH = tileH + captionH + padding;
        Font titleFont = new Font(Font.SANS_SERIF, Font.BOLD, 15);
        int width = padding + cols * cellW;
        if (title != null) {
            // Never cut the title: widen the canvas to fit it.
            Graphics2D probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
            width = Math.max(width, probe.getFontMetrics(titleFont).stringWidth(title) + padding + 6);
            probe.dispose();
        }
        BufferedImage out = new BufferedImage(width, titleH + padding + rows * cellH, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(captions == null && title == null ? Color.BLACK : Color.WHITE);
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        if (title != null) {
            g.setColor(Color.BLACK);
            g.setFont(titleFont);
            g.drawString(title, padding + 2, 18);
        }
        int plane = h * w;
        int img = c * plane;
        for (int i = 0; i < n; i++) {
            int x0 = padding + (i % cols) * cellW + (cellW - padding - tileW) / 2;
            int y0 = titleH + padding + (i / cols) * cellH;
            float lo = 0;
            float range = 1;
            if (normalize) {
                float mn = Float.POSITIVE_INFINITY;
                float mx = Float.NEGATIVE_INFINITY;
                for (int k = i * img; k < (i + 1) * img; k++) {
                    mn = Math.min(mn, v[k]);
                    mx = Math.max(mx, v[k]);
                }
                lo = mn;
                range = mx > mn ? mx - mn : 1;
            }
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int p = i * img + y * w + x;
                    int r = byteOf((v[p] - lo) / range);
                    int gg = c == 3 ? byteOf((v[p + plane] - lo) / range) : r;
                    int b = c == 3 ? byteOf((v[p + 2 * plane] - lo) / range) : r;
                    g.setColor(new Color(r, gg, b));
                    g.fillRect(x0 + x * scale, y0 + y * scale, scale, scale);
                }
            }
            if (captions != null && captions[i] != null) {
                g.setFont(font);
                g.setColor(captionColors != null && captionColors[i] != null ? captionColors[i] : Color.BLACK);
                FontMetrics fm = g.getFontMetrics();
                String text = captions[i];
                g.drawString(text, x0 + (tileW - fm.stringWidth(text)) / 2, y0 + tileH + font.getSize() + 2);
            }
        }
        g.dispose();
        return out;
    }

    private static int byteOf(float v) {
        if (!(v > 0)) {
            return 0;
        }
        return v >= 1 ? 255 : Math.round(v * 255);
    }
}
