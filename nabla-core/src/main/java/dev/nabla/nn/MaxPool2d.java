package dev.nabla.nn;

import dev.nabla.nn.functional.F;
import dev.nabla.nn.functional.Pooling;
import dev.nabla.tensor.Tensor;
import dev.nabla.tensor.ValuesIndices;

/**
 * 2-D max pooling, as {@code torch.nn.MaxPool2d}: input (N, C, H, W) or (C, H, W). Each of
 * kernel, stride, padding and dilation takes one value (both dims) or two; stride defaults to the
 * kernel size. Output H_out = floor((H + 2p - d (k - 1) - 1) / s) + 1 (ceil with ceilMode).
 *
 * <pre>{@code
 * MaxPool2d pool = new MaxPool2d(2);              // halves H and W
 * }</pre>
 */
public final class MaxPool2d extends Module {
    private final int[] kernelSize;
    private final int[] stride;
    private final int[] padding;
    private final int[] dilation;
    public final boolean ceilMode;

    public MaxPool2d(int kernelSize) {
        this(new int[] {kernelSize}, null, new int[] {0}, new int[] {1}, false);
    }

    public MaxPool2d(int kernelSize, int stride) {
        this(new int[] {kernelSize}, new int[] {stride}, new int[] {0}, new int[] {1}, false);
    }

    public MaxPool2d(int kernelSize, int stride, int padding) {
        this(new int[] {kernelSize}, new int[] {stride}, new int[] {padding}, new int[] {1}, false);
    }

    /** Full form; stride null means stride = kernel. */
    public MaxPool2d(int[] kernelSize, int[] stride, int[] padding, int[] dilation, boolean ceilMode) {
        this.kernelSize = kernelSize.clone();
        this.stride = stride == null ? kernelSize.clone() : stride.clone();
        this.padding = padding.clone();
        this.dilation = dilation.clone();
        this.ceilMode = ceilMode;
        PoolSupport.check("MaxPool2d", this.kernelSize, this.stride, this.padding);
    }

    @Override
    public Tensor forward(Tensor input) {
        return F.maxPool2d(input, kernelSize, stride, padding, dilation, ceilMode);
    }

    /**
     * The pooled values and, per output, the flat index h * W + w of the maximum in its input plane
     * (int64), as {@code return_indices=True}.
     */
    public ValuesIndices forwardWithIndices(Tensor input) {
        return Pooling.maxPool2dWithIndices(input, kernelSize, stride, padding, dilation, ceilMode);
    }

    @Override
    protected String extraRepr() {
        return "kernel_size=" + PoolSupport.py(kernelSize) + ", stride=" + PoolSupport.py(stride) + ", padding="
                + PoolSupport.py(padding) + ", dilation=" + PoolSupport.py(dilation) + ", ceil_mode=" + py(ceilMode);
    }
}
