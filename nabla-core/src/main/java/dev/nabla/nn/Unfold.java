package dev.nabla.nn;

import dev.nabla.nn.functional.F;
import dev.nabla.tensor.Tensor;

/**
 * Extracts sliding blocks (im2col), as {@code torch.nn.Unfold}: (N, C, H, W) to
 * (N, C * kH * kW, L) with L the number of block positions. Each option takes one value (both
 * dims) or two; defaults dilation 1, padding 0, stride 1.
 */
public final class Unfold extends Module {
    private final int[] kernelSize;
    private final int[] dilation;
    private final int[] padding;
    private final int[] stride;

    public Unfold(int kernelSize) {
        this(new int[] {kernelSize}, new int[] {1}, new int[] {0}, new int[] {1});
    }

    public Unfold(int[] kernelSize, int[] dilation, int[] padding, int[] stride) {
        this.kernelSize = kernelSize.clone();
        this.dilation = dilation.clone();
        this.padding = padding.clone();
        this.stride = stride.clone();
    }

    @Override
    public Tensor forward(Tensor input) {
        return F.unfold(input, kernelSize, dilation, padding, stride);
    }

    @Override
    protected String extraRepr() {
        return "kernel_size=" + PoolSupport.py(kernelSize) + ", dilation=" + PoolSupport.py(dilation) + ", padding="
                + PoolSupport.py(padding) + ", stride=" + PoolSupport.py(stride);
    }
}
