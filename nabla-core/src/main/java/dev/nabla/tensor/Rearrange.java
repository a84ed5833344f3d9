package dev.nabla.tensor;

import java.util.Arrays;

/**
 * Rearranging ops as torch's flip, roll, tril, triu, movedim and tile, composed from recorded views,
 * index selection and concatenation (so their gradients come from those ops).
 *
 * <pre>{@code
 * Tensor r = Rearrange.roll(x, new int[] {1}, new int[] {0});   // last row first
 * Tensor lower = Rearrange.tril(scores, 0);
 * }</pre>
 */
public final class Rearrange {
    private Rearrange() {
    }

    /** Reverses the order along each of dims. */
    public static Tensor flip(Tensor x, int... dims) {
        Tensor out = x;
        boolean[] seen = new boolean[x.dim()];
        for (int dim : dims) {
            int d = Shapes.wrapDim("flip", dim, x.dim());
            if (seen[d]) {
                throw new IllegalArgumentException("flip: dim " + dim + " appears multiple times in the list of dims "
                        + Arrays.toString(dims));
            }
            seen[d] = true;
            int n = x.size(d);
            long[] idx = new long[n];
            for (int i = 0; i < n; i++) {
                idx[i] = n - 1 - i;
            }
            out = out.indexSelect(d, Tensor.ofLongs(idx, n));
        }
        return out;
    }

    /** Shifts elements along dims, wrapping around; with no dims the flattened tensor is rolled and reshaped. */
    public static Tensor roll(Tensor x, int[] shifts, int[] dims) {
        if (dims == null || dims.length == 0) {
            if (shifts.length != 1) {
                throw new IllegalArgumentException("roll: shifts " + Arrays.toString(shifts)
                        + " must have one value when dims is not given");
            }
            return roll(x.reshape(-1), shifts, new int[] {0}).reshape(x.shape());
        }
        if (shifts.length != dims.length) {
            throw new IllegalArgumentException("roll: shifts " + Arrays.toString(shifts) + " and dims "
                    + Arrays.toString(dims) + " must have the same length");
        }
        Tensor out = x;
        for (int i = 0; i < dims.length; i++) {
            int d = Shapes.wrapDim("roll", dims[i], x.dim());
            int n = x.size(d);
            if (n == 0) {
                continue;
            }
            int s = Math.floorMod(shifts[i], n);
            if (s != 0) {
                out = Tensor.cat(new Tensor[] {out.narrow(d, n - s, s), out.narrow(d, 0, n - s)}, d);
            }
        }
        return out;
    }

    /** Keeps elements with column - row <= diagonal in the last two dims (zeros elsewhere). */
    public static Tensor tril(Tensor x, int diagonal) {
        return triangle(x, diagonal, true);
    }

    /** Keeps elements with column - row >= diagonal in the last two dims. */
    public static Tensor triu(Tensor x, int diagonal) {
        return triangle(x, diagonal, false);
    }

    private static Tensor triangle(Tensor x, int diagonal, boolean lower) {
        String op = lower ? "tril" : "triu";
        if (x.dim() < 2) {
            throw new IllegalArgumentException(op + ": input tensor must have at least 2 dimensions, got "
                    + Arrays.toString(x.shape()));
        }
        int rows = x.size(-2);
        int cols = x.size(-1);
        boolean[] keep = new boolean[rows * cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                keep[r * cols + c] = lower ? c - r <= diagonal : c - r >= diagonal;
            }
        }
        return Tensor.where(Tensor.ofBools(keep, rows, cols), x, Tensor.zeros(1).reshape());
    }

    /** Moves dims source[i] to positions destination[i], the others keeping their order (a view). */
    public static Tensor movedim(Tensor x, int[] source, int[] destination) {
        int rank = x.dim();
        if (source.length != destination.length) {
            throw new IllegalArgumentException("movedim: Invalid source or destination dims: source "
                    + Arrays.toString(source) + " dims should contain the same number of dims as destination "
                    + Arrays.toString(destination) + " dims");
        }
        int[] perm = new int[rank];
        Arrays.fill(perm, -1);
        boolean[] used = new boolean[rank];
        for (int i = 0; i < source.length; i++) {
            int s = Shapes.wrapDim("movedim", source[i], rank);
            int d = Shapes.wrapDim("movedim", destination[i], rank);
            if (used[s] || perm[d] != -1) {
                throw new IllegalArgumentException("movedim: repeated dim in source " + Arrays.toString(source)
                        + " or destination " + Arrays.toString(destination));
            }
            perm[d] = s;
            used[s] = true;
        }
        int next = 0;
        for (int d = 0; d < rank; d++) {
            if (perm[d] == -1) {
                while (used[next]) {
                    next++;
                }
                perm[d] = next++;
            }
        }
        return x.permute(perm);
    }

    /** Repeats x along each dim; dims shorter than x's rank are padded with leading ones (torch.tile). */
    public static Tensor tile(Tensor x, int... dims) {
        int[] reps = dims;
        if (dims.length < x.dim()) {
            reps = new int[x.dim()];
            Arrays.fill(reps, 1);
            System.arraycopy(dims, 0, reps, x.dim() - dims.length, dims.length);
        }
        return x.repeat(reps);
    }
}
