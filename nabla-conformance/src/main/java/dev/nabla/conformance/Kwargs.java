package dev.nabla.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;

/** Typed access to a case's {@code kwargs} with PyTorch's defaults supplied by the caller. */
public final class Kwargs {
    private final JsonNode node;

    public Kwargs(JsonNode node) {
        this.node = node == null ? NullNode.getInstance() : node;
    }

    public boolean has(String key) {
        return node.has(key) && !node.get(key).isNull();
    }

    public JsonNode raw(String key) {
        return node.get(key);
    }

    /** A number; the strings "inf", "-inf" and "nan" (how the format writes non-finite values) included. */
    public double getDouble(String key, double dflt) {
        return has(key) ? number(node.get(key)) : dflt;
    }

    public float getFloat(String key, double dflt) {
        return (float) getDouble(key, dflt);
    }

    public int getInt(String key, int dflt) {
        return has(key) ? node.get(key).asInt() : dflt;
    }

    public boolean getBool(String key, boolean dflt) {
        return has(key) ? node.get(key).asBoolean() : dflt;
    }

    public String getString(String key, String dflt) {
        return has(key) ? node.get(key).asText() : dflt;
    }

    /** An int or a list of ints; a single int is repeated {@code n} times (as torch's _pair). */
    public int[] getInts(String key, int n, int dflt) {
        if (!has(key)) {
            int[] out = new int[n];
            java.util.Arrays.fill(out, dflt);
            return out;
        }
        return ints(node.get(key), n);
    }

    /** A list of ints of any length, or null if absent; a single int becomes a one-element list. */
    public int[] getIntList(String key) {
        if (!has(key)) {
            return null;
        }
        JsonNode v = node.get(key);
        if (!v.isArray()) {
            return new int[] {v.asInt()};
        }
        int[] out = new int[v.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = v.get(i).asInt();
        }
        return out;
    }

    /** A list of doubles, or null if absent. */
    public double[] getDoubles(String key) {
        if (!has(key)) {
            return null;
        }
        JsonNode v = node.get(key);
        if (!v.isArray()) {
            return new double[] {number(v)};
        }
        double[] out = new double[v.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = number(v.get(i));
        }
        return out;
    }

    private static int[] ints(JsonNode v, int n) {
        int[] out = new int[n];
        if (v.isArray()) {
            if (v.size() == 1) {
                java.util.Arrays.fill(out, v.get(0).asInt());
                return out;
            }
            if (v.size() != n) {
                throw new IllegalArgumentException("expected " + n + " values but got " + v);
            }
            for (int i = 0; i < n; i++) {
                out[i] = v.get(i).asInt();
            }
        } else {
            java.util.Arrays.fill(out, v.asInt());
        }
        return out;
    }

    @Override
    public String toString() {
        return node.toString();
    }

    /**
     * A JSON number, or a string holding one: "inf"/"infinity", "-inf"/"-infinity" and "nan" (any case), as the
     * format writes non-finite values, or a decimal. Anything else is an error rather than Jackson's silent 0.
     */
    public static double number(JsonNode n) {
        if (n == null || n.isNull()) {
            throw new IllegalArgumentException("case lacks a number");
        }
        if (n.isNumber()) {
            return n.asDouble();
        }
        if (n.isTextual()) {
            String s = n.asText().trim().toLowerCase(java.util.Locale.ROOT);
            return switch (s) {
                case "inf", "+inf", "infinity", "+infinity" -> Double.POSITIVE_INFINITY;
                case "-inf", "-infinity" -> Double.NEGATIVE_INFINITY;
                case "nan" -> Double.NaN;
                default -> {
                    try {
                        yield Double.parseDouble(s);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("expected a number, got \"" + n.asText() + "\"");
                    }
                }
            };
        }
        if (n.isBoolean()) {
            return n.asBoolean() ? 1 : 0;   // Python's True/False where a number is expected
        }
        throw new IllegalArgumentException("expected a number, got " + n);
    }
}
