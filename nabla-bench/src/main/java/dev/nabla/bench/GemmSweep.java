package dev.nabla.bench;

import dev.nabla.kernel.KernelProvider;
import dev.nabla.kernel.Kernels;
import dev.nabla.kernel.Parallel;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A quick GFLOP/s table for square SGEMM, outside JMH: warm-up, then the median and best of 9 timed
 * samples per size. Usage: {@code java --add-modules jdk.incubator.vector -Dnabla.threads=2
 * -cp benchmarks.jar dev.nabla.bench.GemmSweep [sizes=256,512,1024,2048] [NN|NT|TN|TT] [m,n,k shapes...]}.
 * A shape argument {@code 64x512x128} times one m x n x k GEMM instead of square ones.
 */
public final class GemmSweep {
    private GemmSweep() {
    }

    public static void main(String[] args) {
        Kernels kernels = KernelProvider.get();
        String sizes = args.length > 0 ? args[0] : "256,512,1024,2048";
        String mode = args.length > 1 ? args[1] : "NN";
        boolean ta = mode.charAt(0) == 'T';
        boolean tb = mode.charAt(1) == 'T';
        for (String s : sizes.split(",")) {
            int[] mnk = s.contains("x") ? Arrays.stream(s.split("x")).mapToInt(Integer::parseInt).toArray()
                    : new int[] {Integer.parseInt(s), Integer.parseInt(s), Integer.parseInt(s)};
            int m = mnk[0];
            int n = mnk[1];
            int k = mnk[2];
            SplittableRandom rnd = new SplittableRandom(1);
            float[] a = new float[m * k];
            float[] b = new float[k * n];
            float[] c = new float[m * n];
            for (int i = 0; i < a.length; i++) {
                a[i] = (float) rnd.nextDouble(-1, 1);
            }
            for (int i = 0; i < b.length; i++) {
                b[i] = (float) rnd.nextDouble(-1, 1);
            }
            int lda = ta ? m : k;
            int ldb = tb ? k : n;
            double flop = 2.0 * m * n * k;
            long warmEnd = System.nanoTime() + 1_500_000_000L;
            while (System.nanoTime() < warmEnd) {
                kernels.gemm(ta, tb, m, n, k, 1f, a, 0, lda, b, 0, ldb, 0f, c, 0, n);
            }
            int reps = (int) Math.max(1, 0.2e9 / (flop / 200)); // about 0.2 s per sample at 200 GFLOP/s
            double[] t = new double[9];
            for (int r = 0; r < t.length; r++) {
                long t0 = System.nanoTime();
                for (int q = 0; q < reps; q++) {
                    kernels.gemm(ta, tb, m, n, k, 1f, a, 0, lda, b, 0, ldb, 0f, c, 0, n);
                }
                t[r] = (System.nanoTime() - t0) / 1e9 / reps;
            }
            Arrays.sort(t);
            System.out.printf("%s %s threads=%d median %.1f GFLOP/s (%.1f us) best %.1f%n", mode, s,
                    Parallel.threads(), flop / t[t.length / 2] / 1e9, t[t.length / 2] * 1e6, flop / t[0] / 1e9);
        }
    }
}
