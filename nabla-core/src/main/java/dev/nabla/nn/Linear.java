package dev.nabla.nn;

import dev.nabla.nn.functional.F;
import dev.nabla.nn.init.Init;
import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;

/**
 * y = x W^T + b, as {@code torch.nn.Linear}. Input (*, in_features), output (*, out_features).
 * Parameters {@code weight} (out, in) and {@code bias} (out), initialised as PyTorch does:
 * W ~ kaiming_uniform(a = sqrt(5)), i.e. U(-1/sqrt(in), 1/sqrt(in)), and b ~ U(-1/sqrt(in), 1/sqrt(in)).
 */
public final class Linear extends Module {
    public final int inFeatures;
    public final int outFeatures;
    public final Tensor weight;
    /** Null when built with {@code bias = false}. */
    public final Tensor bias;
    private final String displayName;

    public Linear(int inFeatures, int outFeatures) {
        this(inFeatures, outFeatures, true, Generator.defaultGenerator());
    }

    public Linear(int inFeatures, int outFeatures, boolean bias) {
        this(inFeatures, outFeatures, bias, Generator.defaultGenerator());
    }

    public Linear(int inFeatures, int outFeatures, boolean bias, Generator g) {
        this(inFeatures, outFeatures, bias, g, "Linear");
    }

    /** A Linear printed under another name (MultiheadAttention's out_proj prints as PyTorch's class). */
    Linear(int inFeatures, int outFeatures, boolean bias, Generator g, String displayName) {
        this.displayName = displayName;
        if (inFeatures < 0 || outFeatures < 0) {
            throw new IllegalArgumentException("Linear: in_features and out_features must be non-negative, got "
                    + inFeatures + " and " + outFeatures);
        }
        this.inFeatures = inFeatures;
        this.outFeatures = outFeatures;
        this.weight = registerParameter("weight", Tensor.zeros(outFeatures, inFeatures));
        this.bias = registerParameter("bias", bias ? Tensor.zeros(outFeatures) : null);
        resetParameters(g);
    }

    /** Re-draws the parameters with PyTorch's default initialisation. */
    public void resetParameters(Generator g) {
        Init.kaimingUniform(weight, Math.sqrt(5), g);
        if (bias != null) {
            double bound = inFeatures > 0 ? 1 / Math.sqrt(inFeatures) : 0;
            Init.uniform(bias, -bound, bound, g);
        }
    }

    @Override
    protected String typeName() {
        return displayName;
    }

    @Override
    public Tensor forward(Tensor input) {
        return F.linear(input, weight, bias);
    }

    @Override
    protected String extraRepr() {
        return "in_features=" + inFeatures + ", out_features=" + outFeatures + ", bias=" + py(bias != null);
    }
}
