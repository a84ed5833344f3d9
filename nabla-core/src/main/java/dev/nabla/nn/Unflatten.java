package dev.nabla.nn;

import dev.nabla.tensor.Tensor;
import java.util.Arrays;

/**
 * Splits dim {@code dim} into {@code unflattenedSize}, as {@code torch.nn.Unflatten}; one size may
 * be -1 (inferred). E.g. Unflatten(1, 2, 5) maps (N, 10) to (N, 2, 5).
 */
public final class Unflatten extends Module {
    public final int dim;
    private final int[] sizes;

    public Unflatten(int dim, int... unflattenedSize) {
        if (unflattenedSize.length == 0) {
            throw new IllegalArgumentException("Unflatten: unflattened_size must not be empty");
        }
        this.dim = dim;
        this.sizes = unflattenedSize.clone();
    }

    public int[] unflattenedSize() {
        return sizes.clone();
    }

    @Override
    public Tensor forward(Tensor input) {
        int nd = input.dim();
        int d = dim < 0 ? dim + nd : dim;
        if (d < 0 || d >= nd) {
            throw new IllegalArgumentException("Unflatten: dim " + dim + " is out of range for input of shape "
                    + Arrays.toString(input.shape()));
        }
        int extent = input.size(d);
        int[] s = sizes.clone();
        int infer = -1;
        long known = 1;
        for (int i = 0; i < s.length; i++) {
            if (s[i] == -1 && infer < 0) {
                infer = i;
            } else if (s[i] < 0) {
                throw new IllegalArgumentException("Unflatten: invalid size " + s[i] + " in " + Arrays.toString(sizes));
            } else {
                known *= s[i];
            }
        }
        if (infer >= 0) {
            if (known == 0 || extent % known != 0) {
                throw new IllegalArgumentException("Unflatten: cannot infer -1 in " + Arrays.toString(sizes)
                        + " for dim " + dim + " of size " + extent);
            }
            s[infer] = (int) (extent / known);
        } else if (known != extent) {
            throw new IllegalArgumentException("Unflatten: unflattened_size " + Arrays.toString(sizes)
                    + " must multiply to the size of dim " + dim + " (" + extent + ") of input "
                    + Arrays.toString(input.shape()));
        }
        int[] in = input.shape();
        int[] out = new int[nd - 1 + s.length];
        System.arraycopy(in, 0, out, 0, d);
        System.arraycopy(s, 0, out, d, s.length);
        System.arraycopy(in, d + 1, out, d + s.length, nd - d - 1);
        return input.reshape(out);
    }

    @Override
    protected String extraRepr() {
        return "dim=" + dim + ", unflattened_size=" + py(sizes);
    }
}
