package dev.nabla.cli.bench;

import dev.nabla.autograd.GradMode;
import dev.nabla.nn.Module;
import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** convnet in eval mode without gradients: batch 1 (with per-call latency) and batch 100, test images. */
final class InferenceWorkload {
    private InferenceWorkload() {
    }

    static List<Map<String, Object>> run(BenchOptions o) {
        int reps = o.quick ? 2 : o.reps;
        Generator.defaultGenerator().manualSeed(o.seed);
        Module model = BenchModels.convnet();
        model.eval();
        Tensor x = BenchData.fashion(false).images();
        List<Map<String, Object>> out = new ArrayList<>();
        for (int[] cfg : new int[][] {{1, 1000, 100}, {100, 100, 10}}) {
            int batch = cfg[0];
            int steps = o.quick ? Math.max(5, cfg[1] / 10) : cfg[1];
            int warmup = cfg[2];
            int n = x.size(0) / batch;
            int[] it = {0};
            List<Long> lat = new ArrayList<>();
            Runnable step = () -> {
                int s = (it[0]++ % n) * batch;
                long t = System.nanoTime();
                model.call(x.narrow(0, s, batch));
                lat.add(System.nanoTime() - t);
            };
            Timing.Result res;
            try (var ng = GradMode.noGrad()) {
                res = Timing.timeReps(step, warmup, steps, reps, o.warmupSeconds());
            }
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("workload", "inference");
            r.put("threads", o.threads);
            r.put("batch", batch);
            r.put("unit", "images/s");
            r.putAll(Timing.rateFields(Timing.rates(res.seconds(), (double) steps * batch), 1));
            r.put("ms_per_step_median", ProcessStats.round(1000 * Timing.median(res.seconds()) / steps, 4));
            r.put("reps", reps);
            r.put("steps_per_rep", steps);
            r.put("warmup_steps", res.warmupSteps());
            r.put("warmup_s", ProcessStats.round(res.warmupSeconds(), 2));
            if (batch == 1) {
                double[] ms = lat.subList(res.warmupSteps(), lat.size()).stream().mapToDouble(v -> v / 1e6).toArray();
                Arrays.sort(ms);
                r.put("latency_ms_median", ProcessStats.round(Timing.median(ms), 4));
                r.put("latency_ms_p99", ProcessStats.round(percentile(ms, 99), 4));
                r.put("latency_samples", ms.length);
            }
            r.put("notes", "convnet eval() + no-grad, random init weights, Fashion-MNIST test images x/255");
            r.putAll(res.cpu());
            out.add(r);
        }
        return out;
    }

    /** Linear interpolation between order statistics, as numpy.percentile. */
    static double percentile(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        double pos = p / 100 * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
    }
}
