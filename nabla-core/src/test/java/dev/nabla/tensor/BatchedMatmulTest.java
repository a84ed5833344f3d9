package dev.nabla.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.nabla.autograd.GradCheck;
import org.junit.jupiter.api.Test;

/** matmul's strided batched path against per-slice mm on contiguous copies, with broadcasting and gradients. */
class BatchedMatmulTest {
    /** Reference: broadcast both to the full batch explicitly and multiply slice by slice. */
    private static Tensor reference(Tensor a, Tensor b, int[] batch) {
        int m = a.size(-2);
        int k = a.size(-1);
        int n = b.size(-1);
        int[] ea = java.util.Arrays.copyOf(batch, batch.length + 2);
        ea[batch.length] = m;
        ea[batch.length + 1] = k;
        int[] eb = java.util.Arrays.copyOf(batch, batch.length + 2);
        eb[batch.length] = k;
        eb[batch.length + 1] = n;
        Tensor ac = a.expand(ea).contiguousCopy().reshape(-1, m, k);
        Tensor bc = b.expand(eb).contiguousCopy().reshape(-1, k, n);
        Tensor[] slices = new Tensor[ac.size(0)];
        for (int i = 0; i < slices.length; i++) {
            slices[i] = ac.select(0, i).mm(bc.select(0, i));
        }
        int[] shape = java.util.Arrays.copyOf(batch, batch.length + 2);
        shape[batch.length] = m;
        shape[batch.length + 1] = n;
        return Tensor.stack(slices, 0).reshape(shape);
    }

    @Test
    void attentionShapedTransposedViews() {
        Generator g = new Generator(2);
        // (B, T, h, dh) viewed as heads: (B, h, T, dh), the key transposed to (B, h, dh, T)
        Tensor q = Tensor.randn(g, 2, 7, 3, 4).transpose(1, 2).requiresGrad(true);
        Tensor kt = Tensor.randn(g, 2, 7, 3, 4).transpose(1, 2).transpose(-1, -2);
        Tensor out = q.matmul(kt);
        assertArrayEquals(reference(q, kt, new int[] {2, 3}).toFloatArray(), out.toFloatArray(), 1e-5f);
        Tensor qq = Tensor.randn(g, 2, 3, 7, 4).requiresGrad(true);
        Tensor kk = Tensor.randn(g, 2, 7, 3, 4).requiresGrad(true);
        GradCheck.check(in -> in[0].matmul(in[1].transpose(1, 2).transpose(-1, -2)), qq, kk);
    }

    @Test
    void broadcastBatchDimsSumTheirGradients() {
        Generator g = new Generator(3);
        Tensor a = Tensor.randn(g, 3, 1, 2, 5).requiresGrad(true);
        Tensor b = Tensor.randn(g, 4, 5, 6).requiresGrad(true);
        assertArrayEquals(reference(a, b, new int[] {3, 4}).toFloatArray(), a.matmul(b).toFloatArray(), 1e-5f);
        GradCheck.check(in -> in[0].matmul(in[1]), a, b);
        Tensor v = Tensor.randn(g, 5).requiresGrad(true);   // 1-D @ batched
        GradCheck.check(in -> in[0].matmul(in[1]), v, b);
        Tensor big = Tensor.randn(g, 64, 3, 5).requiresGrad(true);   // many small slices: split over threads
        Tensor w = Tensor.randn(g, 64, 5, 2).requiresGrad(true);
        assertArrayEquals(reference(big, w, new int[] {64}).toFloatArray(), big.matmul(w).toFloatArray(), 1e-5f);
        GradCheck.check(in -> in[0].matmul(in[1]), big, w);
    }
}
