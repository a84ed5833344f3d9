package dev.nabla.optim;

import dev.nabla.tensor.DType;
import dev.nabla.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * Gradient clipping, as {@code torch.nn.utils.clip_grad_norm_} and {@code clip_grad_value_}. Both
 * change the {@code .grad} of each parameter in place and skip parameters without a gradient.
 *
 * <pre>{@code
 * loss.backward();
 * Tensor norm = GradClip.clipGradNorm(model.parameters(), 1.0);
 * opt.step();
 * }</pre>
 */
public final class GradClip {
    private GradClip() {
    }

    /** {@link #clipGradNorm(Iterable, double, double, boolean)} with the 2-norm. */
    public static Tensor clipGradNorm(Iterable<Tensor> params, double maxNorm) {
        return clipGradNorm(params, maxNorm, 2.0, false);
    }

    public static Tensor clipGradNorm(Iterable<Tensor> params, double maxNorm, double normType) {
        return clipGradNorm(params, maxNorm, normType, false);
    }

    /**
     * Scales all gradients together so that their joint norm (the {@code normType}-norm of the vector of
     * per-gradient norms; {@code Double.POSITIVE_INFINITY} for the max-abs norm) is at most
     * {@code maxNorm}: each gradient is multiplied by {@code min(1, maxNorm / (total + 1e-6))}.
     * Returns the total norm before clipping as a 0-dim tensor (0 when no parameter has a gradient).
     * With {@code errorIfNonfinite} a NaN or infinite total norm throws instead of scaling.
     */
    public static Tensor clipGradNorm(Iterable<Tensor> params, double maxNorm, double normType, boolean errorIfNonfinite) {
        List<Tensor> grads = grads(params, "clipGradNorm");
        if (grads.isEmpty()) {
            return Tensor.scalar(0f);
        }
        float total;
        if (normType == Double.POSITIVE_INFINITY) {
            float max = Float.NEGATIVE_INFINITY;
            for (Tensor g : grads) {
                float m = norm(g, normType);
                max = (Float.isNaN(m) || m > max) ? m : max;
                if (Float.isNaN(max)) {
                    break;
                }
            }
            total = max;
        } else {
            float[] norms = new float[grads.size()];
            for (int i = 0; i < norms.length; i++) {
                norms[i] = norm(grads.get(i), normType);
            }
            total = pNorm(norms, 0, norms.length, normType);
        }
        if (errorIfNonfinite && !Float.isFinite(total)) {
            throw new IllegalArgumentException("clipGradNorm: the total norm of order " + PyFloat.repr(normType)
                    + " for gradients from `parameters` is non-finite, so it cannot be clipped. To disable this error"
                    + " and scale the gradients by the non-finite norm anyway, set errorIfNonfinite=false");
        }
        // torch computes the coefficient as float32 tensors: max_norm / (total + 1e-6), clamped to 1
        float coef = (float) maxNorm / (total + 1e-6f);
        coef = coef > 1f ? 1f : coef; // clamp(max=1) keeps NaN
        for (Tensor g : grads) {
            scaleInPlace(g, coef);
        }
        return Tensor.scalar(total);
    }

    /**
     * Clamps every gradient element to {@code [-clipValue, clipValue]} (as torch.clamp: NaN stays NaN, and
     * a negative clipValue, whose range is empty, sets every element to clipValue).
     */
    public static void clipGradValue(Iterable<Tensor> params, double clipValue) {
        float c = (float) clipValue;
        for (Tensor g : grads(params, "clipGradValue")) {
            if (g.isContiguous()) {
                float[] d = g.storageFloats();
                int off = g.offset();
                int n = g.numel();
                for (int i = 0; i < n; i++) {
                    d[off + i] = clamp(d[off + i], c);
                }
                g.bumpVersion();
            } else {
                float[] d = g.toFloatArray();
                for (int i = 0; i < d.length; i++) {
                    d[i] = clamp(d[i], c);
                }
                g.detach().copyInPlace(Tensor.wrap(d, g.shape()));
            }
        }
    }

    /** min(max(v, -c), c), keeping NaN. */
    private static float clamp(float v, float c) {
        float r = v < -c ? -c : v;
        return r > c ? c : r;
    }

    private static List<Tensor> grads(Iterable<Tensor> params, String op) {
        List<Tensor> out = new ArrayList<>();
        for (Tensor p : params) {
            Tensor g = p.grad();
            if (g == null) {
                continue;
            }
            if (g.dtype() != DType.FLOAT32) {
                throw new IllegalArgumentException(op + ": gradients must be float32, got " + g.dtype().torchName());
            }
            out.add(g);
        }
        return out;
    }

    /** The p-norm of a gradient's elements, accumulated in double and rounded once to float32. */
    static float norm(Tensor g, double p) {
        if (g.isContiguous()) {
            return pNorm(g.storageFloats(), g.offset(), g.numel(), p);
        }
        float[] d = g.toFloatArray();
        return pNorm(d, 0, d.length, p);
    }

    /** torch.linalg.vector_norm semantics: inf is max |x|, -inf min |x|, 0 counts non-zeros. */
    static float pNorm(float[] x, int off, int n, double p) {
        if (n == 0) {
            return p == Double.NEGATIVE_INFINITY ? Float.POSITIVE_INFINITY : 0f;
        }
        if (p == Double.POSITIVE_INFINITY || p == Double.NEGATIVE_INFINITY) {
            boolean max = p > 0;
            float best = Math.abs(x[off]);
            for (int i = 1; i < n; i++) {
                float a = Math.abs(x[off + i]);
                if (Float.isNaN(a) || Float.isNaN(best)) {
                    best = Float.NaN;
                } else if (max ? a > best : a < best) {
                    best = a;
                }
            }
            return best;
        }
        double acc = 0;
        if (p == 0) {
            for (int i = 0; i < n; i++) {
                acc += x[off + i] != 0 ? 1 : 0;
            }
            return (float) acc;
        }
        if (p == 2) {
            for (int i = 0; i < n; i++) {
                double v = x[off + i];
                acc += v * v;
            }
            return (float) Math.sqrt(acc);
        }
        if (p == 1) {
            for (int i = 0; i < n; i++) {
                acc += Math.abs(x[off + i]);
            }
            return (float) acc;
        }
        for (int i = 0; i < n; i++) {
            acc += Math.pow(Math.abs(x[off + i]), p);
        }
        return (float) Math.pow(acc, 1 / p);
    }

    private static void scaleInPlace(Tensor g, float coef) {
        if (g.isContiguous()) {
            float[] d = g.storageFloats();
            int off = g.offset();
            int n = g.numel();
            for (int i = 0; i < n; i++) {
                d[off + i] *= coef;
            }
            g.bumpVersion();
        } else {
            float[] d = g.toFloatArray();
            for (int i = 0; i < d.length; i++) {
                d[i] *= coef;
            }
            g.detach().copyInPlace(Tensor.wrap(d, g.shape()));
        }
    }
}
