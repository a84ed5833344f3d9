package dev.nabla.nn;

import dev.nabla.nn.init.Init;
import dev.nabla.tensor.Tensor;

/**
 * x for x >= 0, a x otherwise, with a learned slope a (He et al., 2015), as {@code torch.nn.PReLU}:
 * one slope shared by all channels (numParameters = 1, default) or one per channel (dim 1 of the
 * input). Parameter {@code weight} (numParameters), initialised to {@code init} (default 0.25).
 */
public final class PReLU extends Module {
    public final int numParameters;
    public final Tensor weight;

    public PReLU() {
        this(1, 0.25);
    }

    public PReLU(int numParameters, double init) {
        if (numParameters <= 0) {
            throw new IllegalArgumentException("PReLU: num_parameters must be positive, got " + numParameters);
        }
        this.numParameters = numParameters;
        this.weight = registerParameter("weight", Tensor.zeros(numParameters));
        Init.constant(weight, init);
    }

    @Override
    public Tensor forward(Tensor input) {
        Tensor a = weight;
        if (numParameters > 1) {
            if (input.dim() < 2 && !(input.dim() == 1 && input.size(0) == numParameters)) {
                throw new IllegalArgumentException("PReLU: " + numParameters + " parameters need the channels in dim 1"
                        + " of the input, got " + java.util.Arrays.toString(input.shape()));
            }
            int cDim = input.dim() == 1 ? 0 : 1;
            if (input.size(cDim) != numParameters) {
                throw new IllegalArgumentException("PReLU: input has " + input.size(cDim) + " channels but there are "
                        + numParameters + " parameters (input " + java.util.Arrays.toString(input.shape()) + ")");
            }
            int[] shape = new int[input.dim()];
            java.util.Arrays.fill(shape, 1);
            shape[cDim] = numParameters;
            a = weight.reshape(shape);
        }
        // relu(x) - a relu(-x): both pieces are differentiable primitives, so the slope learns.
        return input.relu().sub(a.mul(input.neg().relu()));
    }

    @Override
    protected String extraRepr() {
        return "num_parameters=" + numParameters;
    }
}
