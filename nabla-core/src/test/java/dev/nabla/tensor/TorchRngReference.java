package dev.nabla.tensor;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The values torch 1.13 (CPU) drew for given seeds and shapes, read from torch-rng-reference.txt, which
 * tools/torch_rng_reference.py writes by running torch (one case per line: name, kind, count, values).
 */
public final class TorchRngReference {
    /** One case: float32 bit patterns, int64 values, or a float64 sum; stride for strided samples (else 1). */
    public record Case(String name, float[] floats, long[] longs, double sum, int count, int stride) {
    }

    private static Map<String, Case> cases;

    private TorchRngReference() {
    }

    public static synchronized Case get(String name) {
        if (cases == null) {
            cases = load();
        }
        Case c = cases.get(name);
        if (c == null) {
            throw new IllegalArgumentException("torch-rng-reference.txt has no case " + name);
        }
        return c;
    }

    public static float[] floats(String name) {
        return get(name).floats();
    }

    public static long[] longs(String name) {
        return get(name).longs();
    }

    private static Map<String, Case> load() {
        Map<String, Case> out = new HashMap<>();
        try (InputStream in = TorchRngReference.class.getResourceAsStream("/torch-rng-reference.txt");
                BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII))) {
            String line;
            while ((line = r.readLine()) != null) {
                String[] f = line.split(" ");
                String name = f[0];
                String kind = f[1];
                int count = Integer.parseInt(f[2]);
                int at = 3;
                int stride = 1;
                if (f.length > 3 && f[3].startsWith("stride=")) {
                    stride = Integer.parseInt(f[3].substring(7));
                    at = 4;
                }
                switch (kind) {
                    case "f32" -> {
                        float[] v = new float[count];
                        for (int i = 0; i < count; i++) {
                            v[i] = Float.intBitsToFloat(Integer.parseUnsignedInt(f[at + i], 16));
                        }
                        out.put(name, new Case(name, v, null, Double.NaN, count, stride));
                    }
                    case "i64" -> {
                        long[] v = new long[count];
                        for (int i = 0; i < count; i++) {
                            v[i] = Long.parseLong(f[at + i]);
                        }
                        out.put(name, new Case(name, null, v, Double.NaN, count, stride));
                    }
                    case "sum" -> out.put(name, new Case(name, null, null, Double.parseDouble(f[at]), count, stride));
                    default -> throw new IllegalStateException("unknown kind " + kind + " in " + name);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }
}
