package dev.nabla.nn.functional;

import dev.nabla.autograd.Autograd;
import dev.nabla.kernel.KernelProvider;
import dev.nabla.kernel.Parallel;
import dev.nabla.kernel.VectorKernels;
import dev.nabla.tensor.DType;
import dev.nabla.tensor.Tensor;
import java.util.Arrays;

/**
 * The fused kernel behind cross_entropy and nll_loss with class-index targets: per row of C
 * scores it computes (optionally) log-softmax, the weighted negative log-likelihood of the
 * target class and the label-smoothing term in one pass, and its backward writes the gradient
 * row directly (softmax minus one-hot, scaled) without materialising log-probabilities.
 */
final class ClassIndexLoss {
    private ClassIndexLoss() {
    }

    /**
     * @param logits true for cross_entropy (input holds scores), false for nll_loss (input holds log-probs)
     * @param input  (N, C), (C) or (N, C, d1, ...)
     * @param target int64 (N), () or (N, d1, ...)
     */
    static Tensor apply(String op, Tensor input, Tensor target, Tensor weight, int ignoreIndex, Reduction reduction,
                        double labelSmoothing, boolean logits) {
        PointwiseLoss.requireFloat(op, "input", input);
        if (reduction == Reduction.BATCHMEAN) {
            throw new IllegalArgumentException(op + ": reduction 'batchmean' is only supported by kl_div");
        }
        if (target.dtype() != DType.INT64) {
            throw new IllegalArgumentException(op + ": expected target of class indices with dtype int64, got "
                    + target.dtype().torchName() + " (target " + Arrays.toString(target.shape()) + ", input "
                    + Arrays.toString(input.shape()) + ")");
        }
        if (input.dim() == 0) {
            throw new IllegalArgumentException(op + ": input must have at least 1 dimension (C), got a 0-dim tensor");
        }
        int classDim = input.dim() == 1 ? 0 : 1;
        int c = input.size(classDim);
        int[] expectedTarget = new int[input.dim() - 1];
        for (int d = 0, k = 0; d < input.dim(); d++) {
            if (d != classDim) {
                expectedTarget[k++] = input.size(d);
            }
        }
        if (!Arrays.equals(expectedTarget, target.shape())) {
            throw new IllegalArgumentException(op + ": expected target of shape " + Arrays.toString(expectedTarget)
                    + " for input of shape " + Arrays.toString(input.shape()) + ", got target "
                    + Arrays.toString(target.shape()));
        }
        float[] w = null;
        if (weight != null) {
            PointwiseLoss.requireFloat(op, "weight", weight);
            if (weight.dim() != 1 || weight.size(0) != c) {
                throw new IllegalArgumentException(op + ": weight should be a 1-D tensor of size " + c
                        + " (one per class), got " + Arrays.toString(weight.shape()));
            }
            w = weight.detach().contiguousFloats();
        }
        long[] tgt = target.toLongArray();
        int m = tgt.length;
        double weightTotal = 0;
        double eps = labelSmoothing;
        double wSum = 0;
        if (w != null) {
            for (float v : w) {
                wSum += v;
            }
        } else {
            wSum = c;
        }
        // Targets are checked and the weight total summed first, in row order; the rows' losses are then
        // independent and split over the kernel threads (each row costs C exps).
        for (int r = 0; r < m; r++) {
            long t = tgt[r];
            if (t == ignoreIndex) {
                continue;
            }
            if (t < 0 || t >= c) {
                throw new IndexOutOfBoundsException(op + ": target " + t + " is out of bounds for " + c
                        + " classes (valid targets are 0.." + (c - 1) + (ignoreIndex < 0 || ignoreIndex >= c
                        ? " or ignore_index " + ignoreIndex : "") + ")");
            }
            weightTotal += w == null ? 1.0 : w[(int) t];
        }
        if (logits && input.dim() > 2 && KernelProvider.get() instanceof VectorKernels) {
            return planes(op, input, target, tgt, c, w, wSum, ignoreIndex, reduction, eps, weightTotal);
        }
        // Move the class dim last so each row of C scores is contiguous: (M, C).
        int[] perm = null;
        Tensor rows = input.detach();
        if (input.dim() > 2) {
            perm = new int[input.dim()];
            perm[0] = 0;
            for (int d = 2; d < input.dim(); d++) {
                perm[d - 1] = d;
            }
            perm[input.dim() - 1] = 1;
            rows = rows.permute(perm);
        }
        float[] x = rows.contiguousFloats();
        float[] lse = logits ? new float[m] : null;
        float[] perRow = new float[m];
        final float[] wr = w;
        int grain = Math.max(1, 2048 / Math.max(1, c));
        Parallel.forRange(m, grain, (r0, r1) -> {
            for (int r = r0; r < r1; r++) {
                long t = tgt[r];
                if (t == ignoreIndex) {
                    continue;
                }
                int base = r * c;
                double wt = wr == null ? 1.0 : wr[(int) t];
                double shift = 0;
                if (logits) {
                    float mx = Float.NEGATIVE_INFINITY;
                    for (int j = 0; j < c; j++) {
                        mx = Math.max(mx, x[base + j]);
                    }
                    double s = 0;
                    for (int j = 0; j < c; j++) {
                        s += Math.exp(x[base + j] - mx);
                    }
                    shift = mx + Math.log(s);
                    lse[r] = (float) shift;
                }
                double nll = -(x[base + (int) t] - shift) * wt;
                double loss = (1 - eps) * nll;
                if (eps != 0) {
                    // -sum_c w_c log p_c
                    double smooth = 0;
                    for (int j = 0; j < c; j++) {
                        smooth -= (x[base + j] - shift) * (wr == null ? 1.0 : wr[j]);
                    }
                    loss += eps / c * smooth;
                }
                perRow[r] = (float) loss;
            }
        });
        Reduced reduced = Reduced.of(perRow, target, reduction, weightTotal);
        Tensor out = reduced.out();
        double scale = reduced.scale();
        final float[] wf = w;
        final double ws = wSum;
        final int[] permF = perm;
        final int[] rowShape = rows.shape();
        return Autograd.record(out, op, new Tensor[] {input}, g -> {
            float[] gv = g.contiguousFloats();
            float[] dx = new float[m * c];
            Parallel.forRange(m, grain, (r0, r1) -> {
                for (int r = r0; r < r1; r++) {
                    long t = tgt[r];
                    if (t == ignoreIndex) {
                        continue;
                    }
                    double gr = (reduction == Reduction.NONE ? gv[r] : gv[0]) * scale;
                    int base = r * c;
                    double wt = wf == null ? 1.0 : wf[(int) t];
                    if (logits) {
                        double a = gr * (1 - eps) * wt;
                        double b = gr * eps / c;
                        float l = lse[r];
                        for (int j = 0; j < c; j++) {
                            double p = Math.exp(x[base + j] - l);
                            double wj = wf == null ? 1.0 : wf[j];
                            dx[base + j] = (float) (a * p + b * (p * ws - wj));
                        }
                        dx[base + (int) t] -= (float) a;
                    } else {
                        double b = gr * eps / c;
                        if (eps != 0) {
                            for (int j = 0; j < c; j++) {
                                dx[base + j] = (float) (-b * (wf == null ? 1.0 : wf[j]));
                            }
                        }
                        dx[base + (int) t] -= (float) (gr * (1 - eps) * wt);
                    }
                }
            });
            Tensor grad = Tensor.wrap(dx, rowShape);
            if (permF != null) {
                int[] inv = new int[permF.length];
                for (int i = 0; i < permF.length; i++) {
                    inv[permF[i]] = i;
                }
                grad = grad.permute(inv);
            }
            return new Tensor[] {grad};
        });
    }

    /**
     * cross_entropy over (N, C, d1, ...) scores in their own layout ({@link ClassPlaneLoss}): no
     * permuted copy of the input, and a gradient in the input's layout. Targets are already checked.
     */
    private static Tensor planes(String op, Tensor input, Tensor target, long[] tgt, int c, float[] w, double wSum,
                                 int ignoreIndex, Reduction reduction, double eps, double weightTotal) {
        int n = input.size(0);
        int s = tgt.length / Math.max(1, n);
        float[] x = input.detach().contiguousFloats();
        float[] lse = new float[tgt.length];
        float[] perRow = new float[tgt.length];
        ClassPlaneLoss.forward(x, n, c, s, tgt, ignoreIndex, w, eps, lse, perRow);
        Reduced reduced = Reduced.of(perRow, target, reduction, weightTotal);
        Tensor out = reduced.out();
        double scale = reduced.scale();
        int[] shape = input.shape();
        // the scores are read again in backward, unless copied they are the input's storage: saved, so an
        // in-place change of the input before backward is reported instead of giving a wrong gradient
        return Autograd.record(out, op, new Tensor[] {input}, new Tensor[] {input}, g -> {
            float[] dx = new float[x.length];
            ClassPlaneLoss.backward(x, n, c, s, tgt, ignoreIndex, w, wSum, eps, lse, g.contiguousFloats(),
                    reduction == Reduction.NONE, scale, dx);
            return new Tensor[] {Tensor.wrap(dx, shape)};
        });
    }

    private static double sumOf(float[] v) {
        double s = 0;
        for (float f : v) {
            s += f;
        }
        return s;
    }

    /** A per-element loss reduced as asked, with the factor its gradient carries. */
    private record Reduced(Tensor out, double scale) {
        static Reduced of(float[] perRow, Tensor target, Reduction reduction, double weightTotal) {
            return switch (reduction) {
                case NONE -> new Reduced(Tensor.wrap(perRow, target.shape()), 1);
                case SUM -> new Reduced(Tensor.scalar((float) sumOf(perRow)), 1);
                // Weighted mean: divide by the total weight of the non-ignored targets (NaN if none).
                default -> new Reduced(Tensor.scalar((float) (sumOf(perRow) / weightTotal)), 1 / weightTotal);
            };
        }
    }
}
