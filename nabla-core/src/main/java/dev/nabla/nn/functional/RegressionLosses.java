package dev.nabla.nn.functional;

import dev.nabla.tensor.Tensor;

/**
 * Regression and divergence losses, as {@code torch.nn.functional}: mse_loss, l1_loss,
 * smooth_l1_loss, huber_loss and kl_div. Input and target broadcast against each other; each
 * loss runs as one fused element-wise pass with its own derivative (see {@link PointwiseLoss}).
 *
 * <pre>{@code
 * Tensor loss = RegressionLosses.mseLoss(pred, y, Reduction.MEAN);
 * }</pre>
 */
public final class RegressionLosses {
    private RegressionLosses() {
    }

    /** (x - t)^2, reduced. */
    public static Tensor mseLoss(Tensor input, Tensor target, Reduction reduction) {
        Tensor l = PointwiseLoss.elementwise("mse_loss", input, target, (x, t, loss, dx, dt, n) -> {
            for (int i = 0; i < n; i++) {
                float d = x[i] - t[i];
                loss[i] = d * d;
                if (dx != null) {
                    dx[i] = 2 * d;
                }
                if (dt != null) {
                    dt[i] = -2 * d;
                }
            }
        });
        return PointwiseLoss.reduce("mse_loss", l, reduction);
    }

    /** |x - t|, reduced; the derivative at x == t is 0 (sign(0)), as in PyTorch. */
    public static Tensor l1Loss(Tensor input, Tensor target, Reduction reduction) {
        Tensor l = PointwiseLoss.elementwise("l1_loss", input, target, (x, t, loss, dx, dt, n) -> {
            for (int i = 0; i < n; i++) {
                float d = x[i] - t[i];
                loss[i] = Math.abs(d);
                float s = Math.signum(d);
                if (dx != null) {
                    dx[i] = s;
                }
                if (dt != null) {
                    dt[i] = -s;
                }
            }
        });
        return PointwiseLoss.reduce("l1_loss", l, reduction);
    }

    /**
     * 0.5 d^2 / beta where |d| &lt; beta, else |d| - 0.5 beta (d = x - t); beta = 0 is l1_loss.
     * Default beta 1.0.
     */
    public static Tensor smoothL1Loss(Tensor input, Tensor target, Reduction reduction, double beta) {
        if (beta < 0) {
            throw new IllegalArgumentException("smooth_l1_loss: beta must be non-negative, got " + beta);
        }
        if (beta == 0) {
            return l1Loss(input, target, reduction);
        }
        float b = (float) beta;
        Tensor l = PointwiseLoss.elementwise("smooth_l1_loss", input, target, (x, t, loss, dx, dt, n) -> {
            for (int i = 0; i < n; i++) {
                float d = x[i] - t[i];
                float ad = Math.abs(d);
                float g;
                if (ad < b) {
                    loss[i] = 0.5f * d * d / b;
                    g = d / b;
                } else {
                    loss[i] = ad - 0.5f * b;
                    g = Math.signum(d);
                }
                if (dx != null) {
                    dx[i] = g;
                }
                if (dt != null) {
                    dt[i] = -g;
                }
            }
        });
        return PointwiseLoss.reduce("smooth_l1_loss", l, reduction);
    }

    /** 0.5 d^2 where |d| &lt; delta, else delta (|d| - 0.5 delta); default delta 1.0. */
    public static Tensor huberLoss(Tensor input, Tensor target, Reduction reduction, double delta) {
        if (!(delta > 0)) {
            throw new IllegalArgumentException("huber_loss: delta must be positive, got " + delta);
        }
        float dl = (float) delta;
        Tensor l = PointwiseLoss.elementwise("huber_loss", input, target, (x, t, loss, dx, dt, n) -> {
            for (int i = 0; i < n; i++) {
                float d = x[i] - t[i];
                float ad = Math.abs(d);
                float g;
                if (ad < dl) {
                    loss[i] = 0.5f * d * d;
                    g = d;
                } else {
                    loss[i] = dl * (ad - 0.5f * dl);
                    g = dl * Math.signum(d);
                }
                if (dx != null) {
                    dx[i] = g;
                }
                if (dt != null) {
                    dt[i] = -g;
                }
            }
        });
        return PointwiseLoss.reduce("huber_loss", l, reduction);
    }

    /**
     * Kullback-Leibler divergence with {@code input} holding log-probabilities: t (log t - x), 0 where
     * t = 0 (or exp(t) (t - x) when {@code logTarget}). BATCHMEAN divides the sum by the batch size,
     * which is the mathematically correct KL; MEAN divides by the number of elements, as PyTorch.
     */
    public static Tensor klDiv(Tensor input, Tensor target, Reduction reduction, boolean logTarget) {
        Tensor l = PointwiseLoss.elementwise("kl_div", input, target, (x, t, loss, dx, dt, n) -> {
            for (int i = 0; i < n; i++) {
                if (logTarget) {
                    float et = (float) Math.exp(t[i]);
                    loss[i] = et * (t[i] - x[i]);
                    if (dx != null) {
                        dx[i] = -et;
                    }
                    if (dt != null) {
                        dt[i] = et * (t[i] - x[i] + 1);
                    }
                } else {
                    float ti = t[i];
                    // xlogy(t, t): 0 log 0 is taken as 0, as PyTorch does.
                    float tlogt = ti == 0 ? 0f : ti * (float) Math.log(ti);
                    loss[i] = tlogt - ti * x[i];
                    if (dx != null) {
                        dx[i] = -ti;
                    }
                    if (dt != null) {
                        dt[i] = (ti == 0 ? 0f : (float) Math.log(ti) + 1) - x[i];
                    }
                }
            }
        });
        return reduction.apply(l);
    }
}
