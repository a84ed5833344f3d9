package dev.nabla.nn.functional;

import dev.nabla.autograd.Autograd;
import dev.nabla.kernel.Kernels;
import dev.nabla.kernel.KernelProvider;
import dev.nabla.tensor.Tensor;

/**
 * One direction of one recurrent layer over a whole sequence as a single autograd op on raw
 * arrays. The input projection {@code W_ih x + b_ih} of every time step is computed beforehand in
 * one GEMM by the caller; here each step does one GEMM for {@code h W_hh^T} and one fused loop for
 * the gates, nonlinearities and state update. Backward runs back through time in the same way
 * and computes the W_hh gradient of all steps with one final GEMM.
 *
 * <p>The output packs the hidden states of all steps in time order, (T, B, H); for an LSTM one
 * extra slot holds the final cell state, (T + 1, B, H).
 */
final class RnnSequenceOp {
    private RnnSequenceOp() {
    }

    /**
     * @param xp      (T, B, G*H) input projections including b_ih, in time order
     * @param h0      (B, H) initial hidden state
     * @param c0      (B, H) initial cell state (LSTM only)
     * @param whh     (G*H, H)
     * @param bhh     (G*H) or null
     * @param reverse process time steps from last to first
     */
    static Tensor run(RnnMode mode, Tensor xp, Tensor h0, Tensor c0, Tensor whh, Tensor bhh, boolean reverse) {
        final int T = xp.size(0);
        final int B = xp.size(1);
        final int H = whh.size(1);
        final int G = mode.gates();
        final int GH = G * H;
        final int BH = B * H;
        final boolean lstm = mode == RnnMode.LSTM;
        final boolean gru = mode == RnnMode.GRU;
        final float[] x = xp.detach().contiguousFloats();
        final float[] w = whh.detach().contiguousFloats();
        final float[] bias = bhh == null ? null : bhh.detach().contiguousFloats();
        final Kernels k = KernelProvider.get();
        // W_hh^T (H, G*H), made once per sequence so every step's GEMM reads B row by row (no transposed
        // operand in the inner loop).
        final float[] wt = new float[H * GH];
        for (int r = 0; r < GH; r++) {
            for (int c = 0; c < H; c++) {
                wt[c * GH + r] = w[r * H + c];
            }
        }

        // hs[s] is the hidden state before processing step s (hs[0] = h0); likewise cs for the LSTM.
        final float[] hs = new float[(T + 1) * BH];
        System.arraycopy(h0.detach().contiguousFloats(), 0, hs, 0, BH);
        final float[] cs = lstm ? new float[(T + 1) * BH] : null;
        if (lstm) {
            System.arraycopy(c0.detach().contiguousFloats(), 0, cs, 0, BH);
        }
        // Post-activation gates per step (processing order), read by backward. The GRU also keeps
        // W_hn h + b_hn, which its reset gate multiplies.
        // Without a graph to record (inference), one step's worth of scratch is enough.
        final boolean keep = Autograd.needsGrad(xp, h0, c0, whh, bhh);
        final int kept = keep ? T : 1;
        final float[] acts = mode.gates() > 1 ? new float[kept * B * GH] : null;
        final float[] ghn = gru ? new float[kept * BH] : null;
        final float[] pre = new float[B * GH];

        for (int s = 0; s < T; s++) {
            int t = reverse ? T - 1 - s : s;
            int hPrev = s * BH;
            int hNext = hPrev + BH;
            int xOff = t * B * GH;
            if (gru) {
                // pre = h W_hh^T + b_hh, kept apart from the input part because r scales its n block.
                k.gemm(false, false, B, GH, H, 1f, hs, hPrev, H, wt, 0, GH, 0f, pre, 0, GH);
            } else {
                System.arraycopy(x, xOff, pre, 0, B * GH);
                k.gemm(false, false, B, GH, H, 1f, hs, hPrev, H, wt, 0, GH, 1f, pre, 0, GH);
            }
            if (bias != null) {
                for (int b = 0; b < B; b++) {
                    k.axpy(GH, 1f, bias, 0, pre, b * GH);
                }
            }
            switch (mode) {
                case RNN_TANH -> {
                    for (int i = 0; i < BH; i++) {
                        hs[hNext + i] = (float) Math.tanh(pre[i]);
                    }
                }
                case RNN_RELU -> {
                    for (int i = 0; i < BH; i++) {
                        hs[hNext + i] = Math.max(pre[i], 0f);
                    }
                }
                case LSTM -> {
                    int aBase = keep ? s * B * GH : 0;
                    for (int b = 0; b < B; b++) {
                        int row = b * GH;
                        for (int j = 0; j < H; j++) {
                            float ig = sigmoid(pre[row + j]);
                            float fg = sigmoid(pre[row + H + j]);
                            float gg = (float) Math.tanh(pre[row + 2 * H + j]);
                            float og = sigmoid(pre[row + 3 * H + j]);
                            int a = aBase + row + j;
                            acts[a] = ig;
                            acts[a + H] = fg;
                            acts[a + 2 * H] = gg;
                            acts[a + 3 * H] = og;
                            int hi = b * H + j;
                            float c = fg * cs[hPrev + hi] + ig * gg;
                            cs[hNext + hi] = c;
                            hs[hNext + hi] = og * (float) Math.tanh(c);
                        }
                    }
                }
                case GRU -> {
                    int aBase = keep ? s * B * GH : 0;
                    for (int b = 0; b < B; b++) {
                        int row = b * GH;
                        int xr = xOff + row;
                        for (int j = 0; j < H; j++) {
                            float r = sigmoid(x[xr + j] + pre[row + j]);
                            float z = sigmoid(x[xr + H + j] + pre[row + H + j]);
                            float hn = pre[row + 2 * H + j];
                            float n = (float) Math.tanh(x[xr + 2 * H + j] + r * hn);
                            int a = aBase + row + j;
                            acts[a] = r;
                            acts[a + H] = z;
                            acts[a + 2 * H] = n;
                            int hi = b * H + j;
                            ghn[(keep ? s * BH : 0) + hi] = hn;
                            hs[hNext + hi] = (1 - z) * n + z * hs[hPrev + hi];
                        }
                    }
                }
                default -> throw new IllegalStateException("unknown mode " + mode);
            }
        }

        float[] y = new float[(lstm ? T + 1 : T) * BH];
        for (int s = 0; s < T; s++) {
            int t = reverse ? T - 1 - s : s;
            System.arraycopy(hs, (s + 1) * BH, y, t * BH, BH);
        }
        if (lstm) {
            System.arraycopy(cs, T * BH, y, T * BH, BH);
        }
        Tensor out = Tensor.wrap(y, lstm ? T + 1 : T, B, H);
        Tensor[] inputs = lstm ? new Tensor[] {xp, h0, c0, whh, bhh} : new Tensor[] {xp, h0, null, whh, bhh};
        return Autograd.record(out, mode.opName(), inputs, g -> backward(mode, g, T, B, H, reverse, x, w, hs, cs, acts,
                ghn, inputs));
    }

    private static Tensor[] backward(RnnMode mode, Tensor g, int T, int B, int H, boolean reverse, float[] x,
                                     float[] w, float[] hs, float[] cs, float[] acts, float[] ghn, Tensor[] inputs) {
        final int GH = mode.gates() * H;
        final int BH = B * H;
        final boolean lstm = mode == RnnMode.LSTM;
        final boolean gru = mode == RnnMode.GRU;
        final Kernels k = KernelProvider.get();
        float[] gy = g.contiguousFloats();
        // Gradients w.r.t. the pre-activations, in processing order: dgx for the input projection,
        // dgh for the h W_hh^T + b_hh part (they differ only in the GRU's n block).
        float[] dgx = new float[T * B * GH];
        float[] dgh = gru ? new float[T * B * GH] : dgx;
        float[] dh = new float[BH];
        float[] dhNext = new float[BH];
        float[] dc = lstm ? new float[BH] : null;
        if (lstm) {
            System.arraycopy(gy, T * BH, dc, 0, BH);
        }
        for (int s = T - 1; s >= 0; s--) {
            int t = reverse ? T - 1 - s : s;
            int hPrev = s * BH;
            int hCur = hPrev + BH;
            k.axpy(BH, 1f, gy, t * BH, dh, 0);
            int gBase = s * B * GH;
            switch (mode) {
                case RNN_TANH -> {
                    for (int i = 0; i < BH; i++) {
                        float h = hs[hCur + i];
                        dgx[gBase + i] = dh[i] * (1 - h * h);
                    }
                }
                case RNN_RELU -> {
                    for (int i = 0; i < BH; i++) {
                        dgx[gBase + i] = hs[hCur + i] > 0 ? dh[i] : 0f;
                    }
                }
                case LSTM -> {
                    for (int b = 0; b < B; b++) {
                        int row = gBase + b * GH;
                        for (int j = 0; j < H; j++) {
                            int a = row + j;
                            float ig = acts[a];
                            float fg = acts[a + H];
                            float gg = acts[a + 2 * H];
                            float og = acts[a + 3 * H];
                            int hi = b * H + j;
                            float tc = (float) Math.tanh(cs[hCur + hi]);
                            float dhi = dh[hi];
                            float dci = dc[hi] + dhi * og * (1 - tc * tc);
                            dgx[a] = dci * gg * ig * (1 - ig);
                            dgx[a + H] = dci * cs[hPrev + hi] * fg * (1 - fg);
                            dgx[a + 2 * H] = dci * ig * (1 - gg * gg);
                            dgx[a + 3 * H] = dhi * tc * og * (1 - og);
                            dc[hi] = dci * fg;
                        }
                    }
                }
                case GRU -> {
                    for (int b = 0; b < B; b++) {
                        int row = gBase + b * GH;
                        for (int j = 0; j < H; j++) {
                            int a = row + j;
                            float r = acts[a];
                            float z = acts[a + H];
                            float n = acts[a + 2 * H];
                            int hi = b * H + j;
                            float dhi = dh[hi];
                            float dnPre = dhi * (1 - z) * (1 - n * n);
                            float dzPre = dhi * (hs[hPrev + hi] - n) * z * (1 - z);
                            float drPre = dnPre * ghn[s * BH + hi] * r * (1 - r);
                            dgx[a] = drPre;
                            dgx[a + H] = dzPre;
                            dgx[a + 2 * H] = dnPre;
                            dgh[a] = drPre;
                            dgh[a + H] = dzPre;
                            dgh[a + 2 * H] = dnPre * r;
                            // The direct path h' = ... + z h.
                            dhNext[hi] = dhi * z;
                        }
                    }
                }
                default -> throw new IllegalStateException("unknown mode " + mode);
            }
            // dh_prev = dgh W_hh (+ the GRU's direct z h path already in dhNext).
            k.gemm(false, false, B, H, GH, 1f, dgh, gBase, GH, w, 0, H, gru ? 1f : 0f, dhNext, 0, H);
            float[] tmp = dh;
            dh = dhNext;
            dhNext = tmp;
        }
        Tensor xp = inputs[0];
        Tensor whh = inputs[3];
        Tensor bhh = inputs[4];
        Tensor dxp = null;
        if (xp.requiresGrad()) {
            float[] d;
            if (!reverse) {
                d = dgx;
            } else {
                d = new float[T * B * GH];
                for (int s = 0; s < T; s++) {
                    System.arraycopy(dgx, s * B * GH, d, (T - 1 - s) * B * GH, B * GH);
                }
            }
            dxp = Tensor.wrap(d, T, B, GH);
        }
        Tensor dW = null;
        if (whh.requiresGrad()) {
            // sum over steps of dgh_s^T h_{s-1}: (GH, T*B) x (T*B, H), hs[0..T) being the previous states.
            float[] dw = new float[GH * H];
            k.gemm(true, false, GH, H, T * B, 1f, dgh, 0, GH, hs, 0, H, 0f, dw, 0, H);
            dW = Tensor.wrap(dw, GH, H);
        }
        Tensor db = null;
        if (bhh != null && bhh.requiresGrad()) {
            float[] dbv = new float[GH];
            for (int r = 0; r < T * B; r++) {
                k.axpy(GH, 1f, dgh, r * GH, dbv, 0);
            }
            db = Tensor.wrap(dbv, GH);
        }
        Tensor dh0 = inputs[1].requiresGrad() ? Tensor.wrap(dh, B, H) : null;
        Tensor dc0 = lstm && inputs[2].requiresGrad() ? Tensor.wrap(dc, B, H) : null;
        return new Tensor[] {dxp, dh0, dc0, dW, db};
    }

    private static float sigmoid(float v) {
        return (float) (1.0 / (1.0 + Math.exp(-v)));
    }
}
