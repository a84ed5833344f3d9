package dev.nabla.tensor;

import dev.nabla.autograd.Autograd;
import java.util.Arrays;

/** Ops that build new tensors from pieces: cat, stack, split, chunk, repeat, repeat_interleave, pad. */
public final class ShapeOps {
    private ShapeOps() {
    }

    static Tensor cat(Tensor[] ts, int dim) {
        if (ts.length == 0) {
            throw new IllegalArgumentException("cat: expected a non-empty list of tensors");
        }
        Tensor first = ts[0];
        int r = first.dim();
        if (r == 0) {
            throw new IllegalArgumentException("cat: zero-dimensional tensor (at position 0) cannot be concatenated");
        }
        int d = Shapes.wrapDim("cat", dim, r);
        int total = 0;
        DType dtype = first.dtype();
        for (int i = 0; i < ts.length; i++) {
            Tensor t = ts[i];
            if (t.dim() != r) {
                throw new IllegalArgumentException("cat: tensors must have the same number of dimensions: got " + r
                        + " and " + t.dim() + " (tensor " + i + " has shape " + Arrays.toString(t.shape) + ")");
            }
            for (int j = 0; j < r; j++) {
                if (j != d && t.shape[j] != first.shape[j]) {
                    throw new IllegalArgumentException("cat: sizes of tensors must match except in dimension " + d
                            + ": expected size " + first.shape[j] + " but got size " + t.shape[j] + " for tensor number "
                            + i + " in the list (shapes " + Arrays.toString(first.shape) + " and "
                            + Arrays.toString(t.shape) + ")");
                }
            }
            if (t.dtype() != dtype) {
                throw new IllegalArgumentException("cat: all tensors must have the same dtype, got " + dtype.torchName()
                        + " and " + t.dtype().torchName());
            }
            total += t.shape[d];
        }
        int[] shape = first.shape.clone();
        shape[d] = total;
        Tensor out = Tensor.empty(dtype, shape);
        int pos = 0;
        for (Tensor t : ts) {
            if (t.shape[d] > 0) {
                out.detach().narrow(d, pos, t.shape[d]).copyRaw(t);
            }
            pos += t.shape[d];
        }
        if (!Autograd.needsGrad(ts)) {
            return out;
        }
        int[] sizes = Arrays.stream(ts).mapToInt(t -> t.shape[d]).toArray();
        return Autograd.record(out, "cat", ts.clone(), g -> {
            Tensor[] gs = new Tensor[sizes.length];
            int p = 0;
            for (int i = 0; i < sizes.length; i++) {
                gs[i] = g.narrow(d, p, sizes[i]);
                p += sizes[i];
            }
            return gs;
        });
    }

    static Tensor stack(Tensor[] ts, int dim) {
        if (ts.length == 0) {
            throw new IllegalArgumentException("stack: expected a non-empty list of tensors");
        }
        int d = Shapes.wrapDim("stack", dim, ts[0].dim() + 1);
        Tensor[] us = new Tensor[ts.length];
        for (int i = 0; i < ts.length; i++) {
            if (!Arrays.equals(ts[i].shape, ts[0].shape)) {
                throw new IllegalArgumentException("stack: stack expects each tensor to be equal size, but got "
                        + Arrays.toString(ts[0].shape) + " at entry 0 and " + Arrays.toString(ts[i].shape) + " at entry "
                        + i);
            }
            us[i] = ts[i].unsqueeze(d);
        }
        return cat(us, d);
    }

    static Tensor[] split(Tensor t, int size, int dim) {
        int d = Shapes.wrapDim("split", dim, t.dim());
        if (size <= 0) {
            throw new IllegalArgumentException("split: split_size must be positive, got " + size);
        }
        int len = t.shape[d];
        int n = Math.max(1, (len + size - 1) / size);
        Tensor[] out = new Tensor[n];
        for (int i = 0; i < n; i++) {
            int s = i * size;
            out[i] = t.narrow(d, s, Math.min(size, len - s));
        }
        return out;
    }

    static Tensor[] chunk(Tensor t, int chunks, int dim) {
        if (chunks <= 0) {
            throw new IllegalArgumentException("chunk: number of chunks must be positive, got " + chunks);
        }
        int d = Shapes.wrapDim("chunk", dim, t.dim());
        int size = Math.max(1, (t.shape[d] + chunks - 1) / chunks);
        return split(t, size, d);
    }

    static Tensor repeat(Tensor t, int[] repeats) {
        if (repeats.length < t.dim()) {
            throw new IllegalArgumentException("repeat: number of repeat dims (" + repeats.length + ") can not be smaller"
                    + " than number of dimensions of tensor (" + t.dim() + ")");
        }
        int lead = repeats.length - t.dim();
        Tensor x = t;
        for (int i = 0; i < lead; i++) {
            x = x.unsqueeze(0);
        }
        // (..., s, ...) -> (..., r, s, ...) expanded -> reshape (..., r*s, ...)
        int r = repeats.length;
        int[] expShape = new int[2 * r];
        int[] viewShape = new int[2 * r];
        int[] finalShape = new int[r];
        for (int i = 0; i < r; i++) {
            viewShape[2 * i] = 1;
            viewShape[2 * i + 1] = x.shape[i];
            expShape[2 * i] = repeats[i];
            expShape[2 * i + 1] = x.shape[i];
            finalShape[i] = repeats[i] * x.shape[i];
        }
        return x.reshape(viewShape).expand(expShape).reshape(finalShape);
    }

    static Tensor repeatInterleave(Tensor t, int repeats, int dim) {
        if (repeats < 0) {
            throw new IllegalArgumentException("repeat_interleave: repeats must be non-negative, got " + repeats);
        }
        int d = Shapes.wrapDim("repeat_interleave", dim, t.dim());
        int[] shape = t.shape;
        int[] exp = new int[shape.length + 1];
        for (int i = 0, j = 0; i <= shape.length; i++) {
            exp[i] = i == d + 1 ? repeats : shape[j++];
        }
        int[] fin = shape.clone();
        fin[d] = shape[d] * repeats;
        return t.unsqueeze(d + 1).expand(exp).reshape(fin);
    }

    /**
     * Pads the last dims as {@code F.pad(input, pad, mode)} with mode "constant" (value), "reflect"
     * (mirror without repeating the edge), "replicate" (repeat the edge) or "circular" (wrap around).
     * Non-constant modes gather source indices per padded dim, so gradients flow through index_select.
     */
    public static Tensor pad(Tensor x, int[] pad, String mode, float value) {
        if ("constant".equals(mode)) {
            return pad(x, pad, value);
        }
        if (!mode.equals("reflect") && !mode.equals("replicate") && !mode.equals("circular")) {
            throw new IllegalArgumentException("pad: mode must be 'constant', 'reflect', 'replicate' or 'circular', got '"
                    + mode + "'");
        }
        if (pad.length % 2 != 0 || pad.length / 2 > x.dim()) {
            throw new IllegalArgumentException("pad: padding length must be even and at most 2 * " + x.dim()
                    + " for input of shape " + Arrays.toString(x.shape) + ", got " + Arrays.toString(pad));
        }
        Tensor out = x;
        for (int i = 0; i < pad.length / 2; i++) {
            int d = x.dim() - 1 - i;
            int lo = pad[2 * i];
            int hi = pad[2 * i + 1];
            int n = x.shape[d];
            if (mode.equals("reflect") && (lo >= n || hi >= n)) {
                throw new IllegalArgumentException("pad: padding (" + lo + ", " + hi + ") should be less than the input"
                        + " size " + n + " of dimension " + d + " for reflect mode (input " + Arrays.toString(x.shape) + ")");
            }
            if (mode.equals("circular") && (lo > n || hi > n)) {
                throw new IllegalArgumentException("pad: padding (" + lo + ", " + hi + ") must not exceed the input size "
                        + n + " of dimension " + d + " for circular mode");
            }
            if (n == 0 && lo + hi > 0) {
                throw new IllegalArgumentException("pad: cannot pad an empty dimension " + d + " in " + mode + " mode");
            }
            int len = n + lo + hi;
            long[] idx = new long[Math.max(len, 0)];
            for (int j = 0; j < len; j++) {
                int src = j - lo;
                idx[j] = switch (mode) {
                    case "reflect" -> reflect(src, n);
                    case "replicate" -> Math.min(Math.max(src, 0), n - 1);
                    default -> Math.floorMod(src, n);
                };
            }
            out = out.indexSelect(d, Tensor.ofLongs(idx, idx.length));
        }
        return out;
    }

    private static int reflect(int i, int n) {
        if (n == 1) {
            return 0;
        }
        int period = 2 * (n - 1);
        int m = Math.floorMod(i, period);
        return m < n ? m : period - m;
    }

    /**
     * Pads the last dims with a constant, as {@code F.pad(input, pad, value=...)}: pad lists
     * (left, right) for the last dim, then the one before, and so on. Negative pads crop.
     */
    public static Tensor pad(Tensor x, int[] pad, float value) {
        if (pad.length % 2 != 0 || pad.length / 2 > x.dim()) {
            throw new IllegalArgumentException("pad: padding length must be even and at most 2 * " + x.dim()
                    + " for input of shape " + Arrays.toString(x.shape) + ", got " + Arrays.toString(pad));
        }
        int r = x.dim();
        int[] shape = x.shape.clone();
        int[] lo = new int[r];
        for (int i = 0; i < pad.length / 2; i++) {
            int d = r - 1 - i;
            lo[d] = pad[2 * i];
            shape[d] = x.shape[d] + pad[2 * i] + pad[2 * i + 1];
            if (shape[d] < 0) {
                throw new IllegalArgumentException("pad: resulting size of dim " + d + " would be " + shape[d]);
            }
        }
        Tensor out = Tensor.full(value, shape);
        // The region of out that receives x, and the region of x that survives (negative pads crop).
        Tensor dst = out;
        Tensor src = x.detach();
        for (int d = 0; d < r; d++) {
            int start = Math.max(lo[d], 0);
            int srcStart = Math.max(-lo[d], 0);
            int len = Math.min(x.shape[d] - srcStart, shape[d] - start);
            dst = dst.narrow(d, start, Math.max(len, 0));
            src = src.narrow(d, srcStart, Math.max(len, 0));
        }
        dst.copyRaw(src);
        int[] loF = lo;
        return Autograd.record(out, "pad", new Tensor[] {x}, g -> {
            Tensor gin = Tensor.zeros(x.shape);
            Tensor gd = gin;
            Tensor gs = g;
            for (int d = 0; d < r; d++) {
                int start = Math.max(loF[d], 0);
                int srcStart = Math.max(-loF[d], 0);
                int len = Math.max(Math.min(x.shape[d] - srcStart, shape[d] - start), 0);
                gs = gs.narrow(d, start, len);
                gd = gd.narrow(d, srcStart, len);
            }
            gd.copyRaw(gs);
            return new Tensor[] {gin};
        });
    }
}
