package dev.nabla.tensor;

import dev.nabla.autograd.Autograd;
import java.util.Arrays;

/** Index-based ops: index_select, gather, scatter_add, masked_fill, where, masked_select. */
final class Indexing {
    private Indexing() {
    }

    private static int[] indices(String op, Tensor index, int bound, String what) {
        if (index.dtype() != DType.INT64) {
            throw new IllegalArgumentException(op + ": expected an int64 index tensor but got "
                    + index.dtype().torchName());
        }
        int[] ix = index.toIntArray();
        for (int i = 0; i < ix.length; i++) {
            int v = ix[i] < 0 ? ix[i] + bound : ix[i];
            if (v < 0 || v >= bound) {
                throw new IndexOutOfBoundsException(op + ": index " + ix[i] + " is out of bounds for " + what
                        + " with size " + bound);
            }
            ix[i] = v;
        }
        return ix;
    }

    static Tensor indexSelect(Tensor x, int dim, Tensor index) {
        if (index.dim() > 1) {
            throw new IllegalArgumentException("index_select: index must be 0-D or 1-D, got shape "
                    + Arrays.toString(index.shape));
        }
        int d = Shapes.wrapDim("index_select", dim, Math.max(x.dim(), 1));
        int[] ix = indices("index_select", index, x.dim() == 0 ? 1 : x.shape[d], "dimension " + d);
        int[] shape = x.shape.clone();
        if (shape.length == 0) {
            return x.clone();
        }
        shape[d] = ix.length;
        Tensor out = Tensor.empty(x.dtype(), shape);
        for (int i = 0; i < ix.length; i++) {
            out.narrow(d, i, 1).copyRaw(x.detach().narrow(d, ix[i], 1));
        }
        int[] inShape = x.shape;
        return Autograd.record(out, "index_select", new Tensor[] {x}, g -> {
            Tensor gin = Tensor.zeros(inShape);
            for (int i = 0; i < ix.length; i++) {
                Tensor dst = gin.narrow(d, ix[i], 1);
                Elementwise.binaryInPlace(dst, g.narrow(d, i, 1), dev.nabla.kernel.BinaryOp.ADD, 0f, "index_add");
            }
            return new Tensor[] {gin};
        });
    }

    /** Storage positions of out[...] -> x position along dim given by index, for gather and scatter. */
    private static void checkGatherShapes(String op, Tensor x, int d, Tensor index) {
        if (index.dim() != x.dim()) {
            throw new IllegalArgumentException(op + ": index tensor must have the same number of dimensions as input"
                    + " tensor (input " + Arrays.toString(x.shape) + ", index " + Arrays.toString(index.shape) + ")");
        }
        for (int i = 0; i < x.dim(); i++) {
            if (i != d && index.shape[i] > x.shape[i]) {
                throw new IllegalArgumentException(op + ": size does not match at dimension " + i + ": index "
                        + Arrays.toString(index.shape) + " vs input " + Arrays.toString(x.shape));
            }
        }
    }

    static Tensor gather(Tensor x, int dim, Tensor index) {
        int d = Shapes.wrapDim("gather", dim, x.dim());
        checkGatherShapes("gather", x, d, index);
        int[] ix = indices("gather", index, x.shape[d], "dimension " + d);
        int[] shape = index.shape.clone();
        Tensor out = Tensor.empty(x.dtype(), shape);
        int[] pos = new int[ix.length];
        int[] coords = new int[shape.length];
        for (int i = 0; i < ix.length; i++) {
            int p = x.offset;
            for (int k = 0; k < shape.length; k++) {
                p += (k == d ? ix[i] : coords[k]) * x.strides[k];
            }
            pos[i] = p;
            for (int k = shape.length - 1; k >= 0; k--) {
                if (++coords[k] < shape[k]) {
                    break;
                }
                coords[k] = 0;
            }
        }
        for (int i = 0; i < ix.length; i++) {
            out.storage.copyElement(i, x.storage, pos[i]);
        }
        int[] inShape = x.shape;
        return Autograd.record(out, "gather", new Tensor[] {x},
                g -> new Tensor[] {Tensor.zeros(inShape).scatterAdd(d, index, g)});
    }

    static Tensor scatterAdd(Tensor x, int dim, Tensor index, Tensor src) {
        int d = Shapes.wrapDim("scatter_add", dim, x.dim());
        checkGatherShapes("scatter_add", x, d, index);
        int[] ix = indices("scatter_add", index, x.shape[d], "dimension " + d);
        Tensor out = Views.rawCopy(x);
        float[] o = out.storage.floats;
        int[] ost = out.strides;
        int[] shape = index.shape;
        int[] coords = new int[shape.length];
        int[] srcPos = new int[ix.length];
        src.requireFloat("scatter_add");
        Tensor srcView = src.detach();
        for (int k = 0; k < shape.length; k++) {
            if (src.shape[k] < shape[k]) {
                throw new IllegalArgumentException("scatter_add: src " + Arrays.toString(src.shape)
                        + " is smaller than index " + Arrays.toString(shape) + " at dimension " + k);
            }
            srcView = srcView.narrow(k, 0, shape[k]);
        }
        StridedIter.forEach(srcView, (i, p) -> srcPos[i] = p);
        float[] s = src.storage.floats;
        for (int i = 0; i < ix.length; i++) {
            int p = 0;
            for (int k = 0; k < shape.length; k++) {
                p += (k == d ? ix[i] : coords[k]) * ost[k];
            }
            o[p] += s[srcPos[i]];
            for (int k = shape.length - 1; k >= 0; k--) {
                if (++coords[k] < shape[k]) {
                    break;
                }
                coords[k] = 0;
            }
        }
        return Autograd.record(out, "scatter_add", new Tensor[] {x, src}, g -> new Tensor[] {
            g, src.requiresGrad() ? g.gather(d, index) : null});
    }

    static Tensor maskedFill(Tensor x, Tensor mask, float value) {
        checkMask("masked_fill", x, mask);
        Tensor out = Views.rawCopy(x);
        Tensor m = mask.expand(x.shape);
        boolean[] mv = m.toBoolArray();
        for (int i = 0; i < mv.length; i++) {
            if (mv[i]) {
                out.storage.set(i, value);
            }
        }
        return Autograd.record(out, "masked_fill", new Tensor[] {x}, g -> new Tensor[] {g.maskedFill(mask, 0f)});
    }

    static Tensor maskedFillInPlace(Tensor x, Tensor mask, float value) {
        checkMask("masked_fill_", x, mask);
        x.checkInPlace("maskedFillInPlace");
        boolean[] mv = mask.expand(x.shape).toBoolArray();
        StridedIter.forEach(x, (i, p) -> {
            if (mv[i]) {
                x.storage.set(p, value);
            }
        });
        x.storage.version++;
        return x;
    }

    private static void checkMask(String op, Tensor x, Tensor mask) {
        if (mask.dtype() != DType.BOOL) {
            throw new IllegalArgumentException(op + ": expected a bool mask but got " + mask.dtype().torchName());
        }
        int[] b = Shapes.broadcast(op, x.shape, mask.shape);
        if (!Arrays.equals(b, x.shape)) {
            throw new IllegalArgumentException(op + ": mask of shape " + Arrays.toString(mask.shape)
                    + " does not broadcast to input shape " + Arrays.toString(x.shape));
        }
    }

    static Tensor where(Tensor cond, Tensor a, Tensor b) {
        if (cond.dtype() != DType.BOOL) {
            throw new IllegalArgumentException("where: expected a bool condition but got " + cond.dtype().torchName());
        }
        int[] shape = Shapes.broadcast("where", Shapes.broadcast("where", cond.shape, a.shape), b.shape);
        Tensor af = a.dtype() == DType.FLOAT32 ? a : a.toFloat();
        Tensor bf = b.dtype() == DType.FLOAT32 ? b : b.toFloat();
        boolean[] c = cond.expand(shape).toBoolArray();
        float[] av = af.expand(shape).toFloatArray();
        float[] bv = bf.expand(shape).toFloatArray();
        float[] out = new float[c.length];
        for (int i = 0; i < c.length; i++) {
            out[i] = c[i] ? av[i] : bv[i];
        }
        Tensor result = Tensor.wrap(out, shape);
        return Autograd.record(result, "where", new Tensor[] {af, bf}, g -> new Tensor[] {
            af.requiresGrad() ? Reductions.sumToShape(g.maskedFill(cond.logicalNot(), 0f), af.shape) : null,
            bf.requiresGrad() ? Reductions.sumToShape(g.maskedFill(cond, 0f), bf.shape) : null});
    }

    static Tensor maskedSelect(Tensor x, Tensor mask) {
        if (mask.dtype() != DType.BOOL) {
            throw new IllegalArgumentException("masked_select: expected a bool mask but got " + mask.dtype().torchName());
        }
        int[] shape = Shapes.broadcast("masked_select", x.shape, mask.shape);
        boolean[] m = mask.expand(shape).toBoolArray();
        Tensor xe = x.expand(shape);
        float[] v = xe.toFloatArray();
        int selected = 0;
        for (boolean b : m) {
            selected += b ? 1 : 0;
        }
        int count = selected;
        float[] out = new float[count];
        int[] where = new int[count];
        for (int i = 0, k = 0; i < m.length; i++) {
            if (m[i]) {
                where[k] = i;
                out[k++] = v[i];
            }
        }
        Tensor result = Tensor.wrap(out, count).to(x.dtype());
        return Autograd.record(result, "masked_select", new Tensor[] {xe}, g -> {
            float[] gv = g.toFloatArray();
            float[] full = new float[m.length];
            for (int k = 0; k < count; k++) {
                full[where[k]] = gv[k];
            }
            return new Tensor[] {Tensor.wrap(full, shape)};
        });
    }
}
