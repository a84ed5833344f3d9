package dev.nabla.nn;

import dev.nabla.nn.functional.F;
import dev.nabla.tensor.Tensor;

/**
 * Sums sliding blocks back into an image (col2im), as {@code torch.nn.Fold}: (N, C * kH * kW, L) to
 * (N, C, outputSize[0], outputSize[1]), overlapping entries adding up. Options as {@link Unfold}.
 */
public final class Fold extends Module {
    private final int[] outputSize;
    private final int[] kernelSize;
    private final int[] dilation;
    private final int[] padding;
    private final int[] stride;

    public Fold(int[] outputSize, int kernelSize) {
        this(outputSize, new int[] {kernelSize}, new int[] {1}, new int[] {0}, new int[] {1});
    }

    public Fold(int[] outputSize, int[] kernelSize, int[] dilation, int[] padding, int[] stride) {
        this.outputSize = outputSize.clone();
        this.kernelSize = kernelSize.clone();
        this.dilation = dilation.clone();
        this.padding = padding.clone();
        this.stride = stride.clone();
    }

    @Override
    public Tensor forward(Tensor input) {
        return F.fold(input, outputSize, kernelSize, dilation, padding, stride);
    }

    @Override
    protected String extraRepr() {
        return "output_size=" + PoolSupport.py(outputSize) + ", kernel_size=" + PoolSupport.py(kernelSize)
                + ", dilation=" + PoolSupport.py(dilation) + ", padding=" + PoolSupport.py(padding) + ", stride="
                + PoolSupport.py(stride);
    }
}
