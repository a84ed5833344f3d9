package dev.nabla.nn;

import dev.nabla.tensor.Tensor;

/** Flattens dims startDim..endDim into one, as {@code torch.nn.Flatten} (defaults 1 and -1): (N, C, H, W) to (N, C*H*W). */
public final class Flatten extends Module {
    public final int startDim;
    public final int endDim;

    public Flatten() {
        this(1, -1);
    }

    public Flatten(int startDim, int endDim) {
        this.startDim = startDim;
        this.endDim = endDim;
    }

    @Override
    public Tensor forward(Tensor input) {
        return input.flatten(startDim, endDim);
    }

    @Override
    protected String extraRepr() {
        return "start_dim=" + startDim + ", end_dim=" + endDim;
    }
}
