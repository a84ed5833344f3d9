package dev.nabla.tensor;

import dev.nabla.autograd.Autograd;
import dev.nabla.kernel.KernelProvider;
import dev.nabla.kernel.Kernels;
import java.util.Arrays;

/** Reductions over dims (sum, mean, max, logsumexp, var, norm) with their gradients. */
final class Reductions {
    private Reductions() {
    }

    /** Which dims are reduced: null or empty means all. */
    static boolean[] reducedDims(String op, int[] dims, int rank) {
        boolean[] red = new boolean[rank];
        if (dims == null || dims.length == 0) {
            Arrays.fill(red, true);
            return red;
        }
        for (int d : dims) {
            int w = Shapes.wrapDim(op, d, rank);
            if (red[w]) {
                throw new IllegalArgumentException(op + ": dim " + w + " appears multiple times in the list of dims");
            }
            red[w] = true;
        }
        return red;
    }

    static int[] outShape(int[] shape, boolean[] red, boolean keepdim) {
        int k = 0;
        for (int i = 0; i < shape.length; i++) {
            if (!red[i] || keepdim) {
                k++;
            }
        }
        int[] out = new int[k];
        k = 0;
        for (int i = 0; i < shape.length; i++) {
            if (!red[i]) {
                out[k++] = shape[i];
            } else if (keepdim) {
                out[k++] = 1;
            }
        }
        return out;
    }

    /** Shape with reduced dims set to 1 (for broadcasting results back). */
    static int[] keptShape(int[] shape, boolean[] red) {
        return outShape(shape, red, true);
    }

    /**
     * Lays out x as rows: kept dims first (outer), reduced dims last (inner), contiguous.
     * Returns the float data, offset 0, with rows of length {@code inner}.
     */
    private static float[] rowsLayout(Tensor x, boolean[] red) {
        int r = x.shape.length;
        int[] perm = new int[r];
        int k = 0;
        for (int i = 0; i < r; i++) {
            if (!red[i]) {
                perm[k++] = i;
            }
        }
        for (int i = 0; i < r; i++) {
            if (red[i]) {
                perm[k++] = i;
            }
        }
        int[] shape = new int[r];
        int[] st = new int[r];
        for (int i = 0; i < r; i++) {
            shape[i] = x.shape[perm[i]];
            st[i] = x.strides[perm[i]];
        }
        float[] out = new float[x.numel()];
        StridedIter.copyFloats(x.storage.floats, shape, st, x.offset, out, 0);
        return out;
    }

    static Tensor sumRaw(Tensor x, boolean[] red, boolean keepdim) {
        x.requireFloat("sum");
        int[] oshape = outShape(x.shape, red, keepdim);
        int outN = Shapes.numel(oshape);
        int n = x.numel();
        int inner = outN == 0 ? 0 : n / outN;
        float[] out = new float[outN];
        Kernels k = KernelProvider.get();
        if (n == 0) {
            return Tensor.wrap(out, oshape);
        }
        // Fast path: contiguous x reduced over a leading block of dims (e.g. bias gradients over the batch).
        int lead = 0;
        while (lead < red.length && red[lead]) {
            lead++;
        }
        boolean prefixOnly = true;
        for (int i = lead; i < red.length; i++) {
            prefixOnly &= !red[i];
        }
        if (x.isContiguous() && prefixOnly && lead > 0 && lead < red.length) {
            float[] d = x.storage.floats;
            for (int row = 0; row < inner; row++) {
                k.axpy(outN, 1f, d, x.offset + row * outN, out, 0);
            }
            return Tensor.wrap(out, oshape);
        }
        boolean suffixOnly = true;
        int firstRed = red.length;
        for (int i = 0; i < red.length; i++) {
            if (red[i]) {
                firstRed = Math.min(firstRed, i);
            } else if (firstRed < red.length) {
                suffixOnly = false;
            }
        }
        float[] d;
        int off;
        if (x.isContiguous() && suffixOnly) {
            d = x.storage.floats;
            off = x.offset;
        } else {
            d = rowsLayout(x, red);
            off = 0;
        }
        for (int i = 0; i < outN; i++) {
            out[i] = k.sum(d, off + i * inner, inner);
        }
        return Tensor.wrap(out, oshape);
    }

    static Tensor sum(Tensor x, int[] dims, boolean keepdim) {
        if (x.dtype() != DType.FLOAT32) {
            x = x.toFloat();
        }
        boolean[] red = reducedDims("sum", dims, x.shape.length);
        Tensor out = sumRaw(x, red, keepdim);
        int[] inShape = x.shape;
        int[] kept = keptShape(x.shape, red);
        return Autograd.record(out, "sum", new Tensor[] {x},
                g -> new Tensor[] {g.reshape(kept).expand(inShape)});
    }

    static int count(int[] shape, boolean[] red) {
        int c = 1;
        for (int i = 0; i < shape.length; i++) {
            if (red[i]) {
                c *= shape[i];
            }
        }
        return c;
    }

    static Tensor mean(Tensor x, int[] dims, boolean keepdim) {
        boolean[] red = reducedDims("mean", dims, x.shape.length);
        int c = count(x.shape, red);
        return sum(x, dims, keepdim).div(c);
    }

    /** Sums a broadcast gradient back down to {@code shape}. */
    static Tensor sumToShape(Tensor g, int[] shape) {
        if (Arrays.equals(g.shape, shape)) {
            return g;
        }
        int lead = g.shape.length - shape.length;
        boolean[] red = new boolean[g.shape.length];
        for (int i = 0; i < g.shape.length; i++) {
            red[i] = i < lead || (shape[i - lead] == 1 && g.shape[i] != 1);
        }
        Tensor s = sumRaw(g, red, true);
        return s.reshape(shape);
    }

    /** amax/amin over dims; the gradient is split evenly among tied extremes, as torch. */
    static Tensor amax(Tensor x, int[] dims, boolean keepdim, boolean min) {
        String op = min ? "amin" : "amax";
        x.requireFloat(op);
        boolean[] red = reducedDims(op, dims, x.shape.length);
        int[] oshape = outShape(x.shape, red, keepdim);
        int outN = Shapes.numel(oshape);
        if (x.numel() == 0 && count(x.shape, red) == 0) {
            throw new IllegalArgumentException(op + ": cannot reduce over a zero-size dimension (input shape "
                    + Arrays.toString(x.shape) + ")");
        }
        int inner = outN == 0 ? 0 : x.numel() / outN;
        float[] d = rowsLayout(x, red);
        float[] out = new float[outN];
        for (int i = 0; i < outN; i++) {
            float m = min ? Float.POSITIVE_INFINITY : Float.NEGATIVE_INFINITY;
            for (int j = 0; j < inner; j++) {
                float v = d[i * inner + j];
                if (v != v) {
                    m = v;
                    break;
                }
                if (min ? v < m : v > m) {
                    m = v;
                }
            }
            out[i] = m;
        }
        Tensor result = Tensor.wrap(out, oshape);
        int[] kept = keptShape(x.shape, red);
        Tensor xs = x;
        return Autograd.record(result, op, new Tensor[] {x}, new Tensor[] {x}, g -> {
            Tensor mask = xs.eq(result.reshape(kept)).toFloat();
            Tensor cnt = sumRaw(mask, red, true);
            return new Tensor[] {mask.div(cnt).mul(g.reshape(kept))};
        });
    }

    /** max/min along one dim with the index of the first extreme. */
    static ValuesIndices maxWithIndices(Tensor x, int dim, boolean keepdim, boolean min) {
        String op = min ? "min" : "max";
        if (x.dim() == 0) {
            return new ValuesIndices(x, Tensor.ofLongs(new long[] {0}));
        }
        int d = Shapes.wrapDim(op, dim, x.shape.length);
        if (x.shape[d] == 0) {
            throw new IllegalArgumentException(op + ": cannot reduce over dimension " + dim + " of size 0 (input shape "
                    + Arrays.toString(x.shape) + ")");
        }
        Tensor xf = x.dtype() == DType.FLOAT32 ? x : x.toFloat();
        boolean[] red = new boolean[x.shape.length];
        red[d] = true;
        int[] oshape = outShape(x.shape, red, keepdim);
        int outN = Shapes.numel(oshape);
        int inner = x.shape[d];
        float[] data = rowsLayout(xf, red);
        float[] vals = new float[outN];
        long[] idx = new long[outN];
        for (int i = 0; i < outN; i++) {
            int best = 0;
            float m = data[i * inner];
            for (int j = 1; j < inner && m == m; j++) {
                float v = data[i * inner + j];
                if (v != v || (min ? v < m : v > m)) {
                    m = v;
                    best = j;
                }
            }
            vals[i] = m;
            idx[i] = best;
        }
        Tensor indices = new Tensor(Storage.of(idx), oshape);
        Tensor values = Tensor.wrap(vals, oshape);
        if (x.dtype() != DType.FLOAT32) {
            values = values.to(x.dtype());
        } else {
            int[] kept = keptShape(x.shape, red);
            int[] inShape = x.shape;
            values = Autograd.record(values, op, new Tensor[] {x}, g -> new Tensor[] {
                Tensor.zeros(inShape).scatterAdd(d, indices.reshape(kept), g.reshape(kept))});
        }
        return new ValuesIndices(values, indices);
    }

    static Tensor logsumexp(Tensor x, int[] dims, boolean keepdim) {
        boolean[] red = reducedDims("logsumexp", dims, x.shape.length);
        int[] kept = keptShape(x.shape, red);
        Tensor m;
        try (var s = dev.nabla.autograd.GradMode.noGrad()) {
            m = amax(x, dims, true, false);
            // Rows that are all -inf would give inf - inf; shift by 0 there.
            m = m.maskedFill(m.abs().eq(Float.POSITIVE_INFINITY), 0f);
        }
        Tensor out = x.sub(m).exp().sum(dims, true).log().add(m);
        return keepdim ? out : out.reshape(outShape(x.shape, red, false));
    }

    static Tensor var(Tensor x, int[] dims, int correction, boolean keepdim) {
        boolean[] red = reducedDims("var", dims, x.shape.length);
        int n = count(x.shape, red);
        Tensor centered = x.sub(x.mean(dims, true));
        return centered.square().sum(dims, keepdim).div(Math.max(n - correction, 0));
    }

    static Tensor norm(Tensor x, double p, int[] dims, boolean keepdim) {
        if (p == 2.0) {
            boolean[] red = reducedDims("norm", dims, x.shape.length);
            Tensor out;
            try (var s = dev.nabla.autograd.GradMode.noGrad()) {
                out = sumRaw(x.square(), red, keepdim).sqrt();
            }
            int[] kept = keptShape(x.shape, red);
            Tensor xs = x;
            Tensor res = out;
            return Autograd.record(out, "norm", new Tensor[] {x}, new Tensor[] {x}, g -> {
                // d||x|| / dx = x / ||x||, taken as 0 where the norm is 0 (torch's subgradient).
                Tensor nrm = res.reshape(kept);
                Tensor scale = g.reshape(kept).div(nrm).maskedFill(nrm.eq(0.0), 0f);
                return new Tensor[] {xs.mul(scale)};
            });
        }
        if (Double.isInfinite(p)) {
            return p > 0 ? x.abs().amax(dims, keepdim) : x.abs().amin(dims, keepdim);
        }
        if (p == 0.0) {
            // The "0-norm" counts non-zero entries; it is piecewise constant, so its gradient is zero (as torch).
            Tensor count;
            try (var s = dev.nabla.autograd.GradMode.noGrad()) {
                count = x.abs().sign().sum(dims, keepdim);
            }
            int[] inShape = x.shape.clone();
            return Autograd.record(count, "norm", new Tensor[] {x}, g -> new Tensor[] {Tensor.zeros(inShape)});
        }
        if (p == 1.0) {
            return x.abs().sum(dims, keepdim);
        }
        return x.abs().pow(p).sum(dims, keepdim).pow(1.0 / p);
    }
}
