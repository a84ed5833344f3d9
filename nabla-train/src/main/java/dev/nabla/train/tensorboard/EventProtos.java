package dev.nabla.train.tensorboard;

import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Encodes the TensorFlow {@code Event}, {@code Summary}, {@code Summary.Image} and
 * {@code HistogramProto} messages that TensorBoard reads, field by field with protobuf's
 * {@link CodedOutputStream}. Field numbers are those of tensorflow/core/util/event.proto and
 * tensorflow/core/framework/summary.proto.
 */
final class EventProtos {
    // Event
    static final int EVENT_WALL_TIME = 1;     // double
    static final int EVENT_STEP = 2;          // int64
    static final int EVENT_FILE_VERSION = 3;  // string
    static final int EVENT_SUMMARY = 5;       // Summary
    // Summary
    static final int SUMMARY_VALUE = 1;       // repeated Summary.Value
    // Summary.Value
    static final int VALUE_TAG = 1;           // string
    static final int VALUE_SIMPLE = 2;        // float
    static final int VALUE_IMAGE = 4;         // Summary.Image
    static final int VALUE_HISTO = 5;         // HistogramProto
    // Summary.Image
    static final int IMAGE_HEIGHT = 1;
    static final int IMAGE_WIDTH = 2;
    static final int IMAGE_COLORSPACE = 3;
    static final int IMAGE_ENCODED = 4;
    // HistogramProto
    static final int HISTO_MIN = 1;
    static final int HISTO_MAX = 2;
    static final int HISTO_NUM = 3;
    static final int HISTO_SUM = 4;
    static final int HISTO_SUM_SQUARES = 5;
    static final int HISTO_BUCKET_LIMIT = 6;  // packed double
    static final int HISTO_BUCKET = 7;        // packed double

    private EventProtos() {}

    @FunctionalInterface
    interface Body {
        void write(CodedOutputStream out) throws IOException;
    }

    static byte[] encode(Body body) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            CodedOutputStream out = CodedOutputStream.newInstance(bytes);
            body.write(out);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // cannot happen for a byte array
        }
    }

    /** The first event of every file: {@code file_version: "brain.Event:2"}. */
    static byte[] fileVersionEvent(double wallTime) {
        return encode(out -> {
            out.writeDouble(EVENT_WALL_TIME, wallTime);
            out.writeString(EVENT_FILE_VERSION, "brain.Event:2");
        });
    }

    /** An event holding one summary value (already encoded as a {@code Summary.Value}). */
    static byte[] summaryEvent(double wallTime, long step, byte[] value) {
        byte[] summary = encode(out -> out.writeByteArray(SUMMARY_VALUE, value));
        return encode(out -> {
            out.writeDouble(EVENT_WALL_TIME, wallTime);
            out.writeInt64(EVENT_STEP, step);
            out.writeByteArray(EVENT_SUMMARY, summary);
        });
    }

    static byte[] scalarValue(String tag, float value) {
        return encode(out -> {
            out.writeString(VALUE_TAG, tag);
            out.writeFloat(VALUE_SIMPLE, value);
        });
    }

    static byte[] imageValue(String tag, int height, int width, int colorspace, byte[] png) {
        byte[] image = encode(out -> {
            out.writeInt32(IMAGE_HEIGHT, height);
            out.writeInt32(IMAGE_WIDTH, width);
            out.writeInt32(IMAGE_COLORSPACE, colorspace);
            out.writeByteArray(IMAGE_ENCODED, png);
        });
        return encode(out -> {
            out.writeString(VALUE_TAG, tag);
            out.writeByteArray(VALUE_IMAGE, image);
        });
    }

    static byte[] histogramValue(String tag, Histogram h) {
        byte[] histo = encode(out -> {
            out.writeDouble(HISTO_MIN, h.min());
            out.writeDouble(HISTO_MAX, h.max());
            out.writeDouble(HISTO_NUM, h.count());
            out.writeDouble(HISTO_SUM, h.sum());
            out.writeDouble(HISTO_SUM_SQUARES, h.sumSquares());
            writePacked(out, HISTO_BUCKET_LIMIT, h.bucketLimits());
            writePacked(out, HISTO_BUCKET, h.bucketCounts());
        });
        return encode(out -> {
            out.writeString(VALUE_TAG, tag);
            out.writeByteArray(VALUE_HISTO, histo);
        });
    }

    private static void writePacked(CodedOutputStream out, int field, double[] values) throws IOException {
        if (values.length == 0) {
            return;
        }
        out.writeTag(field, com.google.protobuf.WireFormat.WIRETYPE_LENGTH_DELIMITED);
        out.writeUInt32NoTag(values.length * 8);
        for (double v : values) {
            out.writeDoubleNoTag(v);
        }
    }
}
