package dev.nabla.tensor;

/** Visits the elements of a strided tensor in row-major order. */
final class StridedIter {
    private StridedIter() {
    }

    /** Receives the row-major position i and the storage position p of each element. */
    @FunctionalInterface
    interface Visitor {
        void visit(int i, int p);
    }

    static void forEach(Tensor t, Visitor v) {
        forEach(t.shape, t.strides, t.offset, v);
    }

    static void forEach(int[] shape, int[] strides, int offset, Visitor v) {
        int n = Shapes.numel(shape);
        if (n == 0) {
            return;
        }
        int rank = shape.length;
        if (rank == 0) {
            v.visit(0, offset);
            return;
        }
        int last = rank - 1;
        int inner = shape[last];
        int innerStride = strides[last];
        int[] idx = new int[rank];
        int base = offset;
        int i = 0;
        while (true) {
            int p = base;
            for (int j = 0; j < inner; j++, p += innerStride) {
                v.visit(i++, p);
            }
            int d = last - 1;
            while (d >= 0) {
                idx[d]++;
                base += strides[d];
                if (idx[d] < shape[d]) {
                    break;
                }
                base -= strides[d] * shape[d];
                idx[d] = 0;
                d--;
            }
            if (d < 0) {
                return;
            }
        }
    }

    /** Copies a strided float view into dst[dstOff..] in row-major order, a run at a time. */
    static void copyFloats(float[] src, int[] shape, int[] strides, int offset, float[] dst, int dstOff) {
        int n = Shapes.numel(shape);
        if (n == 0) {
            return;
        }
        int rank = shape.length;
        if (rank == 0) {
            dst[dstOff] = src[offset];
            return;
        }
        int last = rank - 1;
        int inner = shape[last];
        int innerStride = strides[last];
        int[] idx = new int[rank];
        int base = offset;
        int o = dstOff;
        while (true) {
            if (innerStride == 1) {
                System.arraycopy(src, base, dst, o, inner);
                o += inner;
            } else {
                for (int j = 0, p = base; j < inner; j++, p += innerStride) {
                    dst[o++] = src[p];
                }
            }
            int d = last - 1;
            while (d >= 0) {
                idx[d]++;
                base += strides[d];
                if (idx[d] < shape[d]) {
                    break;
                }
                base -= strides[d] * shape[d];
                idx[d] = 0;
                d--;
            }
            if (d < 0) {
                return;
            }
        }
    }

    /** Writes row-major src[srcOff..] into a strided float view. */
    static void scatterFloats(float[] src, int srcOff, float[] dst, int[] shape, int[] strides, int offset) {
        forEach(shape, strides, offset, (i, p) -> dst[p] = src[srcOff + i]);
    }
}
