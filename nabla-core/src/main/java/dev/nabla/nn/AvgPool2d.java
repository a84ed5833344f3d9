package dev.nabla.nn;

import dev.nabla.nn.functional.F;
import dev.nabla.tensor.Tensor;

/**
 * 2-D average pooling, as {@code torch.nn.AvgPool2d}: input (N, C, H, W) or (C, H, W). stride
 * defaults to the kernel size; countIncludePad (default true) counts zero padding in the divisor;
 * divisorOverride (null for none) replaces the divisor.
 */
public final class AvgPool2d extends Module {
    private final int[] kernelSize;
    private final int[] stride;
    private final int[] padding;
    public final boolean ceilMode;
    public final boolean countIncludePad;
    public final Integer divisorOverride;

    public AvgPool2d(int kernelSize) {
        this(new int[] {kernelSize}, null, new int[] {0}, false, true, null);
    }

    public AvgPool2d(int kernelSize, int stride) {
        this(new int[] {kernelSize}, new int[] {stride}, new int[] {0}, false, true, null);
    }

    public AvgPool2d(int kernelSize, int stride, int padding) {
        this(new int[] {kernelSize}, new int[] {stride}, new int[] {padding}, false, true, null);
    }

    /** Full form; stride null means stride = kernel. */
    public AvgPool2d(int[] kernelSize, int[] stride, int[] padding, boolean ceilMode, boolean countIncludePad,
            Integer divisorOverride) {
        this.kernelSize = kernelSize.clone();
        this.stride = stride == null ? kernelSize.clone() : stride.clone();
        this.padding = padding.clone();
        this.ceilMode = ceilMode;
        this.countIncludePad = countIncludePad;
        this.divisorOverride = divisorOverride;
        PoolSupport.check("AvgPool2d", this.kernelSize, this.stride, this.padding);
        if (divisorOverride != null && divisorOverride == 0) {
            throw new IllegalArgumentException("AvgPool2d: divisor_override must not be zero");
        }
    }

    @Override
    public Tensor forward(Tensor input) {
        return F.avgPool2d(input, kernelSize, stride, padding, ceilMode, countIncludePad, divisorOverride);
    }

    @Override
    protected String extraRepr() {
        return "kernel_size=" + PoolSupport.py(kernelSize) + ", stride=" + PoolSupport.py(stride) + ", padding="
                + PoolSupport.py(padding);
    }
}
