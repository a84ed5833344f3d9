package dev.nabla.nn.functional;

import dev.nabla.tensor.Shapes;
import dev.nabla.tensor.Tensor;
import java.util.Arrays;

/**
 * Binary cross-entropy on probabilities and on logits, as {@code F.binary_cross_entropy} and
 * {@code F.binary_cross_entropy_with_logits}.
 *
 * <pre>{@code
 * Tensor loss = BinaryLosses.binaryCrossEntropyWithLogits(logits, labels, null, null, Reduction.MEAN);
 * }</pre>
 */
public final class BinaryLosses {
    /** PyTorch clamps each log at -100 so a probability of exactly 0 or 1 gives a finite loss. */
    private static final float LOG_FLOOR = -100f;
    /** PyTorch's floor on x (1 - x) in the gradient. */
    private static final double GRAD_EPS = 1e-12;

    private BinaryLosses() {
    }

    /**
     * -w [t log(x) + (1 - t) log(1 - x)] with each log clamped at -100. input and target must have the
     * same shape, input in [0, 1]; weight (optional) broadcasts to it.
     */
    public static Tensor binaryCrossEntropy(Tensor input, Tensor target, Tensor weight, Reduction reduction) {
        String op = "binary_cross_entropy";
        PointwiseLoss.requireSameShape(op, input, target);
        Tensor l = PointwiseLoss.elementwise(op, input, target, (x, t, loss, dx, dt, n) -> {
            for (int i = 0; i < n; i++) {
                float xi = x[i];
                if (!(xi >= 0 && xi <= 1)) {
                    throw new IllegalArgumentException(op + ": all elements of input should be between 0 and 1, got "
                            + xi + " at flat index " + i);
                }
                float lx = Math.max((float) Math.log(xi), LOG_FLOOR);
                float l1x = Math.max((float) Math.log1p(-xi), LOG_FLOOR);
                loss[i] = -(t[i] * lx + (1 - t[i]) * l1x);
                if (dx != null) {
                    dx[i] = (float) ((xi - t[i]) / Math.max((1.0 - xi) * xi, GRAD_EPS));
                }
                if (dt != null) {
                    dt[i] = l1x - lx;
                }
            }
        });
        return PointwiseLoss.weightAndReduce(op, l, weight, reduction);
    }

    /**
     * Sigmoid + binary cross-entropy in the stable form
     * {@code (1 - t) x + (1 + (pw - 1) t) (log(1 + exp(-|x|)) + max(-x, 0))}. posWeight (optional)
     * broadcasts along the last dim (one weight per class) and is not differentiated; weight
     * (optional) broadcasts to the input.
     */
    public static Tensor binaryCrossEntropyWithLogits(Tensor input, Tensor target, Tensor weight, Tensor posWeight,
                                                      Reduction reduction) {
        String op = "binary_cross_entropy_with_logits";
        PointwiseLoss.requireSameShape(op, input, target);
        float[] pw;
        if (posWeight != null) {
            PointwiseLoss.requireFloat(op, "pos_weight", posWeight);
            int[] b = Shapes.broadcast(op, input.shape(), posWeight.shape());
            if (!Arrays.equals(b, input.shape())) {
                throw new IllegalArgumentException(op + ": pos_weight of shape " + Arrays.toString(posWeight.shape())
                        + " does not broadcast to the input shape " + Arrays.toString(input.shape()));
            }
            pw = posWeight.detach().expand(input.shape()).contiguousFloats();
        } else {
            pw = null;
        }
        Tensor l = PointwiseLoss.elementwise(op, input, target, (x, t, loss, dx, dt, n) -> {
            for (int i = 0; i < n; i++) {
                double xi = x[i];
                double ti = t[i];
                double lw = pw == null ? 1.0 : 1.0 + (pw[i] - 1.0) * ti;
                // log(1 + exp(-x)) = log1p(exp(-|x|)) + max(-x, 0), never overflowing.
                double softplusNeg = Math.log1p(Math.exp(-Math.abs(xi))) + Math.max(-xi, 0);
                loss[i] = (float) ((1 - ti) * xi + lw * softplusNeg);
                double sig = 1.0 / (1.0 + Math.exp(-xi));
                if (dx != null) {
                    // d/dx: (1 - t) - lw * sigmoid(-x)
                    dx[i] = (float) ((1 - ti) - lw * (1 - sig));
                }
                if (dt != null) {
                    double pwi = pw == null ? 1.0 : pw[i];
                    dt[i] = (float) (-xi + (pwi - 1) * softplusNeg);
                }
            }
        });
        return PointwiseLoss.weightAndReduce(op, l, weight, reduction);
    }
}
