package dev.nabla.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nabla.tensor.DType;
import dev.nabla.tensor.Tensor;

/** Converts the conformance format's {@code {"shape", "dtype", "data"}} objects to tensors. */
public final class JsonTensors {
    private JsonTensors() {
    }

    /** True when the node is a tensor object (has shape and data). */
    public static boolean isTensor(JsonNode n) {
        return n != null && n.isObject() && n.has("shape") && n.has("data");
    }

    public static Tensor toTensor(JsonNode n) {
        JsonNode shapeNode = n.get("shape");
        int[] shape = new int[shapeNode.size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = shapeNode.get(i).asInt();
        }
        DType dtype = n.has("dtype") ? DType.fromTorchName(n.get("dtype").asText()) : DType.FLOAT32;
        JsonNode data = n.get("data");
        int count = data.size();
        switch (dtype) {
            case FLOAT32 -> {
                float[] v = new float[count];
                for (int i = 0; i < count; i++) {
                    v[i] = parseFloat(data.get(i));
                }
                return Tensor.of(v, shape);
            }
            case INT64 -> {
                long[] v = new long[count];
                for (int i = 0; i < count; i++) {
                    v[i] = data.get(i).asLong();
                }
                return Tensor.ofLongs(v, shape);
            }
            default -> {
                boolean[] v = new boolean[count];
                for (int i = 0; i < count; i++) {
                    JsonNode e = data.get(i);
                    v[i] = e.isBoolean() ? e.asBoolean() : e.asDouble() != 0;
                }
                return Tensor.ofBools(v, shape);
            }
        }
    }

    private static float parseFloat(JsonNode e) {
        if (e.isTextual()) {
            String s = e.asText().toLowerCase();
            return switch (s) {
                case "nan" -> Float.NaN;
                case "inf", "infinity" -> Float.POSITIVE_INFINITY;
                case "-inf", "-infinity" -> Float.NEGATIVE_INFINITY;
                default -> Float.parseFloat(s);
            };
        }
        return (float) e.asDouble();
    }
}
