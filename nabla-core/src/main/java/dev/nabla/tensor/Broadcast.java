package dev.nabla.tensor;

/**
 * Iterates two strided operands broadcast to a common shape, one innermost run at a time, after
 * merging dimensions that are adjacent in every operand (so [N,C,H,W] + [1,C,1,1] becomes runs of
 * H*W with the second operand's stride 0).
 */
final class Broadcast {
    private Broadcast() {
    }

    /** One run: n elements at a + i*aStride, b + i*bStride, out + i (out is contiguous). */
    @FunctionalInterface
    interface Run {
        void apply(int aPos, int aStride, int bPos, int bStride, int outPos, int n);
    }

    /** Strides of t viewed as broadcast to {@code shape} (0 along broadcast dims). */
    static int[] expandedStrides(Tensor t, int[] shape) {
        int[] st = new int[shape.length];
        int lead = shape.length - t.shape.length;
        for (int i = 0; i < t.shape.length; i++) {
            st[lead + i] = t.shape[i] == 1 && shape[lead + i] != 1 ? 0 : t.strides[i];
        }
        return st;
    }

    static void forEachRun(int[] shape, int[] aStrides, int aOff, int[] bStrides, int bOff, Run run) {
        int n = Shapes.numel(shape);
        if (n == 0) {
            return;
        }
        // Coalesce: drop size-1 dims, merge dim i into i+1 when contiguous for both operands.
        int[] sh = new int[shape.length];
        int[] sa = new int[shape.length];
        int[] sb = new int[shape.length];
        int r = 0;
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] == 1) {
                continue;
            }
            if (r > 0 && sa[r - 1] == aStrides[i] * shape[i] && sb[r - 1] == bStrides[i] * shape[i]) {
                sh[r - 1] *= shape[i];
                sa[r - 1] = aStrides[i];
                sb[r - 1] = bStrides[i];
            } else {
                sh[r] = shape[i];
                sa[r] = aStrides[i];
                sb[r] = bStrides[i];
                r++;
            }
        }
        if (r == 0) {
            run.apply(aOff, 0, bOff, 0, 0, 1);
            return;
        }
        int last = r - 1;
        int inner = sh[last];
        int[] idx = new int[r];
        int pa = aOff;
        int pb = bOff;
        int po = 0;
        while (true) {
            run.apply(pa, sa[last], pb, sb[last], po, inner);
            po += inner;
            int d = last - 1;
            while (d >= 0) {
                idx[d]++;
                pa += sa[d];
                pb += sb[d];
                if (idx[d] < sh[d]) {
                    break;
                }
                pa -= sa[d] * sh[d];
                pb -= sb[d] * sh[d];
                idx[d] = 0;
                d--;
            }
            if (d < 0) {
                return;
            }
        }
    }
}
