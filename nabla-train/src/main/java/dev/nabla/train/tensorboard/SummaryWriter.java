package dev.nabla.train.tensorboard;

import dev.nabla.tensor.Tensor;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import javax.imageio.ImageIO;

/**
 * Writes TensorBoard event files, as {@code torch.utils.tensorboard.SummaryWriter}: scalars,
 * histograms and PNG images, one file {@code events.out.tfevents.<seconds>.<host>} per writer in
 * {@code logDir}. Every event is flushed as it is written, so a killed run loses nothing already
 * logged and {@code tensorboard --logdir} sees values while training runs.
 *
 * <pre>{@code
 * try (var tb = new SummaryWriter(Path.of("runs/exp1"))) {
 *     tb.addScalar("loss/train", 0.42, step);
 *     tb.addHistogram("fc1.weight", model.fc1.weight, epoch);
 *     tb.addImage("samples", grid, epoch);   // (C, H, W) in [0, 1]
 * }
 * }</pre>
 */
public final class SummaryWriter implements Closeable {
    private final Path file;
    private final OutputStream out;
    private boolean closed;

    /** Creates {@code logDir} if needed and starts a new event file in it. */
    public SummaryWriter(Path logDir) {
        try {
            Files.createDirectories(logDir);
            String base = "events.out.tfevents." + (System.currentTimeMillis() / 1000) + "." + hostName();
            Path f = logDir.resolve(base);
            // Two writers started in the same second (a quick resume) must not share a file.
            for (int i = 1; Files.exists(f); i++) {
                f = logDir.resolve(base + "." + i);
            }
            this.file = f;
            this.out = Files.newOutputStream(f, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            writeEvent(EventProtos.fileVersionEvent(now()));
        } catch (IOException e) {
            throw new UncheckedIOException("SummaryWriter: cannot create an event file in " + logDir, e);
        }
    }

    /** The event file being written. */
    public Path file() {
        return file;
    }

    /** Logs a scalar (stored as float32, as TensorBoard does). */
    public void addScalar(String tag, double value, long step) {
        writeSummary(step, EventProtos.scalarValue(checkTag(tag), (float) value));
    }

    /** Logs the distribution of every element of {@code values} (any shape). */
    public void addHistogram(String tag, Tensor values, long step) {
        addHistogram(tag, values.detach().toFloatArray(), step);
    }

    public void addHistogram(String tag, float[] values, long step) {
        writeSummary(step, EventProtos.histogramValue(checkTag(tag), Histogram.of(values)));
    }

    /**
     * Logs an image given as a float tensor {@code (C, H, W)} with values in [0, 1] (clamped),
     * C = 1 (grayscale), 3 (RGB) or 4 (RGBA); or {@code (H, W)} for grayscale.
     */
    public void addImage(String tag, Tensor image, long step) {
        addImage(tag, ImageTensors.toImage("addImage", image), step);
    }

    /** Logs an image, PNG-encoded. */
    public void addImage(String tag, BufferedImage image, long step) {
        int colorspace = switch (image.getType()) {
            case BufferedImage.TYPE_BYTE_GRAY -> 1;
            case BufferedImage.TYPE_INT_ARGB, BufferedImage.TYPE_4BYTE_ABGR -> 4;
            default -> 3;
        };
        writeSummary(step, EventProtos.imageValue(checkTag(tag), image.getHeight(), image.getWidth(),
                colorspace, png(image)));
    }

    /** Pushes buffered bytes to the file (events are already flushed one by one). */
    public void flush() {
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("SummaryWriter: cannot flush " + file, e);
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("SummaryWriter: cannot close " + file, e);
        }
    }

    static byte[] png(BufferedImage image) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            if (!ImageIO.write(image, "png", bytes)) {
                throw new IllegalStateException("SummaryWriter: no PNG encoder available");
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void writeSummary(long step, byte[] value) {
        writeEvent(EventProtos.summaryEvent(now(), step, value));
    }

    private synchronized void writeEvent(byte[] event) {
        if (closed) {
            throw new IllegalStateException("SummaryWriter: " + file + " is closed");
        }
        try {
            TfRecord.write(out, event);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("SummaryWriter: cannot write to " + file, e);
        }
    }

    private static String checkTag(String tag) {
        if (tag == null || tag.isEmpty()) {
            throw new IllegalArgumentException("SummaryWriter: tag must be a non-empty string, got "
                    + (tag == null ? "null" : "\"\""));
        }
        return tag;
    }

    private static double now() {
        return System.currentTimeMillis() / 1000.0;
    }

    private static String hostName() {
        String h = System.getenv("HOSTNAME");
        if (h == null || h.isBlank()) {
            try {
                h = InetAddress.getLocalHost().getHostName();
            } catch (IOException e) {
                h = "localhost";
            }
        }
        // Keep the name usable as a file name on every system.
        return h.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    @Override
    public String toString() {
        return "SummaryWriter[" + file + "]" + (closed ? " (closed)" : "");
    }
}
