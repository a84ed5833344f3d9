package dev.nabla.cli.bench;

import dev.nabla.kernel.KernelProvider;
import dev.nabla.kernel.Kernels;
import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The gemm workload: C = A B for square float32 n x n (preallocated C, as torch.mm(out=c)) in GFLOP/s,
 * n = 256..2048, then one conv2d forward line (N=100 C=16 14x14 F=32 k5 pad2, no grad).
 */
final class GemmWorkload {
    private GemmWorkload() {
    }

    interface Conv2dForward {
        void run(Tensor x, Tensor w, Tensor bias);
    }

    static List<Map<String, Object>> run(BenchOptions o, Conv2dForward conv) {
        int reps = o.quick ? 2 : o.reps;
        double targetS = o.quick ? 0.05 : 0.5;
        Generator g = new Generator(o.seed);
        Kernels k = KernelProvider.get();
        List<Map<String, Object>> out = new ArrayList<>();
        for (int n : new int[] {256, 512, 1024, 2048}) {
            float[] a = Tensor.randn(g, n, n).toFloatArray();
            float[] b = Tensor.randn(g, n, n).toFloatArray();
            float[] c = new float[n * n];
            Map<String, Object> r = measure(() -> k.gemm(false, false, n, n, n, 1f, a, 0, n, b, 0, n, 0f, c, 0, n),
                    2.0 * n * n * n, reps, targetS, 2 * targetS);
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("workload", "gemm");
            line.put("n", n);
            line.put("threads", o.threads);
            line.put("batch", null);
            line.put("unit", "GFLOP/s");
            line.putAll(r);
            line.put("notes", "Kernels.gemm(a, b -> c preallocated), float32, contiguous row-major, GFLOP/s = 2n^3/t");
            out.add(line);
        }
        int nb = 100;
        int ch = 16;
        int h = 14;
        int f = 32;
        int ks = 5;
        Tensor x = Tensor.randn(g, nb, ch, h, h);
        Tensor w = Tensor.randn(g, f, ch, ks, ks);
        Tensor bias = Tensor.randn(g, f);
        Map<String, Object> r;
        try (var s = dev.nabla.autograd.GradMode.noGrad()) {
            // the conv path's own methods compile after the GEMM's: the bench's JIT warm-up floor, as for training
            r = measure(() -> conv.run(x, w, bias), 2.0 * nb * f * h * h * ch * ks * ks, reps, targetS,
                    Math.max(2 * targetS, o.warmupSeconds()));
        }
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("workload", "conv2d_fwd");
        line.put("threads", o.threads);
        line.put("batch", nb);
        line.put("unit", "GFLOP/s");
        line.putAll(r);
        line.put("notes", "F.conv2d under no-grad, N=100 C=16 H=W=14 F=32 k=5 pad=2 stride=1, with bias; "
                + "GFLOP = 2*N*F*Ho*Wo*C*k*k (bias not counted)");
        out.add(line);
        return out;
    }

    private static Map<String, Object> measure(Runnable fn, double flop, int reps, double targetS, double warmS) {
        // Warm-up: 3 calls, then calls for warmS seconds (2 * targetS for the GEMMs). The JVM runs a kernel's
        // first call in the interpreter (conv2d: 0.3-0.5 s for that one call) and compiles its methods with C2 during the next few
        // hundred milliseconds, on the same 2 cores as the 2 compute threads. After only 3 calls the
        // calibration below still ran cold (conv2d: 10-18 ms a call instead of 1.2-1.5), so a rep was ~30
        // calls and all three reps fell inside the compilation window (rep GFLOP/s 155-383 in one run). The
        // torch script needs no JIT warm-up; its 3 calls are the first part of this loop.
        fn.run();
        long warmEnd = System.nanoTime() + (long) (warmS * 1e9);
        for (int i = 1; i < 3 || System.nanoTime() < warmEnd; i++) {
            fn.run();
        }
        // calls per rep from the fastest of 3 timed calls, so one call that meets a GC pause does not shrink
        // every rep to a few dozen calls
        double one = Double.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            long t = System.nanoTime();
            fn.run();
            one = Math.min(one, Math.max((System.nanoTime() - t) / 1e9, 1e-6));
        }
        int calls = Math.max(1, (int) (targetS / one));
        Timing.Result res = Timing.timeReps(fn, 2, calls, reps, 0);   // warmed up above
        List<Double> gflops = Timing.rates(res.seconds(), calls * flop / 1e9);
        Map<String, Object> out = new LinkedHashMap<>(Timing.rateFields(gflops, 2));
        out.put("ms_per_call_median", ProcessStats.round(1000 * Timing.median(res.seconds()) / calls, 4));
        out.put("reps", reps);
        out.put("steps_per_rep", calls);
        out.putAll(res.cpu());
        return out;
    }
}
