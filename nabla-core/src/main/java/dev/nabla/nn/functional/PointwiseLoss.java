package dev.nabla.nn.functional;

import dev.nabla.autograd.Autograd;
import dev.nabla.tensor.DType;
import dev.nabla.tensor.Shapes;
import dev.nabla.tensor.Tensor;
import java.util.Arrays;

/**
 * Runs an element-wise loss l(x, t) in one pass over raw arrays, computing the loss and both
 * partial derivatives together so backward is a single multiply. Input and target broadcast
 * against each other as in PyTorch; the reduction is applied afterwards with ordinary ops.
 */
final class PointwiseLoss {
    private PointwiseLoss() {
    }

    /** Fills loss[i], and dx[i] / dt[i] when those arrays are non-null, for i in [0, n). */
    @FunctionalInterface
    interface Kernel {
        void run(float[] x, float[] t, float[] loss, float[] dx, float[] dt, int n);
    }

    /** The per-element losses (broadcast shape of input and target), differentiable in both. */
    static Tensor elementwise(String op, Tensor input, Tensor target, Kernel kernel) {
        requireFloat(op, "input", input);
        requireFloat(op, "target", target);
        int[] shape = Shapes.broadcast(op, input.shape(), target.shape());
        Tensor xe = Arrays.equals(shape, input.shape()) ? input : input.expand(shape);
        Tensor te = Arrays.equals(shape, target.shape()) ? target : target.expand(shape);
        float[] x = xe.detach().contiguousFloats();
        float[] t = te.detach().contiguousFloats();
        int n = x.length;
        boolean gx = Autograd.needsGrad(xe);
        boolean gt = Autograd.needsGrad(te);
        float[] loss = new float[n];
        float[] dx = gx ? new float[n] : null;
        float[] dt = gt ? new float[n] : null;
        kernel.run(x, t, loss, dx, dt, n);
        Tensor out = Tensor.wrap(loss, shape);
        return Autograd.record(out, op, new Tensor[] {xe, te}, g -> new Tensor[] {
            dx == null ? null : g.mul(Tensor.wrap(dx, shape)),
            dt == null ? null : g.mul(Tensor.wrap(dt, shape))});
    }

    /** Multiplies per-element losses by a weight that broadcasts to them (checked), then reduces. */
    static Tensor weightAndReduce(String op, Tensor losses, Tensor weight, Reduction reduction) {
        if (weight != null) {
            requireFloat(op, "weight", weight);
            int[] b = Shapes.broadcast(op, losses.shape(), weight.shape());
            if (!Arrays.equals(b, losses.shape())) {
                throw new IllegalArgumentException(op + ": weight of shape " + Arrays.toString(weight.shape())
                        + " does not broadcast to the loss shape " + Arrays.toString(losses.shape()));
            }
            losses = losses.mul(weight);
        }
        return reduce(op, losses, reduction);
    }

    /** NONE, MEAN or SUM (BATCHMEAN is only meaningful for kl_div and rejected here). */
    static Tensor reduce(String op, Tensor losses, Reduction reduction) {
        if (reduction == Reduction.BATCHMEAN) {
            throw new IllegalArgumentException(op + ": reduction 'batchmean' is only supported by kl_div; use 'mean', 'sum'"
                    + " or 'none'");
        }
        return reduction.apply(losses);
    }

    static void requireFloat(String op, String arg, Tensor t) {
        if (t.dtype() != DType.FLOAT32) {
            throw new IllegalArgumentException(op + ": " + arg + " must be a float32 tensor, got "
                    + t.dtype().torchName() + " with shape " + Arrays.toString(t.shape()));
        }
    }

    static void requireSameShape(String op, Tensor input, Tensor target) {
        if (!Arrays.equals(input.shape(), target.shape())) {
            throw new IllegalArgumentException(op + ": target size " + Arrays.toString(target.shape())
                    + " must be the same as input size " + Arrays.toString(input.shape()));
        }
    }
}
