package dev.nabla.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Values torch 1.13 drew, from torch-sampler-reference.txt (written by running torch:
 * tools/torch_rng_reference.py data): one case per line, name, kind (i64 or f32 bit patterns), count, values.
 */
public final class TorchReference {
    private static Map<String, String[]> lines;

    private TorchReference() {
    }

    private static synchronized String[] line(String name) {
        if (lines == null) {
            lines = new HashMap<>();
            try (InputStream in = TorchReference.class.getResourceAsStream("/torch-sampler-reference.txt");
                    BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII))) {
                String l;
                while ((l = r.readLine()) != null) {
                    String[] f = l.split(" ");
                    lines.put(f[0], f);
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        String[] f = lines.get(name);
        if (f == null) {
            throw new IllegalArgumentException("torch-sampler-reference.txt has no case " + name);
        }
        return f;
    }

    public static long[] longs(String name) {
        String[] f = line(name);
        long[] v = new long[Integer.parseInt(f[2])];
        for (int i = 0; i < v.length; i++) {
            v[i] = Long.parseLong(f[3 + i]);
        }
        return v;
    }

    public static float[] floats(String name) {
        String[] f = line(name);
        float[] v = new float[Integer.parseInt(f[2])];
        for (int i = 0; i < v.length; i++) {
            v[i] = Float.intBitsToFloat(Integer.parseUnsignedInt(f[3 + i], 16));
        }
        return v;
    }
}
