package dev.nabla.nn;

import dev.nabla.nn.functional.F;
import dev.nabla.tensor.Tensor;

/**
 * Extracts sliding blocks (im2col), as {@code torch.nn.Unfold}: (N, C, H, W) to
 * (N, C * kH * kW, L) with L the number of block positions. Each option takes one value (both
 * dims) or two; defaults dilation 1, padding 0, stride 1.
 */
public final class Unfold extends Module {
    private final SlidingBlocks blocks;

    public Unfold(int kernelSize) {
        this.blocks = SlidingBlocks.ofKernel(kernelSize);
    }

    public Unfold(int[] kernelSize, int[] dilation, int[] padding, int[] stride) {
        this.blocks = new SlidingBlocks(kernelSize, dilation, padding, stride);
    }

    @Override
    public Tensor forward(Tensor input) {
        return F.unfold(input, blocks.kernelSize(), blocks.dilation(), blocks.padding(), blocks.stride());
    }

    @Override
    protected String extraRepr() {
        return blocks.repr();
    }
}
