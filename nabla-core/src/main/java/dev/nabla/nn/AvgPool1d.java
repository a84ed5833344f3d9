package dev.nabla.nn;

import dev.nabla.nn.functional.F;
import dev.nabla.tensor.Tensor;

/** 1-D average pooling over (N, C, L) or (C, L), as {@code torch.nn.AvgPool1d}; stride defaults to the kernel size. */
public final class AvgPool1d extends Module {
    public final int kernelSize;
    public final int stride;
    public final int padding;
    public final boolean ceilMode;
    public final boolean countIncludePad;

    public AvgPool1d(int kernelSize) {
        this(kernelSize, kernelSize, 0, false, true);
    }

    public AvgPool1d(int kernelSize, int stride, int padding, boolean ceilMode, boolean countIncludePad) {
        PoolSupport.check("AvgPool1d", new int[] {kernelSize}, new int[] {stride}, new int[] {padding});
        this.kernelSize = kernelSize;
        this.stride = stride;
        this.padding = padding;
        this.ceilMode = ceilMode;
        this.countIncludePad = countIncludePad;
    }

    @Override
    public Tensor forward(Tensor input) {
        return F.avgPool1d(input, kernelSize, stride, padding, ceilMode, countIncludePad);
    }

    @Override
    protected String extraRepr() {
        return "kernel_size=" + py(new int[] {kernelSize}) + ", stride=" + py(new int[] {stride}) + ", padding="
                + py(new int[] {padding});
    }
}
