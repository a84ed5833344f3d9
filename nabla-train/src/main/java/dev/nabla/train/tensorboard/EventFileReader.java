package dev.nabla.train.tensorboard;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads TensorBoard event files back: the TFRecord frames (CRC-checked) and the Event, Summary,
 * Image and HistogramProto fields {@link SummaryWriter} writes; other fields are skipped, as any
 * protobuf reader does. Used by tests and by tools that want logged values without TensorBoard.
 */
public final class EventFileReader {
    /** One event: a file-version header (fileVersion set) or a summary with values. */
    public record Event(double wallTime, long step, String fileVersion, List<Value> values) {}

    /** One summary value; exactly one of simpleValue / image / histogram is meaningful. */
    public record Value(String tag, Float simpleValue, Image image, Histogram histogram) {}

    /** An encoded image as stored. */
    public record Image(int height, int width, int colorspace, byte[] encoded) {}

    private EventFileReader() {}

    public static List<Event> read(Path file) throws IOException {
        List<Event> events = new ArrayList<>();
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            byte[] rec;
            while ((rec = TfRecord.read(in)) != null) {
                events.add(parseEvent(rec));
            }
        }
        return events;
    }

    /** All scalar values of one tag, in file order, as {@code [step, value]} pairs. */
    public static List<double[]> scalars(Path file, String tag) throws IOException {
        List<double[]> out = new ArrayList<>();
        for (Event e : read(file)) {
            for (Value v : e.values()) {
                if (v.tag().equals(tag) && v.simpleValue() != null) {
                    out.add(new double[] {e.step(), v.simpleValue()});
                }
            }
        }
        return out;
    }

    static Event parseEvent(byte[] bytes) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(bytes);
        double wall = 0;
        long step = 0;
        String version = null;
        List<Value> values = new ArrayList<>();
        int tag;
        while ((tag = in.readTag()) != 0) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case EventProtos.EVENT_WALL_TIME -> wall = in.readDouble();
                case EventProtos.EVENT_STEP -> step = in.readInt64();
                case EventProtos.EVENT_FILE_VERSION -> version = in.readString();
                case EventProtos.EVENT_SUMMARY -> values.addAll(parseSummary(in.readByteArray()));
                default -> in.skipField(tag);
            }
        }
        return new Event(wall, step, version, values);
    }

    private static List<Value> parseSummary(byte[] bytes) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(bytes);
        List<Value> out = new ArrayList<>();
        int tag;
        while ((tag = in.readTag()) != 0) {
            if (WireFormat.getTagFieldNumber(tag) == EventProtos.SUMMARY_VALUE) {
                out.add(parseValue(in.readByteArray()));
            } else {
                in.skipField(tag);
            }
        }
        return out;
    }

    private static Value parseValue(byte[] bytes) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(bytes);
        String name = null;
        Float simple = null;
        Image image = null;
        Histogram histo = null;
        int tag;
        while ((tag = in.readTag()) != 0) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case EventProtos.VALUE_TAG -> name = in.readString();
                case EventProtos.VALUE_SIMPLE -> simple = in.readFloat();
                case EventProtos.VALUE_IMAGE -> image = parseImage(in.readByteArray());
                case EventProtos.VALUE_HISTO -> histo = parseHistogram(in.readByteArray());
                default -> in.skipField(tag);
            }
        }
        return new Value(name, simple, image, histo);
    }

    private static Image parseImage(byte[] bytes) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(bytes);
        int h = 0;
        int w = 0;
        int cs = 0;
        byte[] enc = new byte[0];
        int tag;
        while ((tag = in.readTag()) != 0) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case EventProtos.IMAGE_HEIGHT -> h = in.readInt32();
                case EventProtos.IMAGE_WIDTH -> w = in.readInt32();
                case EventProtos.IMAGE_COLORSPACE -> cs = in.readInt32();
                case EventProtos.IMAGE_ENCODED -> enc = in.readByteArray();
                default -> in.skipField(tag);
            }
        }
        return new Image(h, w, cs, enc);
    }

    private static Histogram parseHistogram(byte[] bytes) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(bytes);
        double min = 0, max = 0, num = 0, sum = 0, sumSq = 0;
        double[] limits = new double[0];
        double[] counts = new double[0];
        int tag;
        while ((tag = in.readTag()) != 0) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case EventProtos.HISTO_MIN -> min = in.readDouble();
                case EventProtos.HISTO_MAX -> max = in.readDouble();
                case EventProtos.HISTO_NUM -> num = in.readDouble();
                case EventProtos.HISTO_SUM -> sum = in.readDouble();
                case EventProtos.HISTO_SUM_SQUARES -> sumSq = in.readDouble();
                case EventProtos.HISTO_BUCKET_LIMIT -> limits = readPackedDoubles(in, tag);
                case EventProtos.HISTO_BUCKET -> counts = readPackedDoubles(in, tag);
                default -> in.skipField(tag);
            }
        }
        return new Histogram(min, max, num, sum, sumSq, limits, counts);
    }

    private static double[] readPackedDoubles(CodedInputStream in, int tag) throws IOException {
        if (WireFormat.getTagWireType(tag) != WireFormat.WIRETYPE_LENGTH_DELIMITED) {
            return new double[] {in.readDouble()}; // unpacked single element
        }
        byte[] raw = in.readByteArray();
        ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        double[] out = new double[raw.length / 8];
        for (int i = 0; i < out.length; i++) {
            out[i] = b.getDouble();
        }
        return out;
    }
}
