package dev.nabla.tensor;

import dev.nabla.autograd.Autograd;
import dev.nabla.kernel.FreshArrays;
import dev.nabla.kernel.KernelProvider;
import dev.nabla.kernel.Parallel;
import java.util.Arrays;

/** Matrix products: mm, bmm and matmul's broadcasting forms, on the kernel GEMM (transposes read in place). */
final class LinAlg {
    private LinAlg() {
    }

    /** How a 2-D strided matrix can be handed to GEMM without copying. */
    record Operand(float[] data, int offset, int ld, boolean trans) {
    }

    /** Describes a 2-D float tensor for GEMM, copying only if it is neither row- nor column-major. */
    static Operand operand(Tensor t) {
        int rows = t.shape[0];
        int cols = t.shape[1];
        int s0 = t.strides[0];
        int s1 = t.strides[1];
        if (cols == 1 || s1 == 1) {
            int ld = rows <= 1 ? Math.max(cols, 1) : s0;
            if (ld >= Math.max(cols, 1) || rows <= 1) {
                return new Operand(t.storage.floats, t.offset, ld, false);
            }
        }
        if (rows == 1 || s0 == 1) {
            int ld = cols <= 1 ? Math.max(rows, 1) : s1;
            if (ld >= Math.max(rows, 1) || cols <= 1) {
                return new Operand(t.storage.floats, t.offset, ld, true);
            }
        }
        Tensor c = Views.rawCopy(t);
        return new Operand(c.storage.floats, 0, Math.max(cols, 1), false);
    }

    /** out[oOff..] (m x n, row-major) = a (m x k) * b (k x n). */
    static void gemmInto(Tensor a, Tensor b, float[] out, int oOff, float beta) {
        int m = a.shape[0];
        int k = a.shape[1];
        int n = b.shape[1];
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0) {
            if (beta == 0f) {
                Arrays.fill(out, oOff, oOff + m * n, 0f);
            }
            return;
        }
        Operand oa = operand(a);
        Operand ob = operand(b);
        KernelProvider.get().gemm(oa.trans, ob.trans, m, n, k, 1f, oa.data, oa.offset, oa.ld, ob.data, ob.offset, ob.ld,
                beta, out, oOff, n);
    }

    static Tensor mm(Tensor a, Tensor b) {
        a.requireFloat("mm");
        b.requireFloat("mm");
        if (a.dim() != 2 || b.dim() != 2) {
            throw new IllegalArgumentException("mm: expected 2-D tensors but got " + Arrays.toString(a.shape) + " and "
                    + Arrays.toString(b.shape));
        }
        if (a.shape[1] != b.shape[0]) {
            throw new IllegalArgumentException("mm: cannot multiply " + Arrays.toString(a.shape) + " by "
                    + Arrays.toString(b.shape));
        }
        float[] out = FreshArrays.floats(a.shape[0] * b.shape[1]);
        gemmInto(a, b, out, 0, 0f);
        Tensor result = Tensor.wrap(out, a.shape[0], b.shape[1]);
        return Autograd.record(result, "mm", new Tensor[] {a, b}, new Tensor[] {a, b}, g -> new Tensor[] {
            a.requiresGrad() ? g.mm(b.t()) : null,
            b.requiresGrad() ? a.t().mm(g) : null});
    }

    static Tensor bmm(Tensor a, Tensor b) {
        a.requireFloat("bmm");
        b.requireFloat("bmm");
        if (a.dim() != 3 || b.dim() != 3) {
            throw new IllegalArgumentException("bmm: expected 3-D tensors but got " + Arrays.toString(a.shape) + " and "
                    + Arrays.toString(b.shape));
        }
        if (a.shape[0] != b.shape[0] || a.shape[2] != b.shape[1]) {
            throw new IllegalArgumentException("bmm: cannot multiply " + Arrays.toString(a.shape) + " by "
                    + Arrays.toString(b.shape));
        }
        int batch = a.shape[0];
        int m = a.shape[1];
        int n = b.shape[2];
        float[] out = FreshArrays.floats(batch * m * n);
        for (int i = 0; i < batch; i++) {
            gemmInto(a.select(0, i).detach(), b.select(0, i).detach(), out, i * m * n, 0f);
        }
        Tensor result = Tensor.wrap(out, batch, m, n);
        return Autograd.record(result, "bmm", new Tensor[] {a, b}, new Tensor[] {a, b}, g -> new Tensor[] {
            a.requiresGrad() ? g.bmm(b.transpose(1, 2)) : null,
            b.requiresGrad() ? a.transpose(1, 2).bmm(g) : null});
    }

    static Tensor matmul(Tensor a, Tensor b) {
        int ra = a.dim();
        int rb = b.dim();
        if (ra == 0 || rb == 0) {
            throw new IllegalArgumentException("matmul: both arguments need at least 1 dimension, got "
                    + Arrays.toString(a.shape) + " and " + Arrays.toString(b.shape));
        }
        int ka = a.shape[ra - 1];
        int kb = rb == 1 ? b.shape[0] : b.shape[rb - 2];
        if (ka != kb) {
            throw new IllegalArgumentException("matmul: cannot multiply " + Arrays.toString(a.shape) + " by "
                    + Arrays.toString(b.shape));
        }
        if (ra == 1 && rb == 1) {
            return a.unsqueeze(0).mm(b.unsqueeze(1)).reshape();
        }
        if (ra == 2 && rb == 1) {
            return a.mm(b.unsqueeze(1)).squeeze(1);
        }
        if (ra == 1 && rb == 2) {
            return a.unsqueeze(0).mm(b).squeeze(0);
        }
        if (ra == 2 && rb == 2) {
            return a.mm(b);
        }
        if (rb <= 2) {
            // (..., m, k) @ (k, n): fold the batch into the rows, one big GEMM.
            Tensor b2 = rb == 1 ? b.unsqueeze(1) : b;
            int[] lead = Arrays.copyOf(a.shape, ra - 1);
            Tensor out = a.reshape(-1, ka).mm(b2);
            int[] shape = Arrays.copyOf(lead, ra);
            shape[ra - 1] = b2.shape[1];
            out = out.reshape(shape);
            return rb == 1 ? out.squeeze(-1) : out;
        }
        Tensor a2 = ra == 1 ? a.unsqueeze(0) : a;
        Tensor out = batchedMatmul(a2, b);
        return ra == 1 ? out.squeeze(-2) : out;
    }

    /**
     * (..., m, k) @ (..., k, n) with broadcast batch dims, as one recorded op: each batch slice is handed
     * to GEMM through its strides (transposed slices read in place), so neither operand is expanded or
     * copied into a (batch, m, k) block first. Both inputs have at least 2 dims.
     */
    static Tensor batchedMatmul(Tensor a, Tensor b) {
        a.requireFloat("matmul");
        b.requireFloat("matmul");
        int ra = a.dim();
        int rb = b.dim();
        int m = a.shape[ra - 2];
        int k = a.shape[ra - 1];
        int n = b.shape[rb - 1];
        int[] batchA = Arrays.copyOf(a.shape, ra - 2);
        int[] batchB = Arrays.copyOf(b.shape, rb - 2);
        int[] batch = Shapes.broadcast("matmul", batchA, batchB);
        int nb = Shapes.numel(batch);
        int[] sa = batchStrides(a, batch);
        int[] sb = batchStrides(b, batch);
        float[] out = FreshArrays.floats(nb * m * n);
        int[] aShape = {m, k};
        int[] aStr = {a.strides[ra - 2], a.strides[ra - 1]};
        int[] bShape = {k, n};
        int[] bStr = {b.strides[rb - 2], b.strides[rb - 1]};
        // Small slices (attention heads) go one per task, each GEMM then runs on one thread; big ones run
        // in order and let the GEMM split itself.
        long work = (long) m * n * k;
        int grain = work >= (1 << 18) ? nb : (int) Math.max(1, (1 << 16) / Math.max(1, work));
        Parallel.forRange(nb, grain, (i0, i1) -> {
            for (int i = i0; i < i1; i++) {
                int offA = a.offset;
                int offB = b.offset;
                for (int d = batch.length - 1, rest = i; d >= 0; d--) {
                    int id = rest % batch[d];
                    rest /= batch[d];
                    offA += id * sa[d];
                    offB += id * sb[d];
                }
                gemmInto(new Tensor(a.storage, offA, aShape, aStr), new Tensor(b.storage, offB, bShape, bStr), out,
                        i * m * n, 0f);
            }
        });
        int[] shape = Arrays.copyOf(batch, batch.length + 2);
        shape[batch.length] = m;
        shape[batch.length + 1] = n;
        Tensor result = Tensor.wrap(out, shape);
        return Autograd.record(result, "matmul", new Tensor[] {a, b}, new Tensor[] {a, b}, g -> new Tensor[] {
            a.requiresGrad() ? Reductions.sumToShape(batchedMatmul(g, b.transpose(-1, -2)), a.shape) : null,
            b.requiresGrad() ? Reductions.sumToShape(batchedMatmul(a.transpose(-1, -2), g), b.shape) : null});
    }

    /** Strides of t's batch dims aligned right to {@code batch}, 0 where t is broadcast (missing or size 1). */
    private static int[] batchStrides(Tensor t, int[] batch) {
        int[] st = new int[batch.length];
        int tb = t.dim() - 2;
        for (int d = 0; d < tb; d++) {
            int bd = batch.length - tb + d;
            st[bd] = t.shape[d] == 1 ? 0 : t.strides[d];
        }
        return st;
    }
}
