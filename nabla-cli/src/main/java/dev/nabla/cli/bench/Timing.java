package dev.nabla.cli.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The torch script's timing method: untimed warm-up, then reps timed blocks of steps calls. The warm-up
 * runs the script's number of steps and then, for the JVM, more steps until {@code minWarmupS} seconds
 * have passed: HotSpot compiles the hot code during the first seconds of a run, on the same cores as the
 * compute threads (autoencoder: ~1,200 compilations in the first 0.5 s, ~360 between 1.5 and 2 s), and
 * the script's 10-100 steps (a few milliseconds to a second) measured that compilation, not training
 * (autoencoder rep rates 77k-135k img/s within one run). torch runs compiled code from its first step.
 */
final class Timing {
    private Timing() {
    }

    /** Seconds per timed block, the CPU-noise figures of the timed part, and the warm-up steps run. */
    record Result(double[] seconds, Map<String, Object> cpu, int warmupSteps, double warmupSeconds) {
    }

    static Result timeReps(Runnable step, int warmup, int steps, int reps, double minWarmupS) {
        long start = System.nanoTime();
        long until = start + (long) (minWarmupS * 1e9);
        int warmed = 0;
        while (warmed < warmup || System.nanoTime() < until) {
            step.run();
            warmed++;
        }
        double warmupSeconds = (System.nanoTime() - start) / 1e9;
        CpuMonitor mon = new CpuMonitor();
        double[] secs = new double[reps];
        for (int r = 0; r < reps; r++) {
            long t = System.nanoTime();
            for (int i = 0; i < steps; i++) {
                step.run();
            }
            secs[r] = (System.nanoTime() - t) / 1e9;
        }
        return new Result(secs, mon.stop(), warmed, warmupSeconds);
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
