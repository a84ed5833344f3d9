package dev.nabla.tensor;

import dev.nabla.autograd.Autograd;
import dev.nabla.kernel.FreshArrays;
import dev.nabla.kernel.KernelProvider;
import dev.nabla.kernel.Kernels;
import dev.nabla.kernel.Parallel;
import dev.nabla.kernel.UnaryOp;

/** softmax and log_softmax along a dim, computed stably (max subtracted) with fused gradients. */
final class SoftmaxOps {
    private SoftmaxOps() {
    }

    static Tensor softmax(Tensor x, int dim, boolean log) {
        String op = log ? "log_softmax" : "softmax";
        x.requireFloat(op);
        if (x.dim() == 0) {
            Tensor r = log ? Tensor.scalar(0f) : Tensor.scalar(1f);
            return Autograd.record(r, op, new Tensor[] {x}, g -> new Tensor[] {Tensor.zerosLike(g)});
        }
        int d = Shapes.wrapDim(op, dim, x.dim());
        // Move dim last, work on contiguous rows, move back.
        Tensor moved = x.transpose(d, -1);
        Tensor c = Views.rawContiguous(moved.detach());
        int len = x.shape[d];
        int rows = len == 0 ? 0 : c.numel() / len;
        float[] in = c.storage.floats;
        int off = c.offset;
        float[] out = FreshArrays.floats(c.numel());
        Kernels k = KernelProvider.get();
        // Rows are independent: split them over the kernel threads (grain ~8k elements a task).
        int grain = Math.max(1, 8192 / Math.max(1, len));
        Parallel.forRange(rows, grain, (r0, r1) -> {
            for (int r = r0; r < r1; r++) {
                int base = r * len;
                float m = k.max(in, off + base, len);   // NaN if any is NaN, which then spreads to the row
                if (m == Float.NEGATIVE_INFINITY) {
                    m = 0f;
                }
                double s = k.expShiftSum(in, off + base, m, out, base, len);
                if (log) {
                    float ls = (float) Math.log(s) + m;
                    k.unary(UnaryOp.ADD_SCALAR, -ls, 0f, in, off + base, out, base, len);
                } else {
                    k.unary(UnaryOp.MUL_SCALAR, (float) (1.0 / s), 0f, out, base, out, base, len);
                }
            }
        });
        Tensor yMoved = Tensor.wrap(out, c.shape);
        Tensor y = yMoved.transpose(d, -1);
        Tensor result = y.detach();
        return Autograd.record(result, op, new Tensor[] {x}, new Tensor[] {result}, g -> {
            // Fused row loops on the same dim-last layout as the forward:
            // softmax dx = y * (g - sum(g * y)); log_softmax dx = g - exp(y) * sum(g).
            Tensor gm = Views.rawContiguous(g.transpose(d, -1));
            float[] ga = gm.storage.floats;
            int gOff = gm.offset;
            float[] dx = FreshArrays.floats(out.length);
            Parallel.forRange(rows, grain, (r0, r1) -> {
                for (int r = r0; r < r1; r++) {
                    int base = r * len;
                    if (log) {
                        float sg = k.sum(ga, gOff + base, len);
                        for (int j = 0; j < len; j++) {
                            dx[base + j] = ga[gOff + base + j] - (float) Math.exp(out[base + j]) * sg;
                        }
                    } else {
                        float dot = k.dot(ga, gOff + base, out, base, len);
                        for (int j = 0; j < len; j++) {
                            dx[base + j] = out[base + j] * (ga[gOff + base + j] - dot);
                        }
                    }
                }
            });
            return new Tensor[] {Tensor.wrap(dx, c.shape).transpose(d, -1)};
        });
    }
}
