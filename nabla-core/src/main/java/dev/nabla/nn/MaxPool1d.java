package dev.nabla.nn;

import dev.nabla.nn.functional.F;
import dev.nabla.tensor.Tensor;

/** 1-D max pooling over (N, C, L) or (C, L), as {@code torch.nn.MaxPool1d}; stride defaults to the kernel size. */
public final class MaxPool1d extends Module {
    public final int kernelSize;
    public final int stride;
    public final int padding;
    public final int dilation;
    public final boolean ceilMode;

    public MaxPool1d(int kernelSize) {
        this(kernelSize, kernelSize, 0, 1, false);
    }

    public MaxPool1d(int kernelSize, int stride, int padding, int dilation, boolean ceilMode) {
        PoolSupport.check("MaxPool1d", new int[] {kernelSize}, new int[] {stride}, new int[] {padding});
        this.kernelSize = kernelSize;
        this.stride = stride;
        this.padding = padding;
        this.dilation = dilation;
        this.ceilMode = ceilMode;
    }

    @Override
    public Tensor forward(Tensor input) {
        return F.maxPool1d(input, kernelSize, stride, padding, dilation, ceilMode);
    }

    @Override
    protected String extraRepr() {
        return "kernel_size=" + kernelSize + ", stride=" + stride + ", padding=" + padding + ", dilation=" + dilation
                + ", ceil_mode=" + py(ceilMode);
    }
}
