package dev.nabla.nn.functional;

import dev.nabla.autograd.GradMode;
import dev.nabla.tensor.Tensor;
import java.util.Arrays;

/**
 * Negative log-likelihood losses for count and Gaussian targets: torch.nn.functional's
 * poisson_nll_loss and gaussian_nll_loss with their defaults and epsilons.
 *
 * <pre>{@code
 * Tensor l = LikelihoodLosses.gaussianNllLoss(mean, target, var, false, 1e-6, Reduction.MEAN);
 * }</pre>
 */
public final class LikelihoodLosses {
    private LikelihoodLosses() {
    }

    /**
     * log_input: exp(x) - y x; otherwise x - y log(x + eps). full adds Stirling's term
     * y log y - y + 0.5 log(2 pi y) where y > 1.
     */
    public static Tensor poissonNllLoss(Tensor input, Tensor target, boolean logInput, boolean full, double eps,
                                        Reduction reduction) {
        Tensor loss = logInput ? input.exp().sub(target.mul(input)) : input.sub(target.mul(input.add(eps).log()));
        if (full) {
            Tensor stirling;
            try (var s = GradMode.noGrad()) {
                Tensor safe = target.clampMin(1.0);   // the term is masked where target <= 1
                stirling = safe.mul(safe.log()).sub(safe).add(safe.mul(2 * Math.PI).log().mul(0.5));
                stirling = stirling.maskedFill(target.le(1.0), 0f);
            }
            loss = loss.add(stirling);
        }
        return reduction.apply(loss);
    }

    /**
     * 0.5 (log(max(var, eps)) + (input - target)^2 / max(var, eps)) (+ 0.5 log(2 pi) when full). var may have
     * the input's shape, or lack its last dim, or have 1 there. As torch, the clamp of var is not differentiated
     * (the gradient flows as if var were unclamped).
     */
    public static Tensor gaussianNllLoss(Tensor input, Tensor target, Tensor var, boolean full, double eps,
                                         Reduction reduction) {
        Tensor v = var;
        if (!Arrays.equals(v.shape(), input.shape())) {
            if (input.dim() == v.dim() + 1 && Arrays.equals(Arrays.copyOf(input.shape(), v.dim()), v.shape())) {
                v = v.unsqueeze(-1);
            } else if (!(input.dim() == v.dim() && v.size(-1) == 1
                    && Arrays.equals(Arrays.copyOf(input.shape(), v.dim() - 1), Arrays.copyOf(v.shape(), v.dim() - 1)))) {
                throw new IllegalArgumentException("gaussian_nll_loss: var is of incorrect size "
                        + Arrays.toString(var.shape()) + " for input " + Arrays.toString(input.shape()));
            }
        }
        try (var s = GradMode.noGrad()) {
            for (float f : v.toFloatArray()) {
                if (f < 0) {
                    throw new IllegalArgumentException("gaussian_nll_loss: var has negative entry/entries ("
                            + f + ")");
                }
            }
        }
        // var + (max(var, eps) - var) without recording the second term: the value is clamped, the gradient is 1.
        Tensor shift;
        try (var s = GradMode.noGrad()) {
            shift = v.clampMin(eps).sub(v);
        }
        Tensor vc = v.add(shift);
        Tensor loss = vc.log().add(input.sub(target).square().div(vc)).mul(0.5);
        if (full) {
            loss = loss.add(0.5 * Math.log(2 * Math.PI));
        }
        return reduction.apply(loss);
    }
}
