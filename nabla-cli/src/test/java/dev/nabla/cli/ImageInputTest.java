package dev.nabla.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.tensor.Tensor;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageInputTest {
    @TempDir
    Path dir;

    private Path picture(String name, String format, Color background, Color square) throws IOException {
        BufferedImage img = new BufferedImage(112, 84, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(background);
        g.fillRect(0, 0, 112, 84);
        g.setColor(square);
        g.fillRect(28, 21, 56, 42); // centre half
        g.dispose();
        Path f = dir.resolve(name);
        ImageIO.write(img, format, f.toFile());
        return f;
    }

    @Test
    void resizesToGrayscaleAndInvertsLightBackgrounds() throws IOException {
        Tensor dark = ImageInput.read(picture("a.png", "png", Color.BLACK, Color.WHITE), 28, ImageInput.Invert.AUTO);
        assertArrayEquals(new int[] {1, 28, 28}, dark.shape());
        assertEquals(0f, dark.getFloat(0, 0, 0), 1e-6);
        assertEquals(1f, dark.getFloat(0, 14, 14), 1e-6);
        // light background: inverted so the object is light on black, as in Fashion-MNIST
        Tensor light = ImageInput.read(picture("b.jpg", "jpg", Color.WHITE, Color.BLACK), 28, ImageInput.Invert.AUTO);
        assertEquals(0f, light.getFloat(0, 0, 0), 0.05);
        assertEquals(1f, light.getFloat(0, 14, 14), 0.05);
        Tensor kept = ImageInput.read(picture("c.png", "png", Color.WHITE, Color.BLACK), 28, ImageInput.Invert.NO);
        assertEquals(1f, kept.getFloat(0, 0, 0), 1e-6);
        // luma of pure red, as PIL's convert("L")
        Tensor red = ImageInput.read(picture("d.png", "png", Color.RED, Color.RED), 28, ImageInput.Invert.NO);
        assertEquals(0.299f, red.getFloat(0, 5, 5), 1e-3);
    }

    @Test
    void unreadableImagesGetClearMessages() throws IOException {
        Path text = dir.resolve("notes.png");
        Files.writeString(text, "not an image");
        var e = assertThrows(IllegalArgumentException.class, () -> ImageInput.read(text, 28, ImageInput.Invert.AUTO));
        assertTrue(e.getMessage().contains("cannot read image") && e.getMessage().contains("not a PNG or JPEG"),
                e.getMessage());
        var e2 = assertThrows(IllegalArgumentException.class,
                () -> ImageInput.read(dir.resolve("missing.png"), 28, ImageInput.Invert.AUTO));
        assertTrue(e2.getMessage().contains("no such file"), e2.getMessage());
    }
}
