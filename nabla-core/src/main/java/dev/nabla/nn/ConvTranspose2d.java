package dev.nabla.nn;

import dev.nabla.nn.functional.F;
import dev.nabla.tensor.Tensor;

/**
 * 2-D transposed convolution (the gradient of Conv2d with respect to its input, used to upsample),
 * as {@code torch.nn.ConvTranspose2d}. Input (N, C_in, H, W) or (C_in, H, W); output
 * H_out = (H - 1) s - 2p + d (k - 1) + output_padding + 1. Weight (C_in, C_out / groups, kH, kW)
 * and bias (C_out), with PyTorch's default initialisation (fans computed on that weight shape).
 *
 * <pre>{@code
 * ConvTranspose2d up = ConvTranspose2d.builder(32, 16, 2).stride(2).build();   // doubles H and W
 * }</pre>
 */
public final class ConvTranspose2d extends Module {
    public final int inChannels;
    public final int outChannels;
    private final int[] kernelSize;
    private final int[] stride;
    private final int[] padding;
    private final int[] outputPadding;
    private final int[] dilation;
    public final int groups;
    public final Tensor weight;
    /** Null when built without bias. */
    public final Tensor bias;

    public ConvTranspose2d(int inChannels, int outChannels, int kernelSize) {
        this(builder(inChannels, outChannels, kernelSize));
    }

    public ConvTranspose2d(int inChannels, int outChannels, int kernelSize, int stride, int padding) {
        this(builder(inChannels, outChannels, kernelSize).stride(stride).padding(padding));
    }

    private ConvTranspose2d(Builder b) {
        String layer = "ConvTranspose2d";
        ConvSupport.checkChannels(layer, b.in, b.out, b.groups);
        this.inChannels = b.in;
        this.outChannels = b.out;
        this.kernelSize = ConvSupport.tuple(layer, "kernel_size", b.kernel, 2);
        this.stride = ConvSupport.tuple(layer, "stride", b.stride, 2);
        this.padding = ConvSupport.tuple(layer, "padding", b.padding, 2);
        this.outputPadding = ConvSupport.tuple(layer, "output_padding", b.outputPadding, 2);
        this.dilation = ConvSupport.tuple(layer, "dilation", b.dilation, 2);
        ConvSupport.checkPositive(layer, "kernel_size", kernelSize);
        ConvSupport.checkPositive(layer, "stride", stride);
        ConvSupport.checkPositive(layer, "dilation", dilation);
        ConvSupport.checkTransposedPadding(layer, padding, outputPadding, stride, dilation);
        this.groups = b.groups;
        this.weight = registerParameter("weight", Tensor.zeros(inChannels, outChannels / groups, kernelSize[0],
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

    public int[] outputPadding() {
        return outputPadding.clone();
    }

    public int[] dilation() {
        return dilation.clone();
    }

    /** Starts a builder with PyTorch's defaults: stride 1, padding 0, output_padding 0, groups 1, bias, dilation 1. */
    public static Builder builder(int inChannels, int outChannels, int kernelSize) {
        return new Builder(inChannels, outChannels, new int[] {kernelSize});
    }

    public static Builder builder(int inChannels, int outChannels, int kernelH, int kernelW) {
        return new Builder(inChannels, outChannels, new int[] {kernelH, kernelW});
    }

    @Override
    public Tensor forward(Tensor input) {
        ConvSupport.checkInputDim("ConvTranspose2d", input, 2);
        return F.convTranspose2d(input, weight, bias, stride, padding, outputPadding, groups, dilation);
    }

    /**
     * Transposed convolution producing exactly {@code outputSize} (H, W) (or (N, C, H, W)): the
     * output padding is chosen as PyTorch's {@code output_size} argument does, among the sizes the
     * stride makes possible.
     */
    public Tensor forward(Tensor input, int[] outputSize) {
        ConvSupport.checkInputDim("ConvTranspose2d", input, 2);
        int[] size = outputSize;
        if (size.length == input.dim()) {
            size = java.util.Arrays.copyOfRange(size, size.length - 2, size.length);
        }
        if (size.length != 2) {
            throw new IllegalArgumentException("ConvTranspose2d: output_size must have 2 or " + input.dim()
                    + " elements, got " + java.util.Arrays.toString(outputSize));
        }
        int[] outPad = new int[2];
        for (int d = 0; d < 2; d++) {
            int in = input.size(input.dim() - 2 + d);
            int min = (in - 1) * stride[d] - 2 * padding[d] + dilation[d] * (kernelSize[d] - 1) + 1;
            int max = min + stride[d] - 1;
            if (size[d] < min || size[d] > max) {
                throw new IllegalArgumentException("ConvTranspose2d: requested an output size of "
                        + java.util.Arrays.toString(size) + ", but valid sizes range from [" + min + "] to [" + max
                        + "] in dim " + d + " (for an input of " + java.util.Arrays.toString(input.shape()) + ")");
            }
            outPad[d] = size[d] - min;
        }
        return F.convTranspose2d(input, weight, bias, stride, padding, outPad, groups, dilation);
    }

    @Override
    protected String extraRepr() {
        return ConvSupport.repr(inChannels, outChannels, kernelSize, stride, py(padding),
                ConvSupport.allEqual(padding, 0), dilation, outputPadding, groups, bias != null, "zeros");
    }

    /** Options for {@link ConvTranspose2d}, named as PyTorch's keyword arguments. */
    public static final class Builder extends ConvBuilder<Builder> {
        private final int[] kernel;
        private int[] stride = {1};
        private int[] padding = {0};
        private int[] outputPadding = {0};
        private int[] dilation = {1};

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
            return this;
        }

        public Builder outputPadding(int... p) {
            outputPadding = p.clone();
            return this;
        }

        public Builder dilation(int... d) {
            dilation = d.clone();
            return this;
        }

        public ConvTranspose2d build() {
            return new ConvTranspose2d(this);
        }
    }
}
