package dev.nabla.autograd;

import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Function;

/**
 * Finite-difference gradient checking, as {@code torch.autograd.gradcheck}: compares the
 * gradients backward computes for {@code sum(f(inputs) * w)} (w random) with central differences.
 * Works in float32, so the default tolerances are looser than torch's float64 ones.
 *
 * <pre>{@code
 * GradCheck.check(in -> in[0].mul(in[1]).sum(1), a, b);   // throws with the worst element if wrong
 * }</pre>
 */
public final class GradCheck {
    private GradCheck() {
    }

    /** Checks with eps 1e-2, atol 2e-2, rtol 2e-2; throws {@link AssertionError} naming the worst element. */
    public static void check(Function<Tensor[], Tensor> f, Tensor... inputs) {
        check(f, 1e-2, 2e-2, 2e-2, inputs);
    }

    public static void check(Function<Tensor[], Tensor> f, double eps, double atol, double rtol, Tensor... inputs) {
        Tensor[] leaves = new Tensor[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            leaves[i] = inputs[i].detach().contiguousCopy();
            if (inputs[i].requiresGrad()) {
                leaves[i].requiresGrad(true);
            }
        }
        Tensor out = f.apply(leaves);
        Tensor w = Tensor.rand(new Generator(1234), out.shape()).add(0.5);
        Tensor loss = out.mul(w).sum();
        loss.backward();
        for (int i = 0; i < leaves.length; i++) {
            if (!leaves[i].requiresGrad()) {
                continue;
            }
            float[] analytic = leaves[i].grad() == null ? new float[leaves[i].numel()] : leaves[i].grad().toFloatArray();
            float[] data = leaves[i].storageFloats();
            for (int j = 0; j < data.length; j++) {
                float orig = data[j];
                double plus;
                double minus;
                try (var s = GradMode.noGrad()) {
                    data[j] = (float) (orig + eps);
                    leaves[i].bumpVersion();
                    plus = f.apply(leaves).mul(w).sum().item();
                    data[j] = (float) (orig - eps);
                    leaves[i].bumpVersion();
                    minus = f.apply(leaves).mul(w).sum().item();
                }
                data[j] = orig;
                double numeric = (plus - minus) / (2 * eps);
                double diff = Math.abs(numeric - analytic[j]);
                if (!(diff <= atol + rtol * Math.abs(numeric))) {
                    throw new AssertionError(String.format(Locale.ROOT,
                            "gradcheck: input %d (shape %s) element %d: analytic %.6g vs numeric %.6g",
                            i, Arrays.toString(leaves[i].shape()), j, analytic[j], numeric));
                }
            }
        }
    }
}
