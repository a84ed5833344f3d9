package dev.nabla.tensor;

import java.util.Arrays;

/** Static helpers for shapes and strides: sizes, contiguous strides, broadcasting, dim wrapping. */
public final class Shapes {
    private Shapes() {
    }

    /** Number of elements of a shape (1 for a 0-dim shape). */
    public static int numel(int[] shape) {
        long n = 1;
        for (int s : shape) {
            n *= s;
        }
        if (n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " has more than 2^31-1 elements");
        }
        return (int) n;
    }

    /** Row-major strides of a contiguous tensor of this shape. */
    public static int[] contiguousStrides(int[] shape) {
        int[] st = new int[shape.length];
        int s = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            st[i] = s;
            s *= Math.max(shape[i], 1);
        }
        return st;
    }

    /** Wraps a possibly negative dim into [0, rank); names the op in the error. */
    public static int wrapDim(String op, int dim, int rank) {
        int r = Math.max(rank, 1);
        if (dim < -r || dim >= r) {
            throw new IllegalArgumentException(op + ": dimension out of range (expected to be in range of ["
                    + (-r) + ", " + (r - 1) + "], but got " + dim + ")");
        }
        return dim < 0 ? dim + r : dim;
    }

    /** NumPy broadcasting of two shapes; throws naming the op and both shapes. */
    public static int[] broadcast(String op, int[] a, int[] b) {
        int n = Math.max(a.length, b.length);
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            int da = i - (n - a.length) >= 0 ? a[i - (n - a.length)] : 1;
            int db = i - (n - b.length) >= 0 ? b[i - (n - b.length)] : 1;
            if (da != db && da != 1 && db != 1) {
                throw new IllegalArgumentException(op + ": shapes " + Arrays.toString(a) + " and " + Arrays.toString(b)
                        + " cannot be broadcast (size " + da + " vs " + db + " at dim " + i + ")");
            }
            out[i] = da == 1 ? db : da;
        }
        return out;
    }

    public static String str(int[] shape) {
        return Arrays.toString(shape);
    }

    /** Infers one -1 entry of a target shape from the element count. */
    public static int[] inferShape(String op, int[] target, int numel) {
        int[] out = target.clone();
        int infer = -1;
        long known = 1;
        for (int i = 0; i < out.length; i++) {
            if (out[i] == -1) {
                if (infer >= 0) {
                    throw new IllegalArgumentException(op + ": only one dimension can be inferred in " + str(target));
                }
                infer = i;
            } else if (out[i] < 0) {
                throw new IllegalArgumentException(op + ": invalid shape dimension " + out[i] + " in " + str(target));
            } else {
                known *= out[i];
            }
        }
        if (infer >= 0) {
            if (known == 0 || numel % known != 0) {
                throw new IllegalArgumentException(op + ": shape " + str(target) + " is invalid for input of size " + numel);
            }
            out[infer] = (int) (numel / known);
        } else if (known != numel) {
            throw new IllegalArgumentException(op + ": shape " + str(target) + " is invalid for input of size " + numel);
        }
        return out;
    }
}
