package dev.nabla.nn;

import dev.nabla.nn.functional.F;
import dev.nabla.tensor.Tensor;

/**
 * Sums sliding blocks back into an image (col2im), as {@code torch.nn.Fold}: (N, C * kH * kW, L) to
 * (N, C, outputSize[0], outputSize[1]), overlapping entries adding up. Options as {@link Unfold}.
 */
public final class Fold extends Module {
    private final int[] outputSize;
    private final SlidingBlocks blocks;

    public Fold(int[] outputSize, int kernelSize) {
        this(outputSize, SlidingBlocks.ofKernel(kernelSize));
    }

    public Fold(int[] outputSize, int[] kernelSize, int[] dilation, int[] padding, int[] stride) {
        this(outputSize, new SlidingBlocks(kernelSize, dilation, padding, stride));
    }

    private Fold(int[] outputSize, SlidingBlocks blocks) {
        this.outputSize = outputSize.clone();
        this.blocks = blocks;
    }

    @Override
    public Tensor forward(Tensor input) {
        return F.fold(input, outputSize, blocks.kernelSize(), blocks.dilation(), blocks.padding(), blocks.stride());
    }

    @Override
    protected String extraRepr() {
        return "output_size=" + PoolSupport.py(outputSize) + ", " + blocks.repr();
    }
}
