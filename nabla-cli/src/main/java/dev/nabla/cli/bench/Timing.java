package dev.nabla.cli.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The torch script's timing method: untimed warm-up, then reps timed blocks of steps calls. */
final class Timing {
    private Timing() {
    }

    /** Seconds per timed block, and the CPU-noise figures of the timed part. */
    record Result(double[] seconds, Map<String, Object> cpu) {
    }

    static Result timeReps(Runnable step, int warmup, int steps, int reps) {
        for (int i = 0; i < warmup; i++) {
            step.run();
        }
        CpuMonitor mon = new CpuMonitor();
        double[] secs = new double[reps];
        for (int r = 0; r < reps; r++) {
            long t = System.nanoTime();
            for (int i = 0; i < steps; i++) {
                step.run();
            }
            secs[r] = (System.nanoTime() - t) / 1e9;
        }
        return new Result(secs, mon.stop());
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    /** items_per_s_median/min/max from per-block rates. */
    static Map<String, Object> rateFields(List<Double> rates, int digits) {
        double[] r = rates.stream().mapToDouble(Double::doubleValue).toArray();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("items_per_s_median", ProcessStats.round(median(r), digits));
        out.put("items_per_s_min", ProcessStats.round(Arrays.stream(r).min().orElse(0), digits));
        out.put("items_per_s_max", ProcessStats.round(Arrays.stream(r).max().orElse(0), digits));
        return out;
    }

    static List<Double> rates(double[] secs, double itemsPerBlock) {
        List<Double> out = new ArrayList<>();
        for (double s : secs) {
            out.add(itemsPerBlock / s);
        }
        return out;
    }
}
