package dev.nabla.tensor;

import dev.nabla.autograd.Autograd;

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
        float[] out = new float[c.numel()];
        for (int r = 0; r < rows; r++) {
            int base = r * len;
            float m = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < len; j++) {
                m = Math.max(m, in[off + base + j]);
            }
            if (m == Float.NEGATIVE_INFINITY) {
                m = 0f;
            }
            double s = 0;
            for (int j = 0; j < len; j++) {
                float e = (float) Math.exp(in[off + base + j] - m);
                out[base + j] = e;
                s += e;
            }
            if (log) {
                float ls = (float) Math.log(s) + m;
                for (int j = 0; j < len; j++) {
                    out[base + j] = in[off + base + j] - ls;
                }
            } else {
                float inv = (float) (1.0 / s);
                for (int j = 0; j < len; j++) {
                    out[base + j] *= inv;
                }
            }
        }
        Tensor yMoved = Tensor.wrap(out, c.shape);
        Tensor y = yMoved.transpose(d, -1);
        Tensor result = y.detach();
        return Autograd.record(result, op, new Tensor[] {x}, new Tensor[] {result}, g -> {
            if (log) {
                // dx = g - softmax * sum(g)
                return new Tensor[] {g.sub(result.exp().mul(g.sum(d, true)))};
            }
            // dx = y * (g - sum(g * y))
            return new Tensor[] {result.mul(g.sub(g.mul(result).sum(d, true)))};
        });
    }
}
