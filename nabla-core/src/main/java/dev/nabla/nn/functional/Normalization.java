package dev.nabla.nn.functional;

import dev.nabla.autograd.Autograd;
import dev.nabla.autograd.GradMode;
import dev.nabla.kernel.FreshArrays;
import dev.nabla.kernel.LaneSum;
import dev.nabla.kernel.Parallel;
import dev.nabla.tensor.DType;
import dev.nabla.tensor.Tensor;
import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Batch, layer and group normalization with fused forward and backward passes on raw arrays
 * (statistics in double), matching {@code torch.nn.functional.batch_norm / layer_norm / group_norm}.
 *
 * <p>All three normalise blocks of x to xhat = (x - mean) * invstd and apply a per-channel (or
 * per-element) affine; the backward of a block of m elements with dxhat = dy * weight is
 * dx = invstd * (dxhat - mean(dxhat) - xhat * mean(dxhat * xhat)) (Ioffe and Szegedy 2015).
 *
 * <pre>{@code
 * Tensor y = Normalization.batchNorm(x, runMean, runVar, gamma, beta, true, 0.1, 1e-5);
 * }</pre>
 */
public final class Normalization {
    private Normalization() {
    }

    // ------------------------------------------------------------------ batch norm

    /**
     * Batch normalization over input (N, C) or (N, C, *), per channel C. In training the batch
     * statistics normalise (biased variance) and the running statistics, when given, are updated in
     * place without recording: running = (1 - momentum) running + momentum stat, using the unbiased
     * variance. In evaluation the running statistics normalise. weight and bias (C) may be null.
     */
    public static Tensor batchNorm(Tensor input, Tensor runningMean, Tensor runningVar, Tensor weight, Tensor bias,
                                   boolean training, double momentum, double eps) {
        String op = "batch_norm";
        if (input.dim() < 2) {
            throw new IllegalArgumentException(op + ": expected input of at least 2 dims (N, C, *), got "
                    + Arrays.toString(input.shape()));
        }
        requireFloat(op, input);
        int n = input.size(0);
        int c = input.size(1);
        int s = c == 0 || n == 0 ? 0 : input.numel() / (n * c);   // elements per (sample, channel)
        checkChannelVectors(op, input, c, weight, bias, runningMean, runningVar);
        int m = n * s;   // elements per channel
        if (training && m <= 1) {
            throw new IllegalArgumentException(op + ": expected more than 1 value per channel when training, got input "
                    + Arrays.toString(input.shape()));
        }
        if (!training && (runningMean == null || runningVar == null)) {
            throw new IllegalArgumentException(op + ": running_mean and running_var must be given in evaluation mode"
                    + " (training=false)");
        }
        float[] x = input.contiguousFloats();
        float[] mean = new float[c];
        float[] invstd = new float[c];
        // Channels are independent: split them over the kernel threads (grain: ~32k elements a task).
        int grain = Math.max(1, (1 << 15) / Math.max(1, m));
        if (training) {
            float[] var = new float[c];
            Parallel.forRange(c, grain, (c0, c1) -> {
                for (int ch = c0; ch < c1; ch++) {
                    double sum = 0;
                    for (int b = 0; b < n; b++) {
                        sum += sum(x, (b * c + ch) * s, s);
                    }
                    double mu = sum / m;
                    double sq = 0;
                    for (int b = 0; b < n; b++) {
                        sq += sumSquaredDeviations(x, (b * c + ch) * s, s, mu);
                    }
                    double v = sq / m;
                    mean[ch] = (float) mu;
                    var[ch] = (float) (sq / (m - 1));   // unbiased, for the running estimate
                    invstd[ch] = (float) (1.0 / Math.sqrt(v + eps));
                }
            });
            try (var scope = GradMode.noGrad()) {
                float mom = (float) momentum;
                if (runningMean != null) {
                    runningMean.mulInPlace(1f - mom).addInPlace(Tensor.wrap(mean, c), mom);
                }
                if (runningVar != null) {
                    runningVar.mulInPlace(1f - mom).addInPlace(Tensor.wrap(var, c), mom);
                }
            }
        } else {
            runningStats(runningMean, runningVar, eps, mean, invstd);
        }
        float[] w = weight == null ? null : weight.contiguousFloats();
        float[] bArr = bias == null ? null : bias.contiguousFloats();
        float[] out = FreshArrays.floats(x.length);
        Parallel.forRange(c, grain, (c0, c1) -> {
            for (int ch = c0; ch < c1; ch++) {
                float scale = scale(invstd[ch], w, ch);
                float mu = mean[ch];
                float beta = bArr == null ? 0f : bArr[ch];
                float shift = shift(mu, scale, bArr, ch);
                for (int b = 0; b < n; b++) {
                    int off = (b * c + ch) * s;
                    if (training) {
                        // (x - mean) first: x * scale + (bias - mean * scale) cancels when |mean| >> std.
                        for (int i = 0; i < s; i++) {
                            out[off + i] = (x[off + i] - mu) * scale + beta;
                        }
                    } else {
                        // Eval keeps x * scale + shift: the same bits as the fused in-place form (ChannelAffine).
                        for (int i = 0; i < s; i++) {
                            out[off + i] = x[off + i] * scale + shift;
                        }
                    }
                }
            }
        });
        Tensor result = Tensor.wrap(out, input.shape());
        return Autograd.record(result, op, new Tensor[] {input, weight, bias}, new Tensor[] {input, weight}, gOut -> {
            float[] g = gOut.contiguousFloats();
            float[] dx = input.requiresGrad() ? FreshArrays.floats(x.length) : null;
            float[] dw = weight != null && weight.requiresGrad() ? new float[c] : null;
            float[] db = bias != null && bias.requiresGrad() ? new float[c] : null;
            Parallel.forRange(c, grain, (c0, c1) -> {
                double[] sums = new double[2];
                for (int ch = c0; ch < c1; ch++) {
                    double sumG = 0;
                    double sumGX = 0;   // sum of g * (x - mean)
                    float mu = mean[ch];
                    for (int b = 0; b < n; b++) {
                        gradSums(g, x, (b * c + ch) * s, s, mu, sums);
                        sumG += sums[0];
                        sumGX += sums[1];
                    }
                    float is = invstd[ch];
                    float wc = w == null ? 1f : w[ch];
                    if (dw != null) {
                        dw[ch] = (float) (sumGX * is);
                    }
                    if (db != null) {
                        db[ch] = (float) sumG;
                    }
                    if (dx == null) {
                        continue;
                    }
                    float k = wc * is;
                    if (training) {
                        // dx = w invstd (g - mean(g) - xhat mean(g xhat)), xhat = (x - mean) invstd
                        float meanG = (float) (sumG / m);
                        float proj = (float) (sumGX * is * is / m);
                        for (int b = 0; b < n; b++) {
                            int off = (b * c + ch) * s;
                            for (int i = 0; i < s; i++) {
                                dx[off + i] = k * (g[off + i] - meanG - (x[off + i] - mu) * proj);
                            }
                        }
                    } else {
                        for (int b = 0; b < n; b++) {
                            int off = (b * c + ch) * s;
                            for (int i = 0; i < s; i++) {
                                dx[off + i] = k * g[off + i];
                            }
                        }
                    }
                }
            });
            return new Tensor[] {
                dx == null ? null : Tensor.wrap(dx, input.shape()),
                dw == null ? null : Tensor.wrap(dw, c),
                db == null ? null : Tensor.wrap(db, c)};
        });
    }

    /** weight, bias, running_mean and running_var: each null or a vector of the c channels. */
    private static void checkChannelVectors(String op, Tensor input, int c, Tensor weight, Tensor bias,
                                            Tensor runningMean, Tensor runningVar) {
        checkVector(op, "weight", weight, c, input);
        checkVector(op, "bias", bias, c, input);
        checkVector(op, "running_mean", runningMean, c, input);
        checkVector(op, "running_var", runningVar, c, input);
    }

    /** The running statistics as batch_norm's eval mode uses them: mean and 1 / sqrt(var + eps). */
    private static void runningStats(Tensor runningMean, Tensor runningVar, double eps, float[] mean, float[] invstd) {
        float[] rm = runningMean.contiguousFloats();
        float[] rv = runningVar.contiguousFloats();
        for (int ch = 0; ch < mean.length; ch++) {
            mean[ch] = rm[ch];
            invstd[ch] = (float) (1.0 / Math.sqrt(rv[ch] + eps));
        }
    }

    /** y = x * scale + shift per channel: scale = invstd * weight ... */
    private static float scale(float invstd, float[] w, int ch) {
        return invstd * (w == null ? 1f : w[ch]);
    }

    /** ... and shift = bias - mean * scale. */
    private static float shift(float mean, float scale, float[] b, int ch) {
        return (b == null ? 0f : b[ch]) - mean * scale;
    }

    /**
     * Eval-mode batch norm over channel dim 1, optionally followed by ReLU, written over {@code x}'s own
     * storage: the same arithmetic and bits as {@code relu(batchNorm(x, ..., training=false))}, without their
     * two fresh outputs. For a tensor the caller has just made and nothing else holds (a convolution's
     * output, in {@code Sequential}'s eval fusion); it records no gradient, so no input may require one.
     *
     * @return x
     */
    public static Tensor batchNormEvalInPlace(Tensor x, Tensor runningMean, Tensor runningVar, Tensor weight,
                                              Tensor bias, double eps, boolean relu) {
        String op = "batch_norm";
        if (Autograd.needsGrad(x, weight, bias)) {
            throw new IllegalStateException(op + ": the in-place eval form records no gradient; call it without grad");
        }
        if (x.dim() < 2 || !x.isContiguous() || x.dtype() != DType.FLOAT32) {
            throw new IllegalArgumentException(op + ": in-place eval needs a contiguous float32 (N, C, *) tensor, got "
                    + x.dtype() + " " + Arrays.toString(x.shape()));
        }
        int n = x.size(0);
        int c = x.size(1);
        checkChannelVectors(op, x, c, weight, bias, runningMean, runningVar);
        int s = c == 0 || n == 0 ? 0 : x.numel() / (n * c);
        float[] mean = new float[c];
        float[] invstd = new float[c];
        runningStats(runningMean, runningVar, eps, mean, invstd);
        float[] w = weight == null ? null : weight.contiguousFloats();
        float[] b = bias == null ? null : bias.contiguousFloats();
        float[] scale = new float[c];
        float[] shift = new float[c];
        for (int ch = 0; ch < c; ch++) {
            scale[ch] = scale(invstd[ch], w, ch);
            shift[ch] = shift(mean[ch], scale[ch], b, ch);
        }
        float[] data = x.storageFloats();
        int base = x.offset();
        Parallel.forRange(n * c, Math.max(1, (1 << 15) / Math.max(1, s)), (p0, p1) -> {
            for (int p = p0; p < p1; p++) {
                ChannelAffine.apply(data, base + p * s, s, scale[p % c], shift[p % c], relu);
            }
        });
        x.bumpVersion();
        return x;
    }

    /** x[off..off+len) summed in double over four independent chains (the adds would else wait on each other). */
    static double sum(float[] x, int off, int len) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int i = 0;
        for (; i + 4 <= len; i += 4) {
            s0 += x[off + i];
            s1 += x[off + i + 1];
            s2 += x[off + i + 2];
            s3 += x[off + i + 3];
        }
        for (; i < len; i++) {
            s0 += x[off + i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** Sum of (x - mu)^2 over x[off..off+len), in double over four chains. */
    static double sumSquaredDeviations(float[] x, int off, int len, double mu) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int i = 0;
        for (; i + 4 <= len; i += 4) {
            double d0 = x[off + i] - mu;
            double d1 = x[off + i + 1] - mu;
            double d2 = x[off + i + 2] - mu;
            double d3 = x[off + i + 3] - mu;
            s0 += d0 * d0;
            s1 += d1 * d1;
            s2 += d2 * d2;
            s3 += d3 * d3;
        }
        for (; i < len; i++) {
            double d = x[off + i] - mu;
            s0 += d * d;
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** out[0] = sum of g, out[1] = sum of g * (x - mu) over g[off..off+len), x[off..off+len). */
    static void gradSums(float[] g, float[] x, int off, int len, float mu, double[] out) {
        // Vector lanes in float (a lane sums len / (2 L) values of one plane), lanes and the tail in
        // double: the double chains of a scalar loop were latency bound (~5% of a convnet step).
        double a = 0;
        double b = 0;
        int i = 0;
        int step = 2 * VL;
        if (len >= step) {
            FloatVector m = FloatVector.broadcast(VS, mu);
            FloatVector a0 = FloatVector.zero(VS);
            FloatVector a1 = FloatVector.zero(VS);
            FloatVector b0 = FloatVector.zero(VS);
            FloatVector b1 = FloatVector.zero(VS);
            for (; i + step <= len; i += step) {
                FloatVector g0 = FloatVector.fromArray(VS, g, off + i);
                FloatVector g1 = FloatVector.fromArray(VS, g, off + i + VL);
                a0 = a0.add(g0);
                a1 = a1.add(g1);
                b0 = g0.fma(FloatVector.fromArray(VS, x, off + i).sub(m), b0);
                b1 = g1.fma(FloatVector.fromArray(VS, x, off + i + VL).sub(m), b1);
            }
            a = LaneSum.sum(a0.add(a1));
            b = LaneSum.sum(b0.add(b1));
        }
        for (; i < len; i++) {
            float g0 = g[off + i];
            a += g0;
            b += g0 * (x[off + i] - mu);
        }
        out[0] = a;
        out[1] = b;
    }

    private static final VectorSpecies<Float> VS = FloatVector.SPECIES_PREFERRED;
    private static final int VL = VS.length();

    // ------------------------------------------------------------------ instance norm

    /**
     * Instance normalization of input (N, C, *): each (sample, channel) plane is normalised on its own.
     * With useInputStats the plane statistics normalise and the running statistics (C), when given,
     * move toward their mean over the batch; otherwise the running statistics normalise. It is
     * batch norm over the input seen as (1, N * C, *), as torch computes it.
     */
    public static Tensor instanceNorm(Tensor input, Tensor runningMean, Tensor runningVar, Tensor weight, Tensor bias,
                                      boolean useInputStats, double momentum, double eps) {
        String op = "instance_norm";
        if (input.dim() < 3) {
            throw new IllegalArgumentException(op + ": expected input of at least 3 dims (N, C, *), got "
                    + Arrays.toString(input.shape()));
        }
        int n = input.size(0);
        int c = input.size(1);
        checkChannelVectors(op, input, c, weight, bias, runningMean, runningVar);
        if (useInputStats && input.numel() / Math.max(1, n * c) <= 1) {
            throw new IllegalArgumentException(op + ": expected more than 1 spatial element when training, got input "
                    + Arrays.toString(input.shape()));
        }
        int[] flat = input.shape().clone();
        flat[0] = 1;
        flat[1] = n * c;
        Tensor rm = runningMean == null ? null : runningMean.detach().repeat(n);
        Tensor rv = runningVar == null ? null : runningVar.detach().repeat(n);
        Tensor out = batchNorm(input.reshape(flat), rm, rv, weight == null ? null : weight.repeat(n),
                bias == null ? null : bias.repeat(n), useInputStats, momentum, eps);
        if (useInputStats) {
            try (var scope = GradMode.noGrad()) {
                if (runningMean != null) {
                    runningMean.copyInPlace(rm.reshape(n, c).mean(0));
                }
                if (runningVar != null) {
                    runningVar.copyInPlace(rv.reshape(n, c).mean(0));
                }
            }
        }
        return out.reshape(input.shape());
    }

    // ------------------------------------------------------------------ layer norm

    /**
     * Layer normalization over the trailing dims given by normalizedShape; weight and bias (of shape
     * normalizedShape) may be null.
     */
    public static Tensor layerNorm(Tensor input, int[] normalizedShape, Tensor weight, Tensor bias, double eps) {
        String op = "layer_norm";
        requireFloat(op, input);
        int r = input.dim();
        int k = normalizedShape.length;
        boolean ok = k >= 1 && k <= r;
        for (int i = 0; ok && i < k; i++) {
            ok = input.size(r - k + i) == normalizedShape[i];
        }
        if (!ok) {
            throw new IllegalArgumentException(op + ": normalized_shape " + Arrays.toString(normalizedShape)
                    + " does not match the last dims of input " + Arrays.toString(input.shape()));
        }
        for (Tensor t : new Tensor[] {weight, bias}) {
            if (t != null && !Arrays.equals(t.shape(), normalizedShape)) {
                throw new IllegalArgumentException(op + ": " + (t == weight ? "weight" : "bias") + " has shape "
                        + Arrays.toString(t.shape()) + " but normalized_shape is " + Arrays.toString(normalizedShape));
            }
        }
        int prod = 1;
        for (int d : normalizedShape) {
            prod *= d;
        }
        int m = prod;   // elements per normalised row
        int rows = m == 0 ? 0 : input.numel() / m;
        float[] x = input.contiguousFloats();
        float[] w = weight == null ? null : weight.contiguousFloats();
        float[] b = bias == null ? null : bias.contiguousFloats();
        float[] mean = new float[rows];
        float[] invstd = new float[rows];
        float[] out = FreshArrays.floats(x.length);
        // Rows are independent: split them over the kernel threads (grain ~16k elements a task).
        int grain = Math.max(1, (1 << 14) / Math.max(1, m));
        Parallel.forRange(rows, grain, (r0, r1) -> {
            for (int row = r0; row < r1; row++) {
                int off = row * m;
                stats(x, off, m, eps, mean, invstd, row);
                float mu = mean[row];
                float is = invstd[row];
                for (int j = 0; j < m; j++) {
                    float v = (x[off + j] - mu) * is;
                    if (w != null) {
                        v *= w[j];
                    }
                    if (b != null) {
                        v += b[j];
                    }
                    out[off + j] = v;
                }
            }
        });
        Tensor result = Tensor.wrap(out, input.shape());
        return Autograd.record(result, op, new Tensor[] {input, weight, bias}, new Tensor[] {input, weight}, gOut -> {
            float[] g = gOut.contiguousFloats();
            float[] dx = input.requiresGrad() ? FreshArrays.floats(x.length) : null;
            float[] dw = weight != null && weight.requiresGrad() ? new float[m] : null;
            float[] db = bias != null && bias.requiresGrad() ? new float[m] : null;
            // dw and db sum over rows (serial, in row order); dx is per row and runs in parallel.
            for (int row = 0; row < rows; row++) {
                int off = row * m;
                float mu = mean[row];
                float is = invstd[row];
                if (dw != null) {
                    for (int j = 0; j < m; j++) {
                        dw[j] += g[off + j] * (x[off + j] - mu) * is;
                    }
                }
                if (db != null) {
                    for (int j = 0; j < m; j++) {
                        db[j] += g[off + j];
                    }
                }
            }
            if (dx != null) {
                Parallel.forRange(rows, grain, (r0, r1) -> {
                    for (int row = r0; row < r1; row++) {
                        blockInputGrad(x, g, row * m, m, mean[row], invstd[row], w, 0, 1, dx);
                    }
                });
            }
            return new Tensor[] {
                dx == null ? null : Tensor.wrap(dx, input.shape()),
                dw == null ? null : Tensor.wrap(dw, normalizedShape.clone()),
                db == null ? null : Tensor.wrap(db, normalizedShape.clone())};
        });
    }

    // ------------------------------------------------------------------ group norm

    /**
     * Group normalization of input (N, C, *) in numGroups groups of C / numGroups channels; weight and
     * bias (C) may be null.
     */
    public static Tensor groupNorm(Tensor input, int numGroups, Tensor weight, Tensor bias, double eps) {
        String op = "group_norm";
        requireFloat(op, input);
        if (input.dim() < 2) {
            throw new IllegalArgumentException(op + ": expected input of at least 2 dims (N, C, *), got "
                    + Arrays.toString(input.shape()));
        }
        int n = input.size(0);
        int c = input.size(1);
        if (numGroups <= 0 || c % numGroups != 0) {
            throw new IllegalArgumentException(op + ": expected the number of channels " + c
                    + " to be divisible by num_groups " + numGroups + " (input " + Arrays.toString(input.shape()) + ")");
        }
        checkVector(op, "weight", weight, c, input);
        checkVector(op, "bias", bias, c, input);
        int s = n * c == 0 ? 0 : input.numel() / (n * c);
        int cpg = c / numGroups;
        int m = cpg * s;   // elements per (sample, group), contiguous
        int blocks = n * numGroups;
        float[] x = input.contiguousFloats();
        float[] w = weight == null ? null : weight.contiguousFloats();
        float[] b = bias == null ? null : bias.contiguousFloats();
        float[] mean = new float[blocks];
        float[] invstd = new float[blocks];
        float[] out = FreshArrays.floats(x.length);
        for (int blk = 0; blk < blocks; blk++) {
            int off = blk * m;
            stats(x, off, m, eps, mean, invstd, blk);
            float mu = mean[blk];
            float is = invstd[blk];
            int ch0 = (blk % numGroups) * cpg;
            for (int cc = 0; cc < cpg; cc++) {
                int ch = ch0 + cc;
                float scale = is * (w == null ? 1f : w[ch]);
                float beta = b == null ? 0f : b[ch];
                int o = off + cc * s;
                for (int i = 0; i < s; i++) {
                    out[o + i] = (x[o + i] - mu) * scale + beta;   // centred first, as in batch_norm
                }
            }
        }
        Tensor result = Tensor.wrap(out, input.shape());
        return Autograd.record(result, op, new Tensor[] {input, weight, bias}, new Tensor[] {input, weight}, gOut -> {
            float[] g = gOut.contiguousFloats();
            float[] dx = input.requiresGrad() ? FreshArrays.floats(x.length) : null;
            float[] dw = weight != null && weight.requiresGrad() ? new float[c] : null;
            float[] db = bias != null && bias.requiresGrad() ? new float[c] : null;
            for (int blk = 0; blk < blocks; blk++) {
                int off = blk * m;
                float mu = mean[blk];
                float is = invstd[blk];
                int ch0 = (blk % numGroups) * cpg;
                for (int cc = 0; cc < cpg && (dw != null || db != null); cc++) {
                    int o = off + cc * s;
                    double sg = 0;
                    double sgx = 0;
                    for (int i = 0; i < s; i++) {
                        sg += g[o + i];
                        sgx += g[o + i] * (x[o + i] - mu);
                    }
                    if (dw != null) {
                        dw[ch0 + cc] += (float) (sgx * is);
                    }
                    if (db != null) {
                        db[ch0 + cc] += (float) sg;
                    }
                }
                if (dx != null) {
                    blockInputGrad(x, g, off, m, mu, is, w, ch0, s, dx);
                }
            }
            return new Tensor[] {
                dx == null ? null : Tensor.wrap(dx, input.shape()),
                dw == null ? null : Tensor.wrap(dw, c),
                db == null ? null : Tensor.wrap(db, c)};
        });
    }

    // ------------------------------------------------------------------ shared pieces

    /** Mean and 1/sqrt(biased var + eps) of x[off..off+m), stored at index i. */
    private static void stats(float[] x, int off, int m, double eps, float[] mean, float[] invstd, int i) {
        double mu = sum(x, off, m) / m;
        double sq = sumSquaredDeviations(x, off, m, mu);
        mean[i] = (float) mu;
        invstd[i] = (float) (1.0 / Math.sqrt(sq / m + eps));
    }

    /**
     * dx over one normalised block of m elements: dxhat = g * w, where element j uses weight
     * w[w0 + j / run] (run = 1 for layer norm's per-element weight, the spatial size for group norm's
     * per-channel weight; w null means 1).
     */
    private static void blockInputGrad(float[] x, float[] g, int off, int m, float mu, float is, float[] w, int w0,
                                       int run, float[] dx) {
        if (run == 1) {
            elementWeightInputGrad(x, g, off, m, mu, is, w, w0, dx);
            return;
        }
        double sumD = 0;
        double sumDX = 0;
        for (int j = 0; j < m; j++) {
            float d = g[off + j] * (w == null ? 1f : w[w0 + j / run]);
            sumD += d;
            sumDX += d * (x[off + j] - mu);
        }
        float meanD = (float) (sumD / m);
        float proj = (float) (sumDX * is * is / m);
        for (int j = 0; j < m; j++) {
            float d = g[off + j] * (w == null ? 1f : w[w0 + j / run]);
            dx[off + j] = is * (d - meanD - (x[off + j] - mu) * proj);
        }
    }

    /** {@link #blockInputGrad} for one weight per element (layer norm): no index division, two sum chains. */
    private static void elementWeightInputGrad(float[] x, float[] g, int off, int m, float mu, float is, float[] w,
                                               int w0, float[] dx) {
        double d0 = 0;
        double d1 = 0;
        double p0 = 0;
        double p1 = 0;
        int j = 0;
        for (; j + 2 <= m; j += 2) {
            float a = g[off + j] * (w == null ? 1f : w[w0 + j]);
            float b = g[off + j + 1] * (w == null ? 1f : w[w0 + j + 1]);
            d0 += a;
            d1 += b;
            p0 += a * (x[off + j] - mu);
            p1 += b * (x[off + j + 1] - mu);
        }
        for (; j < m; j++) {
            float a = g[off + j] * (w == null ? 1f : w[w0 + j]);
            d0 += a;
            p0 += a * (x[off + j] - mu);
        }
        float meanD = (float) ((d0 + d1) / m);
        float proj = (float) ((p0 + p1) * is * is / m);
        for (j = 0; j < m; j++) {
            float d = g[off + j] * (w == null ? 1f : w[w0 + j]);
            dx[off + j] = is * (d - meanD - (x[off + j] - mu) * proj);
        }
    }

    private static void checkVector(String op, String name, Tensor t, int c, Tensor input) {
        if (t != null && (t.dim() != 1 || t.size(0) != c)) {
            throw new IllegalArgumentException(op + ": " + name + " must have shape [" + c + "] (one per channel), got "
                    + Arrays.toString(t.shape()) + " (input " + Arrays.toString(input.shape()) + ")");
        }
    }

    private static void requireFloat(String op, Tensor input) {
        if (input.dtype() != DType.FLOAT32) {
            throw new IllegalArgumentException(op + ": expected a float32 input, got " + input.dtype().torchName());
        }
    }
}
