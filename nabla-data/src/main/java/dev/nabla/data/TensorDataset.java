package dev.nabla.data;

import dev.nabla.tensor.Tensor;
import java.util.Arrays;

/**
 * Examples taken row by row from an input tensor and a target tensor that share their first
 * dimension, as {@code torch.utils.data.TensorDataset} with two tensors.
 *
 * <pre>{@code
 * Dataset<Sample> ds = new TensorDataset(x, y);   // x (N, F), y (N)
 * }</pre>
 */
public final class TensorDataset implements Dataset<Sample> {
    private final Tensor inputs;
    private final Tensor targets;

    public TensorDataset(Tensor inputs, Tensor targets) {
        if (inputs.dim() == 0 || targets.dim() == 0 || inputs.size(0) != targets.size(0)) {
            throw new IllegalArgumentException("TensorDataset: size mismatch between tensors: inputs "
                    + Arrays.toString(inputs.shape()) + ", targets " + Arrays.toString(targets.shape())
                    + " (the first dimensions must be equal)");
        }
        this.inputs = inputs;
        this.targets = targets;
    }

    @Override
    public int size() {
        return inputs.size(0);
    }

    /** Views (no copy) of row {@code index} of both tensors. */
    @Override
    public Sample get(int index) {
        Dataset.checkIndex("TensorDataset", index, size());
        return new Sample(inputs.select(0, index), targets.select(0, index));
    }

    public Tensor inputs() {
        return inputs;
    }

    public Tensor targets() {
        return targets;
    }
}
