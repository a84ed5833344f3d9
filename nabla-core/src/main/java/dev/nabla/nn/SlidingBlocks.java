package dev.nabla.nn;

/**
 * The block options {@link Fold} and {@link Unfold} share: kernel_size, dilation, padding and stride,
 * each one value (both dims) or two, copied on construction.
 */
record SlidingBlocks(int[] kernelSize, int[] dilation, int[] padding, int[] stride) {
    SlidingBlocks {
        kernelSize = kernelSize.clone();
        dilation = dilation.clone();
        padding = padding.clone();
        stride = stride.clone();
    }

    /** PyTorch's defaults besides the kernel: dilation 1, padding 0, stride 1. */
    static SlidingBlocks ofKernel(int kernelSize) {
        return new SlidingBlocks(new int[] {kernelSize}, new int[] {1}, new int[] {0}, new int[] {1});
    }

    /** {@code kernel_size=..., dilation=..., padding=..., stride=...}, as both modules print it. */
    String repr() {
        return "kernel_size=" + PoolSupport.py(kernelSize) + ", dilation=" + PoolSupport.py(dilation) + ", padding="
                + PoolSupport.py(padding) + ", stride=" + PoolSupport.py(stride);
    }
}
