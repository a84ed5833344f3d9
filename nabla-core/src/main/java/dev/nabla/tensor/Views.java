package dev.nabla.tensor;

import dev.nabla.autograd.Autograd;
import java.util.Arrays;

/** Ops that return views of the same storage (and copies where a view is impossible), with gradients. */
final class Views {
    private Views() {
    }

    /** t itself if contiguous, else a contiguous copy; never recorded (for kernels and backward rules). */
    static Tensor rawContiguous(Tensor t) {
        if (t.isContiguous()) {
            return t;
        }
        return rawCopy(t);
    }

    static Tensor rawCopy(Tensor t) {
        if (t.dtype() != DType.FLOAT32) {
            return copyOther(t);
        }
        float[] out = new float[t.numel()];
        StridedIter.copyFloats(t.storage.floats, t.shape, t.strides, t.offset, out, 0);
        return Tensor.wrap(out, t.shape);
    }

    private static Tensor copyOther(Tensor t) {
        Tensor out = Tensor.empty(t.dtype(), t.shape);
        Storage s = out.storage;
        StridedIter.forEach(t, (i, p) -> s.copyElement(i, t.storage, p));
        return out;
    }

    /** A contiguous copy with its own storage (differentiable). */
    static Tensor copy(Tensor t, String op) {
        Tensor out = t.dtype() == DType.FLOAT32 ? rawCopy(t) : copyOther(t);
        return Autograd.record(out, op, new Tensor[] {t}, g -> new Tensor[] {g});
    }

    private static Tensor make(Tensor base, int offset, int[] shape, int[] strides) {
        return new Tensor(base.storage, offset, shape, strides);
    }

    /** Strides for viewing (shape, strides) as newShape without copying, or null if impossible (torch's rule). */
    static int[] viewStrides(int[] shape, int[] strides, int[] newShape) {
        int numel = Shapes.numel(shape);
        int[] newStrides = new int[newShape.length];
        if (numel == 0) {
            return Shapes.contiguousStrides(newShape);
        }
        int viewD = newShape.length - 1;
        int chunkBase = strides.length == 0 ? 1 : strides[strides.length - 1];
        long tensorNumel = 1;
        long viewNumel = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            tensorNumel *= shape[d];
            if (d == 0 || (shape[d - 1] != 1 && strides[d - 1] != tensorNumel * chunkBase)) {
                while (viewD >= 0 && (viewNumel < tensorNumel || newShape[viewD] == 1)) {
                    newStrides[viewD] = (int) (viewNumel * chunkBase);
                    viewNumel *= newShape[viewD];
                    viewD--;
                }
                if (viewNumel != tensorNumel) {
                    return null;
                }
                if (d > 0) {
                    chunkBase = strides[d - 1];
                    tensorNumel = 1;
                    viewNumel = 1;
                }
            }
        }
        if (viewD != -1) {
            // Remaining leading dims of size 1.
            for (; viewD >= 0; viewD--) {
                newStrides[viewD] = 1;
            }
        }
        return newStrides;
    }

    static Tensor view(Tensor t, int[] newShape) {
        int[] shape = Shapes.inferShape("view", newShape, t.numel());
        int[] st = viewStrides(t.shape, t.strides, shape);
        if (st == null) {
            throw new IllegalArgumentException("view: size " + Arrays.toString(shape) + " is not compatible with input"
                    + " tensor's size " + Arrays.toString(t.shape) + " and stride " + Arrays.toString(t.strides)
                    + "; use reshape() instead");
        }
        return recordReshape(make(t, t.offset, shape, st), t, "view");
    }

    static Tensor reshape(Tensor t, int[] newShape, String op) {
        int[] shape = Shapes.inferShape(op, newShape, t.numel());
        int[] st = viewStrides(t.shape, t.strides, shape);
        if (st != null) {
            return recordReshape(make(t, t.offset, shape, st), t, op);
        }
        Tensor c = t.dtype() == DType.FLOAT32 ? rawCopy(t) : copyOther(t);
        return recordReshape(new Tensor(c.storage, shape), t, op);
    }

    private static Tensor recordReshape(Tensor out, Tensor in, String op) {
        int[] inShape = in.shape;
        return Autograd.record(out, op, new Tensor[] {in}, g -> new Tensor[] {g.reshape(inShape)});
    }

    static Tensor permute(Tensor t, int[] dims) {
        int r = t.shape.length;
        if (dims.length != r) {
            throw new IllegalArgumentException("permute: number of dims don't match: got " + dims.length
                    + " dims for a tensor of shape " + Arrays.toString(t.shape));
        }
        int[] shape = new int[r];
        int[] st = new int[r];
        int[] inverse = new int[r];
        boolean[] seen = new boolean[r];
        for (int i = 0; i < r; i++) {
            int d = Shapes.wrapDim("permute", dims[i], r);
            if (seen[d]) {
                throw new IllegalArgumentException("permute: repeated dim " + dims[i] + " in " + Arrays.toString(dims));
            }
            seen[d] = true;
            shape[i] = t.shape[d];
            st[i] = t.strides[d];
            inverse[d] = i;
        }
        Tensor out = make(t, t.offset, shape, st);
        return Autograd.record(out, "permute", new Tensor[] {t}, g -> new Tensor[] {g.permute(inverse)});
    }

    static Tensor transpose(Tensor t, int dim0, int dim1) {
        int r = t.shape.length;
        if (r == 0) {
            return t;
        }
        int a = Shapes.wrapDim("transpose", dim0, r);
        int b = Shapes.wrapDim("transpose", dim1, r);
        int[] perm = new int[r];
        for (int i = 0; i < r; i++) {
            perm[i] = i;
        }
        perm[a] = b;
        perm[b] = a;
        return permute(t, perm);
    }

    static Tensor slice(Tensor t, int dim, int start, int end, int step, String op) {
        int d = Shapes.wrapDim(op, dim, t.shape.length);
        if (step <= 0) {
            throw new IllegalArgumentException(op + ": slice step must be positive, got " + step);
        }
        int size = t.shape[d];
        if ("narrow".equals(op)) {
            if (start < 0 || end > size || start > end) {
                throw new IllegalArgumentException("narrow: start (" + start + ") + length (" + (end - start)
                        + ") exceeds dimension size (" + size + ") of dim " + dim + " in " + Arrays.toString(t.shape));
            }
        }
        int s = start < 0 ? Math.max(start + size, 0) : Math.min(start, size);
        int e = end < 0 ? Math.max(end + size, 0) : Math.min(end, size);
        int len = e > s ? (e - s + step - 1) / step : 0;
        int[] shape = t.shape.clone();
        int[] st = t.strides.clone();
        shape[d] = len;
        st[d] = t.strides[d] * step;
        Tensor out = make(t, t.offset + s * t.strides[d], shape, st);
        int[] inShape = t.shape;
        int fs = s;
        return Autograd.record(out, op, new Tensor[] {t}, g -> {
            Tensor gin = Tensor.zeros(inShape);
            Tensor region = gin.slice(d, fs, fs + (len - 1) * step + 1, step);
            Tensor gc = rawContiguous(g);
            StridedIter.scatterFloats(gc.storage.floats, gc.offset, gin.storage.floats, region.shape, region.strides,
                    region.offset);
            return new Tensor[] {gin};
        });
    }

    static Tensor expand(Tensor t, int[] newShape) {
        int r = newShape.length;
        if (r < t.shape.length) {
            throw new IllegalArgumentException("expand: the number of sizes provided (" + r + ") must be greater or equal"
                    + " to the number of dimensions in the tensor (" + t.shape.length + ")");
        }
        int lead = r - t.shape.length;
        int[] shape = new int[r];
        int[] st = new int[r];
        for (int i = 0; i < r; i++) {
            int want = newShape[i];
            if (i < lead) {
                if (want < 0) {
                    throw new IllegalArgumentException("expand: -1 is not allowed in a leading, non-existing dimension");
                }
                shape[i] = want;
                st[i] = 0;
                continue;
            }
            int have = t.shape[i - lead];
            if (want == -1 || want == have) {
                shape[i] = have;
                st[i] = t.strides[i - lead];
            } else if (have == 1) {
                shape[i] = want;
                st[i] = 0;
            } else {
                throw new IllegalArgumentException("expand: the expanded size of the tensor (" + want + ") must match the"
                        + " existing size (" + have + ") at non-singleton dimension " + i + ".  Target sizes: "
                        + Arrays.toString(newShape) + ".  Tensor sizes: " + Arrays.toString(t.shape));
            }
        }
        if (Arrays.equals(shape, t.shape)) {
            return t;
        }
        Tensor out = make(t, t.offset, shape, st);
        int[] inShape = t.shape;
        return Autograd.record(out, "expand", new Tensor[] {t},
                g -> new Tensor[] {Reductions.sumToShape(g, inShape)});
    }

    static Tensor squeeze(Tensor t, int dim, boolean all) {
        int r = t.shape.length;
        int[] keep;
        if (all) {
            keep = java.util.stream.IntStream.range(0, r).filter(i -> t.shape[i] != 1).toArray();
        } else {
            if (r == 0) {
                return t;
            }
            int d = Shapes.wrapDim("squeeze", dim, r);
            if (t.shape[d] != 1) {
                return t;
            }
            keep = java.util.stream.IntStream.range(0, r).filter(i -> i != d).toArray();
        }
        int[] shape = new int[keep.length];
        int[] st = new int[keep.length];
        for (int i = 0; i < keep.length; i++) {
            shape[i] = t.shape[keep[i]];
            st[i] = t.strides[keep[i]];
        }
        return recordReshape(make(t, t.offset, shape, st), t, "squeeze");
    }

    static Tensor unsqueeze(Tensor t, int dim) {
        int r = t.shape.length;
        int d = Shapes.wrapDim("unsqueeze", dim, r + 1);
        int[] shape = new int[r + 1];
        int[] st = new int[r + 1];
        for (int i = 0, j = 0; i <= r; i++) {
            if (i == d) {
                shape[i] = 1;
                st[i] = j < r ? t.strides[j] * t.shape[j] : 1;
            } else {
                shape[i] = t.shape[j];
                st[i] = t.strides[j];
                j++;
            }
        }
        return recordReshape(make(t, t.offset, shape, st), t, "unsqueeze");
    }

    static Tensor flatten(Tensor t, int startDim, int endDim) {
        int r = t.shape.length;
        if (r == 0) {
            return t.reshape(1);
        }
        int s = Shapes.wrapDim("flatten", startDim, r);
        int e = Shapes.wrapDim("flatten", endDim, r);
        if (s > e) {
            throw new IllegalArgumentException("flatten: start_dim (" + startDim + ") cannot come after end_dim ("
                    + endDim + ")");
        }
        int[] shape = new int[r - (e - s)];
        int k = 0;
        for (int i = 0; i < s; i++) {
            shape[k++] = t.shape[i];
        }
        int prod = 1;
        for (int i = s; i <= e; i++) {
            prod *= t.shape[i];
        }
        shape[k++] = prod;
        for (int i = e + 1; i < r; i++) {
            shape[k++] = t.shape[i];
        }
        return reshape(t, shape, "flatten");
    }
}
