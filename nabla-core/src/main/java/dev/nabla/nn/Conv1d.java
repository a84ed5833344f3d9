package dev.nabla.nn;

import dev.nabla.nn.functional.F;
import dev.nabla.tensor.Tensor;

/**
 * 1-D convolution, as {@code torch.nn.Conv1d}. Input (N, C_in, L) or (C_in, L), output
 * (N, C_out, L_out) with L_out = floor((L + 2p - d (k - 1) - 1) / s) + 1. Weight (C_out, C_in / groups, k)
 * and bias (C_out) with PyTorch's default initialisation.
 *
 * <pre>{@code
 * Conv1d conv = Conv1d.builder(8, 16, 5).padding(2).build();
 * }</pre>
 */
public final class Conv1d extends Module {
    public final int inChannels;
    public final int outChannels;
    public final int kernelSize;
    public final int stride;
    public final int padding;
    private final boolean samePadding;
    /** "same" or "valid" when given as a string (printed as such), else null. */
    private final String paddingString;
    public final int dilation;
    public final int groups;
    public final String paddingMode;
    public final Tensor weight;
    /** Null when built without bias. */
    public final Tensor bias;

    public Conv1d(int inChannels, int outChannels, int kernelSize) {
        this(builder(inChannels, outChannels, kernelSize));
    }

    public Conv1d(int inChannels, int outChannels, int kernelSize, int stride, int padding) {
        this(builder(inChannels, outChannels, kernelSize).stride(stride).padding(padding));
    }

    private Conv1d(Builder b) {
        String layer = "Conv1d";
        ConvSupport.checkChannels(layer, b.in, b.out, b.groups);
        ConvSupport.checkPaddingMode(layer, b.paddingMode);
        ConvSupport.checkPositive(layer, "kernel_size", new int[] {b.kernel});
        ConvSupport.checkPositive(layer, "stride", new int[] {b.stride});
        ConvSupport.checkPositive(layer, "dilation", new int[] {b.dilation});
        this.samePadding = ConvSupport.checkPaddingString(layer, b.paddingString, new int[] {b.stride});
        this.paddingString = b.paddingString;
        ConvSupport.checkNonNegative(layer, "padding", new int[] {b.padding});
        this.inChannels = b.in;
        this.outChannels = b.out;
        this.kernelSize = b.kernel;
        this.stride = b.stride;
        this.padding = b.paddingString != null ? 0 : b.padding;
        this.dilation = b.dilation;
        this.groups = b.groups;
        this.paddingMode = b.paddingMode;
        this.weight = registerParameter("weight", Tensor.zeros(outChannels, inChannels / groups, kernelSize));
        this.bias = registerParameter("bias", b.bias ? Tensor.zeros(outChannels) : null);
        ConvSupport.resetParameters(weight, bias, b.generator);
    }

    /** Starts a builder with PyTorch's defaults: stride 1, padding 0, dilation 1, groups 1, bias, zeros padding. */
    public static Builder builder(int inChannels, int outChannels, int kernelSize) {
        return new Builder(inChannels, outChannels, kernelSize);
    }

    @Override
    public Tensor forward(Tensor input) {
        ConvSupport.checkInputDim("Conv1d", input, 1);
        if (!samePadding && paddingMode.equals("zeros")) {
            return F.conv1d(input, weight, bias, stride, padding, dilation, groups);
        }
        Tensor padded = ConvSupport.padInput(input, new int[] {padding}, new int[] {kernelSize}, new int[] {dilation},
                samePadding, paddingMode);
        return F.conv1d(padded, weight, bias, stride, 0, dilation, groups);
    }

    @Override
    protected String extraRepr() {
        return ConvSupport.repr(inChannels, outChannels, new int[] {kernelSize}, new int[] {stride},
                paddingString != null ? paddingString : py(new int[] {padding}), paddingString == null && padding == 0,
                new int[] {dilation},
                null, groups, bias != null, paddingMode);
    }

    /** Options for {@link Conv1d}, named as PyTorch's keyword arguments. */
    public static final class Builder extends ConvBuilder<Builder> {
        private final int kernel;
        private int stride = 1;
        private int padding;
        private String paddingString;
        private int dilation = 1;
        private String paddingMode = "zeros";

        private Builder(int in, int out, int kernel) {
            super(in, out);
            this.kernel = kernel;
        }

        @Override
        Builder self() {
            return this;
        }

        public Builder stride(int s) {
            stride = s;
            return this;
        }

        public Builder padding(int p) {
            padding = p;
            paddingString = null;
            return this;
        }

        /** "same" or "valid". */
        public Builder padding(String p) {
            paddingString = p;
            return this;
        }

        public Builder dilation(int d) {
            dilation = d;
            return this;
        }

        public Builder paddingMode(String m) {
            paddingMode = m;
            return this;
        }

        public Conv1d build() {
            return new Conv1d(this);
        }
    }
}
