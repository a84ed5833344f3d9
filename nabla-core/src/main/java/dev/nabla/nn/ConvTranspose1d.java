package dev.nabla.nn;

import dev.nabla.nn.functional.F;
import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;

/**
 * 1-D transposed convolution, as {@code torch.nn.ConvTranspose1d}: input (N, C_in, L) or (C_in, L),
 * output L_out = (L - 1) s - 2p + d (k - 1) + output_padding + 1. Weight (C_in, C_out / groups, k) and
 * bias (C_out) with PyTorch's default initialisation.
 */
public final class ConvTranspose1d extends Module {
    public final int inChannels;
    public final int outChannels;
    public final int kernelSize;
    public final int stride;
    public final int padding;
    public final int outputPadding;
    public final int groups;
    public final int dilation;
    public final Tensor weight;
    /** Null without bias. */
    public final Tensor bias;

    public ConvTranspose1d(int inChannels, int outChannels, int kernelSize) {
        this(inChannels, outChannels, kernelSize, 1, 0, 0, 1, true, 1, Generator.defaultGenerator());
    }

    /** All options in PyTorch's positional order. */
    public ConvTranspose1d(int inChannels, int outChannels, int kernelSize, int stride, int padding, int outputPadding,
            int groups, boolean bias, int dilation, Generator g) {
        String layer = "ConvTranspose1d";
        ConvSupport.checkChannels(layer, inChannels, outChannels, groups);
        ConvSupport.checkPositive(layer, "kernel_size", new int[] {kernelSize});
        ConvSupport.checkPositive(layer, "stride", new int[] {stride});
        ConvSupport.checkPositive(layer, "dilation", new int[] {dilation});
        ConvSupport.checkTransposedPadding(layer, new int[] {padding}, new int[] {outputPadding}, new int[] {stride},
                new int[] {dilation});
        this.inChannels = inChannels;
        this.outChannels = outChannels;
        this.kernelSize = kernelSize;
        this.stride = stride;
        this.padding = padding;
        this.outputPadding = outputPadding;
        this.groups = groups;
        this.dilation = dilation;
        this.weight = registerParameter("weight", Tensor.zeros(inChannels, outChannels / groups, kernelSize));
        this.bias = registerParameter("bias", bias ? Tensor.zeros(outChannels) : null);
        ConvSupport.resetParameters(weight, this.bias, g);
    }

    @Override
    public Tensor forward(Tensor input) {
        ConvSupport.checkInputDim("ConvTranspose1d", input, 1);
        return F.convTranspose1d(input, weight, bias, stride, padding, outputPadding, groups, dilation);
    }

    @Override
    protected String extraRepr() {
        return ConvSupport.repr(inChannels, outChannels, new int[] {kernelSize}, new int[] {stride},
                py(new int[] {padding}), padding == 0, new int[] {dilation}, new int[] {outputPadding}, groups,
                bias != null, "zeros");
    }
}
