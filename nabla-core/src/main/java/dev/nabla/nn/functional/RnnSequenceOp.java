package dev.nabla.nn.functional;

import dev.nabla.autograd.Autograd;
import dev.nabla.kernel.Kernels;
import dev.nabla.kernel.KernelProvider;
import dev.nabla.kernel.Parallel;
import dev.nabla.kernel.UnaryOp;
import dev.nabla.tensor.Tensor;

/**
 * One direction of one recurrent layer over a whole sequence as a single autograd op on raw
 * arrays. The input projection {@code W_ih x + b_ih} of every time step is computed beforehand in
 * one GEMM by the caller; here each step does one GEMM for {@code h W_hh^T} and one fused pass for
 * the gates, nonlinearities and state update. Backward runs back through time in the same way
 * and computes the W_hh gradient of all steps with one final GEMM.
 *
 * <p>Batch rows never interact in a recurrence, so the time loop runs on contiguous ranges of
 * rows, one range per thread, with no synchronisation per step (the small per-step GEMMs then run
 * single-threaded inside their range instead of paying a thread hand-off 2T times).
 *
 * <p>The output packs the hidden states of all steps in time order, (T, B, H); for an LSTM one
 * extra slot holds the final cell state, (T + 1, B, H).
 */
final class RnnSequenceOp {
    /**
     * Minimum multiply-adds of recurrence work (T * rows * G*H * H) per thread before the rows are
     * split; tests lower it to exercise the split on tiny shapes.
     */
    static volatile long minMacsPerThread = 1L << 20;

    private final RnnMode mode;
    private final int steps;
    private final int batch;
    private final int hidden;
    private final int gh;
    private final boolean reverse;
    private final boolean keep;
    /** (T, B, G*H) input projections in time order. */
    private final float[] x;
    /** W_hh (G*H, H) and its transpose (H, G*H). */
    private final float[] w;
    private final float[] wt;
    private final float[] bias;
    /** hs[s] (B, H) is the hidden state before processing step s; hs[0] = h0. Likewise cs for the LSTM. */
    private final float[] hs;
    private final float[] cs;
    /** Post-activation gates per processed step (B, G*H), or one step of scratch without a graph. */
    private final float[] acts;
    /** The GRU's W_hn h + b_hn per step, which its reset gate multiplies. */
    private final float[] ghn;
    /** The LSTM's tanh(c') per step, which its output gate multiplies. */
    private final float[] tanhC;

    private RnnSequenceOp(RnnMode mode, float[] x, float[] w, float[] bias, int steps, int batch, int hidden,
                          boolean reverse, boolean keep) {
        this.mode = mode;
        this.steps = steps;
        this.batch = batch;
        this.hidden = hidden;
        this.gh = mode.gates() * hidden;
        this.reverse = reverse;
        this.keep = keep;
        this.x = x;
        this.w = w;
        this.bias = bias;
        // Transposed once per sequence so every step's GEMM reads its B operand row by row.
        this.wt = new float[hidden * gh];
        for (int r = 0; r < gh; r++) {
            for (int c = 0; c < hidden; c++) {
                wt[c * gh + r] = w[r * hidden + c];
            }
        }
        int bh = batch * hidden;
        int kept = keep ? steps : 1;
        this.hs = new float[(steps + 1) * bh];
        this.cs = mode == RnnMode.LSTM ? new float[(steps + 1) * bh] : null;
        this.acts = mode.gates() > 1 ? new float[kept * batch * gh] : null;
        this.ghn = mode == RnnMode.GRU ? new float[kept * bh] : null;
        this.tanhC = mode == RnnMode.LSTM ? new float[kept * bh] : null;
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
        int steps = xp.size(0);
        int batch = xp.size(1);
        int hidden = whh.size(1);
        int bh = batch * hidden;
        boolean lstm = mode == RnnMode.LSTM;
        // Without a graph to record (inference), one step's worth of gate scratch is enough.
        boolean keep = Autograd.needsGrad(xp, h0, c0, whh, bhh);
        RnnSequenceOp op = new RnnSequenceOp(mode, xp.detach().contiguousFloats(), whh.detach().contiguousFloats(),
                bhh == null ? null : bhh.detach().contiguousFloats(), steps, batch, hidden, reverse, keep);
        System.arraycopy(h0.detach().contiguousFloats(), 0, op.hs, 0, bh);
        if (lstm) {
            System.arraycopy(c0.detach().contiguousFloats(), 0, op.cs, 0, bh);
        }
        op.overRows(op::forwardRows);

        float[] y = new float[(lstm ? steps + 1 : steps) * bh];
        for (int s = 0; s < steps; s++) {
            System.arraycopy(op.hs, (s + 1) * bh, y, op.time(s) * bh, bh);
        }
        if (lstm) {
            System.arraycopy(op.cs, steps * bh, y, steps * bh, bh);
        }
        Tensor out = Tensor.wrap(y, lstm ? steps + 1 : steps, batch, hidden);
        Tensor[] inputs = {xp, h0, lstm ? c0 : null, whh, bhh};
        return Autograd.record(out, mode.opName(), inputs, g -> op.backward(g, inputs));
    }

    private int time(int s) {
        return reverse ? steps - 1 - s : s;
    }

    /** Runs body over row ranges, one per thread when the work is large enough, else inline. */
    private void overRows(Parallel.RangeBody body) {
        long macsPerRow = (long) steps * gh * hidden;
        int minRows = (int) Math.max(1, Math.min(batch, minMacsPerThread / Math.max(1, macsPerRow)));
        int chunks = Parallel.chunks(batch, minRows);
        if (chunks <= 1) {
            body.run(0, batch);
            return;
        }
        Parallel.forTasks(chunks, chunks, t -> body.run(batch * t / chunks, batch * (t + 1) / chunks));
    }

    /** The forward recurrence for batch rows [b0, b1). */
    private void forwardRows(int b0, int b1) {
        final int rows = b1 - b0;
        final int h = hidden;
        final int bh = batch * h;
        final Kernels k = KernelProvider.get();
        final float[] pre = new float[rows * gh];
        for (int s = 0; s < steps; s++) {
            int hPrev = s * bh + b0 * h;
            int hNext = hPrev + bh;
            int xOff = (time(s) * batch + b0) * gh;
            if (mode == RnnMode.GRU) {
                // pre = h W_hh^T + b_hh, kept apart from the input part because r scales its n block.
                k.gemm(false, false, rows, gh, h, 1f, hs, hPrev, h, wt, 0, gh, 0f, pre, 0, gh);
            } else {
                System.arraycopy(x, xOff, pre, 0, rows * gh);
                k.gemm(false, false, rows, gh, h, 1f, hs, hPrev, h, wt, 0, gh, 1f, pre, 0, gh);
            }
            if (bias != null) {
                for (int r = 0; r < rows; r++) {
                    k.axpy(gh, 1f, bias, 0, pre, r * gh);
                }
            }
            int aBase = (keep ? s * batch * gh : 0) + b0 * gh;
            int sBase = (keep ? s * bh : 0) + b0 * h;
            // Gate nonlinearities run through the kernels on contiguous blocks of each row (gate
            // order i, f, g, o or r, z, n), so vectorised sigmoid / tanh kernels speed this up.
            switch (mode) {
                case RNN_TANH -> k.unary(UnaryOp.TANH, 0f, 0f, pre, 0, hs, hNext, rows * h);
                case RNN_RELU -> k.unary(UnaryOp.RELU, 0f, 0f, pre, 0, hs, hNext, rows * h);
                case LSTM -> {
                    for (int r = 0; r < rows; r++) {
                        int p = r * gh;
                        int a = aBase + p;
                        k.unary(UnaryOp.SIGMOID, 0f, 0f, pre, p, acts, a, 2 * h);
                        k.unary(UnaryOp.TANH, 0f, 0f, pre, p + 2 * h, acts, a + 2 * h, h);
                        k.unary(UnaryOp.SIGMOID, 0f, 0f, pre, p + 3 * h, acts, a + 3 * h, h);
                        int hb = r * h;
                        for (int j = 0; j < h; j++) {
                            // c' = f c + i g
                            cs[hNext + hb + j] = acts[a + h + j] * cs[hPrev + hb + j] + acts[a + j] * acts[a + 2 * h + j];
                        }
                    }
                    k.unary(UnaryOp.TANH, 0f, 0f, cs, hNext, tanhC, sBase, rows * h);
                    for (int r = 0; r < rows; r++) {
                        int o = aBase + r * gh + 3 * h;
                        int hb = r * h;
                        for (int j = 0; j < h; j++) {
                            hs[hNext + hb + j] = acts[o + j] * tanhC[sBase + hb + j];
                        }
                    }
                }
                case GRU -> {
                    for (int r = 0; r < rows; r++) {
                        int p = r * gh;
                        int xr = xOff + p;
                        int a = aBase + p;
                        int hb = r * h;
                        for (int j = 0; j < 2 * h; j++) {
                            pre[p + j] += x[xr + j];
                        }
                        k.unary(UnaryOp.SIGMOID, 0f, 0f, pre, p, acts, a, 2 * h);
                        for (int j = 0; j < h; j++) {
                            // n's pre-activation W_in x + b_in + r (W_hn h + b_hn), overwriting the hn block.
                            float hn = pre[p + 2 * h + j];
                            ghn[sBase + hb + j] = hn;
                            pre[p + 2 * h + j] = x[xr + 2 * h + j] + acts[a + j] * hn;
                        }
                        k.unary(UnaryOp.TANH, 0f, 0f, pre, p + 2 * h, acts, a + 2 * h, h);
                        for (int j = 0; j < h; j++) {
                            float z = acts[a + h + j];
                            hs[hNext + hb + j] = (1 - z) * acts[a + 2 * h + j] + z * hs[hPrev + hb + j];
                        }
                    }
                }
                default -> throw new IllegalStateException("unknown mode " + mode);
            }
        }
    }

    /** Gradients for {xp, h0, c0, W_hh, b_hh} given the gradient of the packed output. */
    private Tensor[] backward(Tensor g, Tensor[] inputs) {
        final boolean lstm = mode == RnnMode.LSTM;
        final boolean gru = mode == RnnMode.GRU;
        final int bh = batch * hidden;
        final float[] gy = g.contiguousFloats();
        // Gradients w.r.t. the pre-activations, in processing order: dgx for the input projection,
        // dgh for the h W_hh^T + b_hh part (they differ only in the GRU's n block).
        final float[] dgx = new float[steps * batch * gh];
        final float[] dgh = gru ? new float[steps * batch * gh] : dgx;
        final float[] dh0 = new float[bh];
        final float[] dc0 = lstm ? new float[bh] : null;
        overRows((b0, b1) -> backwardRows(b0, b1, gy, dgx, dgh, dh0, dc0));

        final Kernels k = KernelProvider.get();
        Tensor xp = inputs[0];
        Tensor whh = inputs[3];
        Tensor bhh = inputs[4];
        Tensor dxp = null;
        if (xp.requiresGrad()) {
            float[] d = dgx;
            if (reverse) {
                d = new float[steps * batch * gh];
                for (int s = 0; s < steps; s++) {
                    System.arraycopy(dgx, s * batch * gh, d, time(s) * batch * gh, batch * gh);
                }
            }
            dxp = Tensor.wrap(d, steps, batch, gh);
        }
        Tensor dW = null;
        if (whh.requiresGrad()) {
            // Sum over steps of dgh_s^T h_{s-1}: (G*H, T*B) x (T*B, H), hs[0..T) being the previous states.
            float[] dw = new float[gh * hidden];
            k.gemm(true, false, gh, hidden, steps * batch, 1f, dgh, 0, gh, hs, 0, hidden, 0f, dw, 0, hidden);
            dW = Tensor.wrap(dw, gh, hidden);
        }
        Tensor db = null;
        if (bhh != null && bhh.requiresGrad()) {
            float[] dbv = new float[gh];
            for (int r = 0; r < steps * batch; r++) {
                k.axpy(gh, 1f, dgh, r * gh, dbv, 0);
            }
            db = Tensor.wrap(dbv, gh);
        }
        Tensor gh0 = inputs[1].requiresGrad() ? Tensor.wrap(dh0, batch, hidden) : null;
        Tensor gc0 = lstm && inputs[2].requiresGrad() ? Tensor.wrap(dc0, batch, hidden) : null;
        return new Tensor[] {dxp, gh0, gc0, dW, db};
    }

    /** Back-propagation through time for batch rows [b0, b1); writes dgx / dgh rows and dh0 / dc0 rows. */
    private void backwardRows(int b0, int b1, float[] gy, float[] dgx, float[] dgh, float[] dh0, float[] dc0) {
        final int rows = b1 - b0;
        final int h = hidden;
        final int bh = batch * h;
        final int rh = rows * h;
        final Kernels k = KernelProvider.get();
        float[] dh = new float[rh];
        float[] dhNext = new float[rh];
        final float[] dc = mode == RnnMode.LSTM ? new float[rh] : null;
        if (dc != null) {
            System.arraycopy(gy, steps * bh + b0 * h, dc, 0, rh);
        }
        for (int s = steps - 1; s >= 0; s--) {
            int hPrev = s * bh + b0 * h;
            int hCur = hPrev + bh;
            int sBase = s * bh + b0 * h;
            k.axpy(rh, 1f, gy, time(s) * bh + b0 * h, dh, 0);
            int gBase = (s * batch + b0) * gh;
            switch (mode) {
                case RNN_TANH -> {
                    for (int i = 0; i < rh; i++) {
                        float hv = hs[hCur + i];
                        dgx[gBase + i] = dh[i] * (1 - hv * hv);
                    }
                }
                case RNN_RELU -> {
                    for (int i = 0; i < rh; i++) {
                        dgx[gBase + i] = hs[hCur + i] > 0 ? dh[i] : 0f;
                    }
                }
                case LSTM -> {
                    for (int r = 0; r < rows; r++) {
                        int row = gBase + r * gh;
                        for (int j = 0; j < h; j++) {
                            int a = row + j;
                            float ig = acts[a];
                            float fg = acts[a + h];
                            float gg = acts[a + 2 * h];
                            float og = acts[a + 3 * h];
                            int hi = r * h + j;
                            float tc = tanhC[sBase + hi];
                            float dhi = dh[hi];
                            float dci = dc[hi] + dhi * og * (1 - tc * tc);
                            dgx[a] = dci * gg * ig * (1 - ig);
                            dgx[a + h] = dci * cs[hPrev + hi] * fg * (1 - fg);
                            dgx[a + 2 * h] = dci * ig * (1 - gg * gg);
                            dgx[a + 3 * h] = dhi * tc * og * (1 - og);
                            dc[hi] = dci * fg;
                        }
                    }
                }
                case GRU -> {
                    for (int r = 0; r < rows; r++) {
                        int row = gBase + r * gh;
                        for (int j = 0; j < h; j++) {
                            int a = row + j;
                            float rg = acts[a];
                            float z = acts[a + h];
                            float n = acts[a + 2 * h];
                            int hi = r * h + j;
                            float dhi = dh[hi];
                            float dnPre = dhi * (1 - z) * (1 - n * n);
                            float dzPre = dhi * (hs[hPrev + hi] - n) * z * (1 - z);
                            float drPre = dnPre * ghn[sBase + hi] * rg * (1 - rg);
                            dgx[a] = drPre;
                            dgx[a + h] = dzPre;
                            dgx[a + 2 * h] = dnPre;
                            dgh[a] = drPre;
                            dgh[a + h] = dzPre;
                            dgh[a + 2 * h] = dnPre * rg;
                            // The direct path h' = ... + z h.
                            dhNext[hi] = dhi * z;
                        }
                    }
                }
                default -> throw new IllegalStateException("unknown mode " + mode);
            }
            // dh_prev = dgh W_hh (+ the GRU's direct z h path already in dhNext).
            k.gemm(false, false, rows, h, gh, 1f, dgh, gBase, gh, w, 0, h, mode == RnnMode.GRU ? 1f : 0f, dhNext, 0, h);
            float[] tmp = dh;
            dh = dhNext;
            dhNext = tmp;
        }
        System.arraycopy(dh, 0, dh0, b0 * h, rh);
        if (dc != null) {
            System.arraycopy(dc, 0, dc0, b0 * h, rh);
        }
    }
}
