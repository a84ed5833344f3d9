package dev.nabla.nn;

import dev.nabla.nn.functional.F;
import dev.nabla.tensor.Tensor;

/**
 * Layer normalization over the trailing dims {@code normalizedShape} (Ba et al., 2016), as
 * {@code torch.nn.LayerNorm} (defaults eps 1e-5, elementwise affine with bias). Parameters
 * {@code weight} (ones) and {@code bias} (zeros) of shape normalizedShape.
 */
public final class LayerNorm extends Module {
    private final int[] normalizedShape;
    public final double eps;
    public final boolean elementwiseAffine;
    /** Null unless elementwiseAffine. */
    public final Tensor weight;
    /** Null unless elementwiseAffine and bias. */
    public final Tensor bias;

    public LayerNorm(int... normalizedShape) {
        this(normalizedShape, 1e-5, true, true);
    }

    public LayerNorm(int[] normalizedShape, double eps, boolean elementwiseAffine, boolean bias) {
        if (normalizedShape.length == 0) {
            throw new IllegalArgumentException("LayerNorm: normalized_shape must not be empty");
        }
        this.normalizedShape = normalizedShape.clone();
        this.eps = eps;
        this.elementwiseAffine = elementwiseAffine;
        this.weight = registerParameter("weight", elementwiseAffine ? Tensor.ones(normalizedShape) : null);
        this.bias = registerParameter("bias", elementwiseAffine && bias ? Tensor.zeros(normalizedShape) : null);
    }

    public int[] normalizedShape() {
        return normalizedShape.clone();
    }

    @Override
    public Tensor forward(Tensor input) {
        return F.layerNorm(input, normalizedShape, weight, bias, eps);
    }

    @Override
    protected String extraRepr() {
        return py(normalizedShape) + ", eps=" + py(eps) + ", elementwise_affine=" + py(elementwiseAffine);
    }
}
