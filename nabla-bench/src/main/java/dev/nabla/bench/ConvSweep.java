package dev.nabla.bench;

import dev.nabla.autograd.GradMode;
import dev.nabla.nn.functional.Convolution;
import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;

import java.util.Arrays;

/**
 * Quick conv2d timings outside JMH: median of 15 runs after a 2 s warm-up, forward (no grad) and
 * forward + backward, for shapes given as {@code N,C,H,W,F,K,pad[,stride]} (default: the bench shape
 * 100,16,14,14,32,5,2 and the first layer 100,1,28,28,16,5,2). Compare {@code -Dnabla.conv.direct=false}.
 */
public final class ConvSweep {
    private ConvSweep() {
    }

    public static void main(String[] args) {
        String[] shapes = args.length > 0 ? args : new String[] {"100,16,14,14,32,5,2", "100,1,28,28,16,5,2"};
        for (String s : shapes) {
            int[] v = Arrays.stream(s.split(",")).mapToInt(Integer::parseInt).toArray();
            int n = v[0], c = v[1], h = v[2], wd = v[3], f = v[4], k = v[5], p = v[6];
            int st = v.length > 7 ? v[7] : 1;
            Generator g = new Generator(3);
            Tensor x = Tensor.randn(g, n, c, h, wd).requiresGrad(true);
            Tensor w = Tensor.randn(g, f, c, k, k).mul(0.05).requiresGrad(true);
            Tensor b = Tensor.randn(g, f).requiresGrad(true);
            int[] stride = {st};
            int[] pad = {p};
            int[] one = {1};
            int oh = (h + 2 * p - k) / st + 1;
            int ow = (wd + 2 * p - k) / st + 1;
            double flop = 2.0 * n * f * oh * ow * c * k * k;
            Runnable fwd = () -> {
                try (var ignored = GradMode.noGrad()) {
                    Convolution.conv2d(x, w, b, stride, pad, one, 1);
                }
            };
            Runnable fb = () -> {
                x.setGrad(null);
                w.setGrad(null);
                b.setGrad(null);
                Convolution.conv2d(x, w, b, stride, pad, one, 1).sum().backward();
            };
            double tf = time(fwd);
            double tb = time(fb);
            System.out.printf("conv2d %s direct=%s: forward %.2f ms (%.1f GFLOP/s), forward+backward %.2f ms (%.1f GFLOP/s)%n",
                    s, System.getProperty("nabla.conv.direct", "true"), tf * 1e3, flop / tf / 1e9, tb * 1e3, 3 * flop / tb / 1e9);
        }
    }

    private static double time(Runnable r) {
        long end = System.nanoTime() + 2_000_000_000L;
        while (System.nanoTime() < end) {
            r.run();
        }
        double[] t = new double[15];
        for (int i = 0; i < t.length; i++) {
            long t0 = System.nanoTime();
            r.run();
            t[i] = (System.nanoTime() - t0) / 1e9;
        }
        Arrays.sort(t);
        return t[t.length / 2];
    }
}
