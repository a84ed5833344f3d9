package dev.nabla.nn.functional;

import dev.nabla.autograd.Autograd;
import dev.nabla.kernel.Conv2dKernels;
import dev.nabla.kernel.Kernels;
import dev.nabla.kernel.KernelProvider;
import dev.nabla.kernel.Parallel;
import dev.nabla.kernel.VectorKernels;
import dev.nabla.tensor.Tensor;
import java.util.Arrays;

/**
 * Convolutions (conv1d, conv2d, conv_transpose1d/2d) with PyTorch's arguments, defaults and
 * gradients, computed with im2col / col2im and the kernel GEMM (several samples per GEMM call, so a
 * blocked GEMM sees a few thousand columns rather than one image's).
 *
 * <p>Every direction goes through one of three private array methods ({@link #forwardArrays},
 * {@link #inputGradArrays}, {@link #weightGradArrays}) so a direct convolution kernel can replace
 * them for the shapes it handles. A transposed convolution is the input-gradient of a convolution,
 * so it reuses the same three methods with the roles of its tensors swapped.
 *
 * <pre>{@code
 * Tensor y = Convolution.conv2d(x, w, b, new int[] {1}, new int[] {2}, new int[] {1}, 1); // (N, F, H, W)
 * }</pre>
 */
public final class Convolution {
    private Convolution() {
    }

    /**
     * The geometry of one 2-D convolution: input (n, c, h, w), weight (f, c / groups, kh, kw),
     * output (n, f, oh, ow).
     */
    record Geom(int n, int c, int h, int w, int f, int kh, int kw, int sh, int sw, int ph, int pw,
                int dh, int dw, int groups, int oh, int ow) {
        int cg() {
            return c / groups;
        }

        int fg() {
            return f / groups;
        }

        /** Rows of the im2col matrix of one group: (c / groups) * kh * kw. */
        int k() {
            return cg() * kh * kw;
        }

        int outPlane() {
            return oh * ow;
        }

        int inPlane() {
            return h * w;
        }

        /**
         * A 1x1, stride 1, unpadded convolution needs no im2col: the image already is the matrix (the
         * size check excludes a transposed convolution's output_padding, which grows the image).
         */
        boolean pointwise() {
            return kh == 1 && kw == 1 && sh == 1 && sw == 1 && ph == 0 && pw == 0 && oh == h && ow == w;
        }
    }

    // ------------------------------------------------------------------ public ops

    /**
     * 1-D convolution. input (N, C, L) or (C, L), weight (F, C / groups, k), bias (F) or null;
     * returns (N, F, L_out).
     */
    public static Tensor conv1d(Tensor input, Tensor weight, Tensor bias, int stride, int padding, int dilation,
                                int groups) {
        if (input.dim() != 2 && input.dim() != 3) {
            throw new IllegalArgumentException("conv1d: expected 2-D (C, L) or 3-D (N, C, L) input, got "
                    + Arrays.toString(input.shape()));
        }
        if (weight.dim() != 3) {
            throw new IllegalArgumentException("conv1d: weight must be 3-D (out_channels, in_channels / groups, "
                    + "kernel), got " + Arrays.toString(weight.shape()));
        }
        Tensor out = conv2d("conv1d", input.unsqueeze(-2), weight.unsqueeze(-2), bias, new int[] {1, stride},
                new int[] {0, padding}, new int[] {1, dilation}, groups, shapes(input, weight));
        return out.squeeze(-2);
    }

    /**
     * 2-D convolution (cross-correlation, as torch). input (N, C, H, W) or (C, H, W), weight
     * (F, C / groups, kh, kw), bias (F) or null; stride, padding and dilation take one value for both
     * dims or two (h, w). Returns (N, F, H_out, W_out) with H_out = (H + 2p - d (kh - 1) - 1) / s + 1.
     */
    public static Tensor conv2d(Tensor input, Tensor weight, Tensor bias, int[] stride, int[] padding, int[] dilation,
                                int groups) {
        return conv2d("conv2d", input, weight, bias, stride, padding, dilation, groups, null);
    }

    /**
     * conv1d with padding given by name, as torch: "valid" (no padding) or "same" (output length =
     * input length; stride must be 1; an odd total padding puts the extra element on the right).
     */
    public static Tensor conv1d(Tensor input, Tensor weight, Tensor bias, int stride, String padding, int dilation,
                                int groups) {
        if (weight.dim() != 3) {
            throw new IllegalArgumentException("conv1d: weight must be 3-D (out_channels, in_channels / groups, "
                    + "kernel), got " + Arrays.toString(weight.shape()));
        }
        int[] k = {weight.size(2)};
        int[] total = namedPadding("conv1d", padding, new int[] {stride}, new int[] {dilation}, k);
        Tensor x = input;
        if (total[0] % 2 != 0) {
            x = dev.nabla.tensor.ShapeOps.pad(x, new int[] {0, 1}, 0f);
        }
        return conv1d(x, weight, bias, stride, total[0] / 2, dilation, groups);
    }

    /**
     * conv2d with padding given by name, as torch: "valid" (no padding) or "same" (output size = input
     * size; stride must be 1; an odd total padding puts the extra row / column at the bottom / right).
     */
    public static Tensor conv2d(Tensor input, Tensor weight, Tensor bias, int[] stride, String padding, int[] dilation,
                                int groups) {
        if (weight.dim() != 4) {
            throw new IllegalArgumentException("conv2d: weight must be 4-D (out_channels, in_channels / groups, kh, kw),"
                    + " got " + Arrays.toString(weight.shape()));
        }
        int[] s = pair("conv2d", "stride", stride, 1, 1);
        int[] d = pair("conv2d", "dilation", dilation, 1, 1);
        int[] total = namedPadding("conv2d", padding, s, d, new int[] {weight.size(2), weight.size(3)});
        Tensor x = input;
        if (total[0] % 2 != 0 || total[1] % 2 != 0) {
            x = dev.nabla.tensor.ShapeOps.pad(x, new int[] {0, total[1] % 2, 0, total[0] % 2}, 0f);
        }
        return conv2d(x, weight, bias, s, new int[] {total[0] / 2, total[1] / 2}, d, groups);
    }

    /** Total padding per spatial dim for torch's named paddings "valid" and "same". */
    private static int[] namedPadding(String op, String padding, int[] stride, int[] dilation, int[] kernel) {
        int[] total = new int[kernel.length];
        switch (padding) {
            case "valid" -> {
                return total;
            }
            case "same" -> {
                for (int i = 0; i < kernel.length; i++) {
                    if (stride[i] != 1) {
                        throw new IllegalArgumentException(op + ": padding='same' is not supported for strided "
                                + "convolutions (stride " + Arrays.toString(stride) + ")");
                    }
                    total[i] = dilation[i] * (kernel[i] - 1);
                }
                return total;
            }
            default -> throw new IllegalArgumentException(op + ": invalid padding string '" + padding
                    + "', should be one of 'valid' or 'same'");
        }
    }

    /**
     * 1-D transposed convolution. input (N, C_in, L) or (C_in, L), weight (C_in, F / groups, k), bias (F)
     * or null.
     */
    public static Tensor convTranspose1d(Tensor input, Tensor weight, Tensor bias, int stride, int padding,
                                         int outputPadding, int groups, int dilation) {
        if (input.dim() != 2 && input.dim() != 3) {
            throw new IllegalArgumentException("conv_transpose1d: expected 2-D (C, L) or 3-D (N, C, L) input, got "
                    + Arrays.toString(input.shape()));
        }
        if (weight.dim() != 3) {
            throw new IllegalArgumentException("conv_transpose1d: weight must be 3-D (in_channels, out_channels / "
                    + "groups, kernel), got " + Arrays.toString(weight.shape()));
        }
        Tensor out = convTranspose2d("conv_transpose1d", input.unsqueeze(-2), weight.unsqueeze(-2), bias,
                new int[] {1, stride}, new int[] {0, padding}, new int[] {0, outputPadding}, groups,
                new int[] {1, dilation}, shapes(input, weight));
        return out.squeeze(-2);
    }

    /**
     * 2-D transposed convolution (the gradient of conv2d with respect to its input). input
     * (N, C_in, H, W) or (C_in, H, W), weight (C_in, F / groups, kh, kw), bias (F) or null. Returns
     * (N, F, H_out, W_out) with H_out = (H - 1) s - 2p + d (kh - 1) + output_padding + 1.
     */
    public static Tensor convTranspose2d(Tensor input, Tensor weight, Tensor bias, int[] stride, int[] padding,
                                         int[] outputPadding, int groups, int[] dilation) {
        return convTranspose2d("conv_transpose2d", input, weight, bias, stride, padding, outputPadding, groups,
                dilation, null);
    }

    // ------------------------------------------------------------------ conv2d

    /** shown: the shapes for messages when the caller reshaped its tensors (conv1d), else null. */
    private static Tensor conv2d(String op, Tensor input, Tensor weight, Tensor bias, int[] stride, int[] padding,
                                 int[] dilation, int groups, String shown) {
        if (input.dim() == 3 && weight.dim() == 4) {
            String sh = shown != null ? shown : shapes(input, weight);
            return conv2d(op, input.unsqueeze(0), weight, bias, stride, padding, dilation, groups, sh).squeeze(0);
        }
        if (input.dim() != 4) {
            throw new IllegalArgumentException(op + ": expected 3-D (C, H, W) or 4-D (N, C, H, W) input, got "
                    + Arrays.toString(input.shape()));
        }
        if (weight.dim() != 4) {
            throw new IllegalArgumentException(op + ": weight must be 4-D (out_channels, in_channels / groups, kh, kw),"
                    + " got " + Arrays.toString(weight.shape()));
        }
        requireFloat(op, input, weight, bias);
        int[] s = pair(op, "stride", stride, 1, 1);
        int[] p = pair(op, "padding", padding, 0, 0);
        int[] d = pair(op, "dilation", dilation, 1, 1);
        int n = input.size(0);
        int c = input.size(1);
        int h = input.size(2);
        int w = input.size(3);
        int f = weight.size(0);
        int kh = weight.size(2);
        int kw = weight.size(3);
        if (groups <= 0) {
            throw new IllegalArgumentException(op + ": groups must be positive, got " + groups);
        }
        if (c != weight.size(1) * groups) {
            throw new IllegalArgumentException(op + ": input has " + c + " channels but weight expects "
                    + weight.size(1) * groups + (groups > 1 ? " (" + weight.size(1) + " per group x " + groups
                    + " groups)" : "") + shown(shown, input, weight));
        }
        if (f % groups != 0) {
            throw new IllegalArgumentException(op + ": out_channels " + f + " is not divisible by groups " + groups
                    + shown(shown, input, weight));
        }
        if (bias != null && (bias.dim() != 1 || bias.size(0) != f)) {
            throw new IllegalArgumentException(op + ": bias must have shape [" + f + "], got "
                    + Arrays.toString(bias.shape()) + shown(shown, input, weight));
        }
        int effH = d[0] * (kh - 1) + 1;
        int effW = d[1] * (kw - 1) + 1;
        if (h + 2 * p[0] < effH || w + 2 * p[1] < effW) {
            throw new IllegalArgumentException(op + ": kernel size (dilated) " + effH + "x" + effW
                    + " is larger than the padded input " + (h + 2 * p[0]) + "x" + (w + 2 * p[1])
                    + shown(shown, input, weight));
        }
        int oh = (h + 2 * p[0] - effH) / s[0] + 1;
        int ow = (w + 2 * p[1] - effW) / s[1] + 1;
        Geom g = new Geom(n, c, h, w, f, kh, kw, s[0], s[1], p[0], p[1], d[0], d[1], groups, oh, ow);

        float[] x = input.contiguousFloats();
        float[] wt = weight.contiguousFloats();
        float[] out;
        if (direct(g)) {
            // the direct kernel adds the bias as it writes each output tile (no separate fill pass), and
            // allocates out while its other threads already compute
            out = Conv2dKernels.forward(x, 0, n, c, h, w, wt, 0, f, kh, kw, bias == null ? null : bias.contiguousFloats(),
                    0, s[0], s[1], p[0], p[1]);
        } else {
            out = new float[n * f * oh * ow];
            if (bias != null) {
                fillBias(bias.contiguousFloats(), out, n, f, oh * ow);
            }
            forwardArrays(g, x, wt, out, bias != null);
        }
        Tensor result = Tensor.wrap(out, n, f, oh, ow);
        return Autograd.record(result, op, new Tensor[] {input, weight, bias}, new Tensor[] {input, weight}, gOut -> {
            float[] go = gOut.contiguousFloats();
            Tensor gx = null;
            Tensor gw = null;
            Tensor gb = null;
            if (input.requiresGrad()) {
                float[] dx = new float[n * c * h * w];
                inputGradArrays(g, go, wt, dx);
                gx = Tensor.wrap(dx, input.shape());
            }
            if (weight.requiresGrad()) {
                float[] dwt = new float[weight.numel()];
                weightGradArrays(g, x, go, dwt);
                gw = Tensor.wrap(dwt, weight.shape());
            }
            if (bias != null && bias.requiresGrad()) {
                gb = Tensor.wrap(channelSums(go, n, f, oh * ow), f);
            }
            return new Tensor[] {gx, gw, gb};
        });
    }

    // ------------------------------------------------------------------ conv_transpose2d

    private static Tensor convTranspose2d(String op, Tensor input, Tensor weight, Tensor bias, int[] stride,
                                          int[] padding, int[] outputPadding, int groups, int[] dilation, String shown) {
        if (input.dim() == 3 && weight.dim() == 4) {
            String sh = shown != null ? shown : shapes(input, weight);
            return convTranspose2d(op, input.unsqueeze(0), weight, bias, stride, padding, outputPadding, groups,
                    dilation, sh).squeeze(0);
        }
        if (input.dim() != 4) {
            throw new IllegalArgumentException(op + ": expected 3-D (C, H, W) or 4-D (N, C, H, W) input, got "
                    + Arrays.toString(input.shape()));
        }
        if (weight.dim() != 4) {
            throw new IllegalArgumentException(op + ": weight must be 4-D (in_channels, out_channels / groups, kh, kw),"
                    + " got " + Arrays.toString(weight.shape()));
        }
        requireFloat(op, input, weight, bias);
        int[] s = pair(op, "stride", stride, 1, 1);
        int[] p = pair(op, "padding", padding, 0, 0);
        int[] op2 = pair(op, "output_padding", outputPadding, 0, 0);
        int[] d = pair(op, "dilation", dilation, 1, 1);
        if (groups <= 0) {
            throw new IllegalArgumentException(op + ": groups must be positive, got " + groups);
        }
        int n = input.size(0);
        int cin = input.size(1);
        int h = input.size(2);
        int w = input.size(3);
        int f = weight.size(1) * groups;
        int kh = weight.size(2);
        int kw = weight.size(3);
        if (cin != weight.size(0)) {
            throw new IllegalArgumentException(op + ": input has " + cin + " channels but weight expects "
                    + weight.size(0) + shown(shown, input, weight));
        }
        if (cin % groups != 0) {
            throw new IllegalArgumentException(op + ": in_channels " + cin + " is not divisible by groups " + groups
                    + shown(shown, input, weight));
        }
        for (int i = 0; i < 2; i++) {
            if (op2[i] >= s[i] && op2[i] >= d[i]) {
                throw new IllegalArgumentException(op + ": output_padding " + Arrays.toString(op2)
                        + " must be smaller than either stride " + Arrays.toString(s) + " or dilation "
                        + Arrays.toString(d));
            }
        }
        if (bias != null && (bias.dim() != 1 || bias.size(0) != f)) {
            throw new IllegalArgumentException(op + ": bias must have shape [" + f + "], got "
                    + Arrays.toString(bias.shape()) + shown(shown, input, weight));
        }
        int oh = (h - 1) * s[0] - 2 * p[0] + d[0] * (kh - 1) + op2[0] + 1;
        int ow = (w - 1) * s[1] - 2 * p[1] + d[1] * (kw - 1) + op2[1] + 1;
        if (oh <= 0 || ow <= 0) {
            throw new IllegalArgumentException(op + ": output size " + oh + "x" + ow + " is too small"
                    + shown(shown, input, weight));
        }
        if (PatchConvTranspose.applies(kh, kw, s, p, d, groups)) {
            return PatchConvTranspose.apply(op, input, weight, bias, oh, ow);   // kernel = stride: no overlap
        }
        // The convolution whose input-gradient this is: it maps (n, f, oh, ow) to (n, cin, h, w).
        Geom g = new Geom(n, f, oh, ow, cin, kh, kw, s[0], s[1], p[0], p[1], d[0], d[1], groups, h, w);

        float[] x = input.contiguousFloats();
        float[] wt = weight.contiguousFloats();
        float[] out = new float[n * f * oh * ow];
        inputGradArrays(g, x, wt, out);
        if (bias != null) {
            addBias(bias.contiguousFloats(), out, n, f, oh * ow);
        }
        Tensor result = Tensor.wrap(out, n, f, oh, ow);
        return Autograd.record(result, op, new Tensor[] {input, weight, bias}, new Tensor[] {input, weight}, gOut -> {
            float[] go = gOut.contiguousFloats();
            Tensor gx = null;
            Tensor gw = null;
            Tensor gb = null;
            if (input.requiresGrad()) {
                float[] dx = new float[n * cin * h * w];
                forwardArrays(g, go, wt, dx, false);
                gx = Tensor.wrap(dx, input.shape());
            }
            if (weight.requiresGrad()) {
                float[] dwt = new float[weight.numel()];
                weightGradArrays(g, go, x, dwt);
                gw = Tensor.wrap(dwt, weight.shape());
            }
            if (bias != null && bias.requiresGrad()) {
                gb = Tensor.wrap(channelSums(go, n, f, oh * ow), f);
            }
            return new Tensor[] {gx, gw, gb};
        });
    }

    // ------------------------------------------------------------------ array kernels (fast paths plug in here)

    /**
     * Samples per GEMM: enough output columns (chunk * oh * ow) that one call keeps a blocked GEMM busy,
     * while the im2col chunk stays a few MB at most.
     */
    private static int chunk(Geom g) {
        int byColumns = Math.max(1, TARGET_COLUMNS / Math.max(1, g.outPlane()));
        int byMemory = Math.max(1, MAX_CHUNK_FLOATS / Math.max(1, g.k() * g.outPlane()));
        return Math.max(1, Math.min(g.n(), Math.min(byColumns, byMemory)));
    }

    private static final int TARGET_COLUMNS = 2048;
    private static final int MAX_CHUNK_FLOATS = 1 << 20;

    /**
     * Whether the direct Vector API convolution ({@link Conv2dKernels}) handles this geometry: groups 1,
     * dilation 1, vector kernels in use, and a window (c * kh * kw) of at most 512 values: measured with
     * nabla-bench's ConvSweep, direct was 1.3-3x faster for forward + backward at C=16 5x5 (400) and
     * C=32 3x3 (288), but 2x slower at C=64 3x3 (576), where im2col + GEMM wins.
     * {@code -Dnabla.conv.direct=false} turns it off; {@code -Dnabla.conv.directMaxK} moves the limit.
     */
    private static boolean direct(Geom g) {
        return DIRECT && g.groups() == 1 && g.dh() == 1 && g.dw() == 1 && !g.pointwise()
                && g.c() * g.kh() * g.kw() <= DIRECT_MAX_K && KernelProvider.get() instanceof VectorKernels;
    }

    private static final boolean DIRECT = !"false".equals(System.getProperty("nabla.conv.direct"));
    /** Largest window (c * kh * kw) routed to the direct kernel. */
    private static final int DIRECT_MAX_K = Integer.getInteger("nabla.conv.directMaxK", 512);

    /**
     * out (n, f, oh, ow) = conv(x (n, c, h, w), wt (f, c/groups, kh, kw)); adds to out when
     * {@code accumulate} (it then holds the bias), else overwrites it. Several samples share one GEMM:
     * their im2col matrices sit side by side in col (k, chunk * oh * ow).
     */
    private static void forwardArrays(Geom g, float[] x, float[] wt, float[] out, boolean accumulate) {
        if (direct(g)) {
            Conv2dKernels.forward(x, 0, g.n(), g.c(), g.h(), g.w(), wt, 0, g.f(), g.kh(), g.kw(), null, 0,
                    g.sh(), g.sw(), g.ph(), g.pw(), out, 0, accumulate);
            return;
        }
        Kernels kern = KernelProvider.get();
        int k = g.k();
        int ohw = g.outPlane();
        int fg = g.fg();
        int cg = g.cg();
        if (g.pointwise()) {
            for (int b = 0; b < g.n(); b++) {
                for (int grp = 0; grp < g.groups(); grp++) {
                    kern.gemm(false, false, fg, ohw, k, 1f, wt, grp * fg * k, k, x, (b * g.c() + grp * cg) * ohw, ohw,
                            accumulate ? 1f : 0f, out, (b * g.f() + grp * fg) * ohw, ohw);
                }
            }
            return;
        }
        int chunk = chunk(g);
        float[] col = new float[k * chunk * ohw];
        float[] res = new float[fg * chunk * ohw];
        for (int b0 = 0; b0 < g.n(); b0 += chunk) {
            int nb = Math.min(chunk, g.n() - b0);
            int cols = nb * ohw;
            for (int grp = 0; grp < g.groups(); grp++) {
                im2colChunk(g, x, b0, nb, grp, col, cols);
                // (fg, k) @ (k, nb*oh*ow) -> (fg, nb*oh*ow), then each sample's block goes to its place
                kern.gemm(false, false, fg, cols, k, 1f, wt, grp * fg * k, k, col, 0, cols, 0f, res, 0, cols);
                int gr = grp;
                int first = b0;
                Parallel.forRange(nb * fg, grain(ohw), (t0, t1) -> {
                    for (int t = t0; t < t1; t++) {
                        int j = t / fg;
                        int f = t % fg;
                        int o = ((first + j) * g.f() + gr * fg + f) * ohw;
                        int r = f * cols + j * ohw;
                        if (accumulate) {
                            for (int i = 0; i < ohw; i++) {
                                out[o + i] += res[r + i];
                            }
                        } else {
                            System.arraycopy(res, r, out, o, ohw);
                        }
                    }
                });
            }
        }
    }

    /** dx (n, c, h, w) += conv-input-gradient of go (n, f, oh, ow) through wt (f, c/groups, kh, kw). dx starts zeroed. */
    private static void inputGradArrays(Geom g, float[] go, float[] wt, float[] dx) {
        if (direct(g) && Conv2dKernels.hasDirectInputGradient(g.kh(), g.kw(), g.sh(), g.sw(), g.ph(), g.pw())) {
            Conv2dKernels.backwardInput(go, 0, wt, 0, g.n(), g.c(), g.h(), g.w(), g.f(), g.kh(), g.kw(),
                    g.sh(), g.sw(), g.ph(), g.pw(), dx, 0);
            return;
        }
        Kernels kern = KernelProvider.get();
        int k = g.k();
        int ohw = g.outPlane();
        int fg = g.fg();
        int cg = g.cg();
        if (g.pointwise()) {
            for (int b = 0; b < g.n(); b++) {
                for (int grp = 0; grp < g.groups(); grp++) {
                    // (k, fg) @ (fg, oh*ow) straight into dx
                    kern.gemm(true, false, k, ohw, fg, 1f, wt, grp * fg * k, k, go, (b * g.f() + grp * fg) * ohw, ohw,
                            0f, dx, (b * g.c() + grp * cg) * g.inPlane(), ohw);
                }
            }
            return;
        }
        int chunk = chunk(g);
        float[] col = new float[k * chunk * ohw];
        float[] gch = new float[fg * chunk * ohw];
        for (int b0 = 0; b0 < g.n(); b0 += chunk) {
            int nb = Math.min(chunk, g.n() - b0);
            int cols = nb * ohw;
            for (int grp = 0; grp < g.groups(); grp++) {
                gatherChunk(g, go, b0, nb, grp, gch);
                // (k, fg) @ (fg, nb*oh*ow) -> col, then each sample's columns fold back onto its image
                kern.gemm(true, false, k, cols, fg, 1f, wt, grp * fg * k, k, gch, 0, cols, 0f, col, 0, cols);
                int gr = grp;
                int first = b0;
                // each (sample, channel) folds onto its own plane of dx: split them over the threads
                Parallel.forRange(nb * cg, grain(g.kh() * g.kw() * ohw), (t0, t1) -> {
                    for (int t = t0; t < t1; t++) {
                        int j = t / cg;
                        int ci = t % cg;
                        col2im(g, col, j * ohw, cols, dx, ((first + j) * g.c() + gr * cg) * g.inPlane(), ci, ci + 1);
                    }
                });
            }
        }
    }

    /** dwt (f, c/groups, kh, kw) = sum over the batch of go (f, oh*ow) @ im2col(x)^T. dwt starts zeroed. */
    private static void weightGradArrays(Geom g, float[] x, float[] go, float[] dwt) {
        if (direct(g)) {
            Conv2dKernels.backwardWeight(go, 0, x, 0, g.n(), g.c(), g.h(), g.w(), g.f(), g.kh(), g.kw(),
                    g.sh(), g.sw(), g.ph(), g.pw(), dwt, 0);
            return;
        }
        Kernels kern = KernelProvider.get();
        int k = g.k();
        int ohw = g.outPlane();
        int fg = g.fg();
        int cg = g.cg();
        if (g.pointwise()) {
            // A small (fg, k) result over a long ohw: one GEMM per image cannot split itself over the threads,
            // so the images are split instead, each thread summing its own range; the sums are added in order.
            long macs = (long) g.n() * g.f() * k * ohw;
            int parts = macs < (1L << 21) ? 1 : Math.min(g.n(), Parallel.threads());
            float[][] partial = new float[parts][];
            Parallel.forTasks(parts, parts, t -> {
                float[] acc = t == 0 ? dwt : new float[dwt.length];
                partial[t] = acc;
                int lo = (int) ((long) g.n() * t / parts);
                int hi = (int) ((long) g.n() * (t + 1) / parts);
                for (int b = lo; b < hi; b++) {
                    for (int grp = 0; grp < g.groups(); grp++) {
                        kern.gemm(false, true, fg, k, ohw, 1f, go, (b * g.f() + grp * fg) * ohw, ohw,
                                x, (b * g.c() + grp * cg) * ohw, ohw, b == lo ? 0f : 1f, acc, grp * fg * k, k);
                    }
                }
            });
            for (int t = 1; t < parts; t++) {
                kern.axpy(dwt.length, 1f, partial[t], 0, dwt, 0);
            }
            return;
        }
        int chunk = chunk(g);
        float[] col = new float[k * chunk * ohw];
        float[] gch = new float[fg * chunk * ohw];
        for (int b0 = 0; b0 < g.n(); b0 += chunk) {
            int nb = Math.min(chunk, g.n() - b0);
            int cols = nb * ohw;
            for (int grp = 0; grp < g.groups(); grp++) {
                im2colChunk(g, x, b0, nb, grp, col, cols);
                gatherChunk(g, go, b0, nb, grp, gch);
                // (fg, nb*oh*ow) @ (nb*oh*ow, k) accumulated over the batch
                kern.gemm(false, true, fg, k, cols, 1f, gch, 0, cols, col, 0, cols, b0 == 0 ? 0f : 1f, dwt,
                        grp * fg * k, k);
            }
        }
    }

    /** Copies go[b0 .. b0+nb) of group grp, (nb, fg, oh*ow), into dst laid out (fg, nb * oh*ow). */
    private static void gatherChunk(Geom g, float[] go, int b0, int nb, int grp, float[] dst) {
        int ohw = g.outPlane();
        int fg = g.fg();
        int cols = nb * ohw;
        Parallel.forRange(nb * fg, grain(ohw), (t0, t1) -> {
            for (int t = t0; t < t1; t++) {
                int j = t / fg;
                int f = t % fg;
                System.arraycopy(go, ((b0 + j) * g.f() + grp * fg + f) * ohw, dst, f * cols + j * ohw, ohw);
            }
        });
    }

    /**
     * im2col of samples [b0, b0 + nb) of group grp, side by side in col (k, cols): the (sample, channel)
     * blocks of rows are independent, so they are split over the threads (one thread would leave the
     * other core idle between the GEMMs).
     */
    private static void im2colChunk(Geom g, float[] x, int b0, int nb, int grp, float[] col, int cols) {
        int cg = g.cg();
        int ohw = g.outPlane();
        Parallel.forRange(nb * cg, grain(g.kh() * g.kw() * ohw), (t0, t1) -> {
            for (int t = t0; t < t1; t++) {
                int j = t / cg;
                int ci = t % cg;
                im2col(g, x, ((b0 + j) * g.c() + grp * cg) * g.inPlane(), col, j * ohw, cols, ci, ci + 1);
            }
        });
    }

    /** Items per thread for copies of this many floats each: at least 32K floats. */
    private static int grain(int floatsPerItem) {
        return Math.max(1, (1 << 15) / Math.max(1, floatsPerItem));
    }

    // ------------------------------------------------------------------ im2col / col2im

    /** {@link #im2col(Geom, float[], int, float[], int, int)} into a matrix of its own (row stride oh * ow). */
    static void im2col(Geom g, float[] x, int xOff, float[] col) {
        im2col(g, x, xOff, col, 0, g.outPlane());
    }

    /**
     * Unfolds one group of one image, x[xOff..] (c/groups, h, w), into the (c/groups * kh * kw, oh * ow)
     * block of col at colOff with row stride ld: row (ci, ki, kj) holds the input pixel each output
     * position sees through that tap, 0 in the padding.
     */
    static void im2col(Geom g, float[] x, int xOff, float[] col, int colOff, int ld) {
        im2col(g, x, xOff, col, colOff, ld, 0, g.cg());
    }

    /** {@link #im2col(Geom, float[], int, float[], int, int)} for channels [c0, c1) of the group only. */
    private static void im2col(Geom g, float[] x, int xOff, float[] col, int colOff, int ld, int c0, int c1) {
        int h = g.h();
        int w = g.w();
        int oh = g.oh();
        int ow = g.ow();
        int sw = g.sw();
        int row = c0 * g.kh() * g.kw();
        for (int ci = c0; ci < c1; ci++) {
            int plane = xOff + ci * h * w;
            for (int ki = 0; ki < g.kh(); ki++) {
                for (int kj = 0; kj < g.kw(); kj++, row++) {
                    int base = kj * g.dw() - g.pw();
                    int lo = firstValid(base, sw);
                    int hi = Math.min(ow, lastValid(base, sw, w) + 1);
                    int dst = colOff + row * ld;
                    for (int y = 0; y < oh; y++, dst += ow) {
                        int ih = y * g.sh() - g.ph() + ki * g.dh();
                        if (ih < 0 || ih >= h || lo >= hi) {
                            Arrays.fill(col, dst, dst + ow, 0f);
                            continue;
                        }
                        int srcRow = plane + ih * w + base;
                        Arrays.fill(col, dst, dst + lo, 0f);
                        if (sw == 1) {
                            System.arraycopy(x, srcRow + lo, col, dst + lo, hi - lo);
                        } else {
                            for (int xo = lo; xo < hi; xo++) {
                                col[dst + xo] = x[srcRow + xo * sw];
                            }
                        }
                        Arrays.fill(col, dst + hi, dst + ow, 0f);
                    }
                }
            }
        }
    }

    /** {@link #col2im(Geom, float[], int, int, float[], int)} from a matrix of its own (row stride oh * ow). */
    static void col2im(Geom g, float[] col, float[] dx, int dxOff) {
        col2im(g, col, 0, g.outPlane(), dx, dxOff);
    }

    /**
     * The adjoint of {@link #im2col}: adds each entry of the block of col at colOff (row stride ld) back
     * onto the pixel it came from, in dx[dxOff..].
     */
    static void col2im(Geom g, float[] col, int colOff, int ld, float[] dx, int dxOff) {
        col2im(g, col, colOff, ld, dx, dxOff, 0, g.cg());
    }

    /** {@link #col2im(Geom, float[], int, int, float[], int)} for channels [c0, c1) of the group only. */
    private static void col2im(Geom g, float[] col, int colOff, int ld, float[] dx, int dxOff, int c0, int c1) {
        int h = g.h();
        int w = g.w();
        int oh = g.oh();
        int ow = g.ow();
        int sw = g.sw();
        int row = c0 * g.kh() * g.kw();
        for (int ci = c0; ci < c1; ci++) {
            int plane = dxOff + ci * h * w;
            for (int ki = 0; ki < g.kh(); ki++) {
                for (int kj = 0; kj < g.kw(); kj++, row++) {
                    int base = kj * g.dw() - g.pw();
                    int lo = firstValid(base, sw);
                    int hi = Math.min(ow, lastValid(base, sw, w) + 1);
                    if (lo >= hi) {
                        continue;
                    }
                    int src = colOff + row * ld;
                    for (int y = 0; y < oh; y++, src += ow) {
                        int ih = y * g.sh() - g.ph() + ki * g.dh();
                        if (ih < 0 || ih >= h) {
                            continue;
                        }
                        int dstRow = plane + ih * w + base;
                        for (int xo = lo; xo < hi; xo++) {
                            dx[dstRow + xo * sw] += col[src + xo];
                        }
                    }
                }
            }
        }
    }

    /** The first output column xo with xo * stride + base >= 0. */
    private static int firstValid(int base, int stride) {
        return base >= 0 ? 0 : (-base + stride - 1) / stride;
    }

    /** The last output column xo with xo * stride + base < width (may be negative: none). */
    private static int lastValid(int base, int stride, int width) {
        int lim = width - 1 - base;
        return lim < 0 ? -1 : lim / stride;
    }

    // ------------------------------------------------------------------ bias and helpers

    /** The shapes for an error message, made only when one is thrown (a conv call would else build strings). */
    private static String shown(String shown, Tensor input, Tensor weight) {
        return shown != null ? shown : shapes(input, weight);
    }

    private static String shapes(Tensor input, Tensor weight) {
        return " (input " + Arrays.toString(input.shape()) + ", weight " + Arrays.toString(weight.shape()) + ")";
    }

    private static void fillBias(float[] bias, float[] out, int n, int f, int plane) {
        for (int b = 0; b < n; b++) {
            for (int c = 0; c < f; c++) {
                int off = (b * f + c) * plane;
                Arrays.fill(out, off, off + plane, bias[c]);
            }
        }
    }

    private static void addBias(float[] bias, float[] out, int n, int f, int plane) {
        for (int b = 0; b < n; b++) {
            for (int c = 0; c < f; c++) {
                int off = (b * f + c) * plane;
                float v = bias[c];
                for (int i = 0; i < plane; i++) {
                    out[off + i] += v;
                }
            }
        }
    }

    /** Sums go (n, f, plane) over n and plane: the bias gradient. */
    static float[] channelSums(float[] go, int n, int f, int plane) {
        Kernels kern = KernelProvider.get();
        float[] out = new float[f];
        // channels are independent: split them over the pool (each plane's sum is too small to split)
        dev.nabla.kernel.Parallel.forRange(f, Math.max(1, (1 << 15) / Math.max(1, n * plane)), (lo, hi) -> {
            for (int c = lo; c < hi; c++) {
                double s = 0;
                for (int b = 0; b < n; b++) {
                    s += kern.sum(go, (b * f + c) * plane, plane);
                }
                out[c] = (float) s;
            }
        });
        return out;
    }

    /** torch's _pair: one value is used for both dims; null or empty gives the default. */
    static int[] pair(String op, String name, int[] v, int dflt, int min) {
        int[] out;
        if (v == null || v.length == 0) {
            out = new int[] {dflt, dflt};
        } else if (v.length == 1) {
            out = new int[] {v[0], v[0]};
        } else if (v.length == 2) {
            out = v.clone();
        } else {
            throw new IllegalArgumentException(op + ": " + name + " must have 1 or 2 values, got " + Arrays.toString(v));
        }
        if (out[0] < min || out[1] < min) {
            throw new IllegalArgumentException(op + ": " + name + " must be " + (min == 0 ? "non-negative" : "positive")
                    + ", got " + Arrays.toString(v));
        }
        return out;
    }

    private static void requireFloat(String op, Tensor input, Tensor weight, Tensor bias) {
        for (Tensor t : new Tensor[] {input, weight, bias}) {
            if (t != null && t.dtype() != dev.nabla.tensor.DType.FLOAT32) {
                throw new IllegalArgumentException(op + ": expected float32 tensors, got " + t.dtype().torchName()
                        + " of shape " + Arrays.toString(t.shape()));
            }
        }
    }
}
