package dev.nabla.train.tensorboard;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.tensor.Tensor;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.CRC32C;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SummaryWriterTest {
    @TempDir
    Path dir;

    @Test
    void crc32cAndMask() {
        byte[] check = "123456789".getBytes(StandardCharsets.US_ASCII);
        CRC32C c = new CRC32C();
        c.update(check);
        assertEquals(0xE3069283L, c.getValue()); // the CRC-32C check value
        int raw = 0xE3069283;
        int expected = ((raw >>> 15) | (raw << 17)) + 0xa282ead8;
        assertEquals(expected, TfRecord.maskedCrc32c(check, 0, check.length));
    }

    @Test
    void recordFramingRoundTripsAndDetectsCorruption() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TfRecord.write(out, new byte[] {1, 2, 3});
        TfRecord.write(out, new byte[0]);
        byte[] bytes = out.toByteArray();
        assertEquals(12 + 3 + 4 + 12 + 4, bytes.length);
        assertEquals(3, bytes[0]); // little-endian length
        var in = new ByteArrayInputStream(bytes);
        assertArrayEquals(new byte[] {1, 2, 3}, TfRecord.read(in));
        assertArrayEquals(new byte[0], TfRecord.read(in));
        assertNull(TfRecord.read(in));
        bytes[13] ^= 1; // flip a data bit
        var e = assertThrows(IOException.class, () -> TfRecord.read(new ByteArrayInputStream(bytes)));
        assertTrue(e.getMessage().contains("data CRC mismatch"), e.getMessage());
        var e2 = assertThrows(IOException.class,
                () -> TfRecord.read(new ByteArrayInputStream(java.util.Arrays.copyOf(bytes, 14))));
        assertTrue(e2.getMessage().contains("truncated"), e2.getMessage());
    }

    @Test
    void scalarValueWireBytesMatchHandEncoding() {
        // Summary.Value{tag: "a" (field 1, wire type 2), simple_value: 1.0f (field 2, wire type 5)}
        byte[] v = EventProtos.scalarValue("a", 1.0f);
        assertEquals("0a0161" + "150000803f", HexFormat.of().formatHex(v));
    }

    @Test
    void writesScalarsHistogramsAndImagesThatReadBack() throws IOException {
        Path file;
        try (SummaryWriter w = new SummaryWriter(dir)) {
            file = w.file();
            w.addScalar("loss/train", 0.5, 1);
            w.addScalar("loss/train", 0.25, 2);
            w.addScalar("accuracy", 0.75, 2);
            w.addHistogram("weights", Tensor.of(new float[] {-1, 0, 0.5f, 2, 2}, 5), 3);
            Tensor img = Tensor.zeros(3, 2, 4);
            img.set(1.0, 0, 0, 0);   // red at (0, 0)
            img.set(1.0, 2, 1, 3);   // blue at (row 1, col 3)
            w.addImage("sample", img, 4);
        }
        assertTrue(file.getFileName().toString().matches("events\\.out\\.tfevents\\.\\d{10}\\..+"), file.toString());
        List<EventFileReader.Event> events = EventFileReader.read(file);
        assertEquals(6, events.size());
        assertEquals("brain.Event:2", events.get(0).fileVersion());
        assertTrue(events.get(0).wallTime() > 1.6e9);
        List<double[]> loss = EventFileReader.scalars(file, "loss/train");
        assertEquals(2, loss.size());
        assertArrayEquals(new double[] {1, 0.5}, loss.get(0));
        assertArrayEquals(new double[] {2, 0.25}, loss.get(1));

        Histogram h = events.get(4).values().get(0).histogram();
        assertEquals(3, events.get(4).step());
        assertEquals(-1, h.min());
        assertEquals(2, h.max());
        assertEquals(5, h.count());
        assertEquals(3.5, h.sum(), 1e-12);
        assertEquals(1 + 0 + 0.25 + 4 + 4, h.sumSquares(), 1e-12);
        double total = 0;
        for (double c : h.bucketCounts()) {
            total += c;
        }
        assertEquals(5, total);
        assertEquals(h.bucketLimits().length, h.bucketCounts().length);
        assertEquals(2, h.bucketCounts()[h.bucketCounts().length - 1], "both 2s in the last bucket");

        EventFileReader.Image im = events.get(5).values().get(0).image();
        assertEquals(2, im.height());
        assertEquals(4, im.width());
        assertEquals(3, im.colorspace());
        var png = ImageIO.read(new ByteArrayInputStream(im.encoded()));
        assertEquals(0xFF0000, png.getRGB(0, 0) & 0xFFFFFF);
        assertEquals(0x0000FF, png.getRGB(3, 1) & 0xFFFFFF);
        assertEquals(0x000000, png.getRGB(1, 0) & 0xFFFFFF);
    }

    @Test
    void grayscaleImagesAndBadInput() throws IOException {
        try (SummaryWriter w = new SummaryWriter(dir)) {
            w.addImage("gray", Tensor.of(new float[] {0, 0.5f, 1, 2}, 2, 2), 0);
            var e = assertThrows(IllegalArgumentException.class, () -> w.addImage("x", Tensor.zeros(2, 3, 3), 0));
            assertTrue(e.getMessage().contains("1, 3 or 4 channels, got 2"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> w.addScalar("", 1, 0));
            var img = EventFileReader.read(w.file()).get(1).values().get(0).image();
            assertEquals(1, img.colorspace());
            var png = ImageIO.read(new ByteArrayInputStream(img.encoded()));
            assertEquals(128, png.getRaster().getSample(1, 0, 0)); // 0.5 * 255 rounded
            assertEquals(255, png.getRaster().getSample(1, 1, 0)); // 2 clamps to 1
        }
    }

    @Test
    void secondWriterInSameDirectoryGetsItsOwnFile() {
        try (SummaryWriter a = new SummaryWriter(dir); SummaryWriter b = new SummaryWriter(dir)) {
            assertNotEquals(a.file(), b.file());
            assertTrue(Files.exists(a.file()) && Files.exists(b.file()));
        }
    }

    @Test
    void histogramBucketsFollowTensorFlowDefaults() {
        double[] limits = Histogram.defaultLimits();
        assertEquals(0.0, limits[limits.length / 2]);
        assertEquals(-Double.MAX_VALUE, limits[0]);
        assertEquals(1e-12, limits[limits.length / 2 + 1], 0);
        // a value equal to a limit goes to the bucket above it
        int i = Histogram.bucketIndex(0.0);
        assertEquals(limits.length / 2 + 1, i);
        Histogram empty = Histogram.of(new float[] {Float.NaN});
        assertEquals(0, empty.count());
    }
}
