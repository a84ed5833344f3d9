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
        if (padding < 0 || outputPadding < 0) {
            throw new IllegalArgumentException(layer + ": padding and output_padding must be non-negative, got "
                    + padding + " and " + outputPadding);
        }
        if (outputPadding >= stride && outputPadding >= dilation) {
            throw new IllegalArgumentException(layer + ": output_padding " + outputPadding
                    + " must be smaller than either stride " + stride + " or dilation " + dilation);
        }
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
        if (input.dim() != 2 && input.dim() != 3) {
            throw new IllegalArgumentException("ConvTranspose1d: expected a 2-D (C, L) or 3-D (N, C, L) input, got "
                    + java.util.Arrays.toString(input.shape()));
        }
        return F.convTranspose1d(input, weight, bias, stride, padding, outputPadding, groups, dilation);
    }

    @Override
    protected String extraRepr() {
        return ConvSupport.repr(inChannels, outChannels, new int[] {kernelSize}, new int[] {stride},
                py(new int[] {padding}), padding == 0, new int[] {dilation}, new int[] {outputPadding}, groups,
                bias != null, "zeros");
    }
}
