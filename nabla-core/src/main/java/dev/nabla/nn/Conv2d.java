package dev.nabla.nn;

import dev.nabla.nn.functional.F;
import dev.nabla.tensor.Tensor;

/**
 * 2-D convolution (cross-correlation), as {@code torch.nn.Conv2d}. Input (N, C_in, H, W) or
 * (C_in, H, W), output (N, C_out, H_out, W_out) with H_out = floor((H + 2p - d (k - 1) - 1) / s) + 1.
 * Weight (C_out, C_in / groups, kH, kW) and bias (C_out), initialised as PyTorch does
 * (kaiming_uniform with a = sqrt(5), bias U(-1/sqrt(fan_in), 1/sqrt(fan_in))).
 *
 * <pre>{@code
 * Conv2d conv = new Conv2d(3, 16, 3);                          // stride 1, no padding
 * Conv2d down = Conv2d.builder(16, 32, 3).stride(2).padding(1).bias(false).build();
 * }</pre>
 */
public final class Conv2d extends Module {
    public final int inChannels;
    public final int outChannels;
    private final int[] kernelSize;
    private final int[] stride;
    private final int[] padding;
    private final boolean samePadding;
    /** "same" or "valid" when given as a string (printed as such), else null. */
    private final String paddingString;
    private final int[] dilation;
    public final int groups;
    public final String paddingMode;
    public final Tensor weight;
    /** Null when built without bias. */
    public final Tensor bias;

    public Conv2d(int inChannels, int outChannels, int kernelSize) {
        this(builder(inChannels, outChannels, kernelSize));
    }

    public Conv2d(int inChannels, int outChannels, int kernelSize, int stride, int padding) {
        this(builder(inChannels, outChannels, kernelSize).stride(stride).padding(padding));
    }

    private Conv2d(Builder b) {
        String layer = "Conv2d";
        ConvSupport.checkChannels(layer, b.in, b.out, b.groups);
        ConvSupport.checkPaddingMode(layer, b.paddingMode);
        this.inChannels = b.in;
        this.outChannels = b.out;
        this.kernelSize = ConvSupport.tuple(layer, "kernel_size", b.kernel, 2);
        this.stride = ConvSupport.tuple(layer, "stride", b.stride, 2);
        this.dilation = ConvSupport.tuple(layer, "dilation", b.dilation, 2);
        ConvSupport.checkPositive(layer, "kernel_size", kernelSize);
        ConvSupport.checkPositive(layer, "stride", stride);
        ConvSupport.checkPositive(layer, "dilation", dilation);
        this.samePadding = ConvSupport.checkPaddingString(layer, b.paddingString, stride);
        this.paddingString = b.paddingString;
        this.padding = b.paddingString != null ? new int[] {0, 0} : ConvSupport.tuple(layer, "padding", b.padding, 2);
        ConvSupport.checkNonNegative(layer, "padding", padding);
        this.groups = b.groups;
        this.paddingMode = b.paddingMode;
        this.weight = registerParameter("weight", Tensor.zeros(outChannels, inChannels / groups, kernelSize[0],
                kernelSize[1]));
        this.bias = registerParameter("bias", b.bias ? Tensor.zeros(outChannels) : null);
        ConvSupport.resetParameters(weight, bias, b.generator);
    }

    public int[] kernelSize() {
        return kernelSize.clone();
    }

    public int[] stride() {
        return stride.clone();
    }

    public int[] padding() {
        return padding.clone();
    }

    public int[] dilation() {
        return dilation.clone();
    }

    /** Starts a builder with PyTorch's defaults: stride 1, padding 0, dilation 1, groups 1, bias, zeros padding. */
    public static Builder builder(int inChannels, int outChannels, int kernelSize) {
        return new Builder(inChannels, outChannels, new int[] {kernelSize});
    }

    public static Builder builder(int inChannels, int outChannels, int kernelH, int kernelW) {
        return new Builder(inChannels, outChannels, new int[] {kernelH, kernelW});
    }

    @Override
    public Tensor forward(Tensor input) {
        ConvSupport.checkInputDim("Conv2d", input, 2);
        if (!samePadding && paddingMode.equals("zeros")) {
            return F.conv2d(input, weight, bias, stride, padding, dilation, groups);
        }
        Tensor padded = ConvSupport.padInput(input, padding, kernelSize, dilation, samePadding, paddingMode);
        return F.conv2d(padded, weight, bias, stride, new int[] {0, 0}, dilation, groups);
    }

    @Override
    protected String extraRepr() {
        String padText = paddingString != null ? paddingString : py(padding);
        boolean zero = paddingString == null && ConvSupport.allEqual(padding, 0);
        return ConvSupport.repr(inChannels, outChannels, kernelSize, stride, padText, zero, dilation, null, groups,
                bias != null, paddingMode);
    }

    /** Options for {@link Conv2d}, named as PyTorch's keyword arguments. */
    public static final class Builder extends ConvBuilder<Builder> {
        private final int[] kernel;
        private int[] stride = {1};
        private int[] padding = {0};
        private String paddingString;
        private int[] dilation = {1};
        private String paddingMode = "zeros";

        private Builder(int in, int out, int[] kernel) {
            super(in, out);
            this.kernel = kernel;
        }

        @Override
        Builder self() {
            return this;
        }

        public Builder stride(int... s) {
            stride = s.clone();
            return this;
        }

        public Builder padding(int... p) {
            padding = p.clone();
            paddingString = null;
            return this;
        }

        /** "same" (output size = input size, stride 1 only) or "valid" (no padding). */
        public Builder padding(String p) {
            paddingString = p;
            return this;
        }

        public Builder dilation(int... d) {
            dilation = d.clone();
            return this;
        }

        /** "zeros" (default), "reflect", "replicate" or "circular". */
        public Builder paddingMode(String m) {
            paddingMode = m;
            return this;
        }

        public Conv2d build() {
            return new Conv2d(this);
        }
    }
}
