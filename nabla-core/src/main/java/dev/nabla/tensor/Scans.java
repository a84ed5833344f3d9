package dev.nabla.tensor;

import dev.nabla.autograd.Autograd;

/**
 * Running and full products and sums along one dim, as torch.cumsum, torch.cumprod and torch.prod,
 * with gradients that stay exact when the input holds zeros (prefix and suffix products instead of
 * dividing by the input).
 *
 * <pre>{@code
 * Tensor c = Scans.cumsum(x, -1);          // same shape as x
 * Tensor p = Scans.prod(x, 1, true);       // dim 1 kept with size 1
 * }</pre>
 */
public final class Scans {
    private Scans() {
    }

    /** Running sum along dim. */
    public static Tensor cumsum(Tensor x, int dim) {
        int d = Shapes.wrapDim("cumsum", dim, Math.max(x.dim(), 1));
        Line l = Line.of(x, d);
        float[] in = x.toFloatArray();
        float[] out = new float[in.length];
        for (int o = 0; o < l.outer; o++) {
            for (int i = 0; i < l.inner; i++) {
                double acc = 0;
                for (int k = 0; k < l.n; k++) {
                    int at = l.at(o, k, i);
                    acc += in[at];
                    out[at] = (float) acc;
                }
            }
        }
        Tensor y = Tensor.wrap(out, x.shape());
        return Autograd.record(y, "cumsum", new Tensor[] {x}, g -> {
            // d/dx_j sums g_k over k >= j: a reversed running sum.
            float[] gv = g.toFloatArray();
            float[] gi = new float[gv.length];
            for (int o = 0; o < l.outer; o++) {
                for (int i = 0; i < l.inner; i++) {
                    double acc = 0;
                    for (int k = l.n - 1; k >= 0; k--) {
                        int at = l.at(o, k, i);
                        acc += gv[at];
                        gi[at] = (float) acc;
                    }
                }
            }
            return new Tensor[] {Tensor.wrap(gi, x.shape())};
        });
    }

    /** Running product along dim; d out_k / d x_j = prod over i <= k, i != j (O(n^2) per line, exact with zeros). */
    public static Tensor cumprod(Tensor x, int dim) {
        int d = Shapes.wrapDim("cumprod", dim, Math.max(x.dim(), 1));
        Line l = Line.of(x, d);
        float[] in = x.toFloatArray();
        float[] out = new float[in.length];
        for (int o = 0; o < l.outer; o++) {
            for (int i = 0; i < l.inner; i++) {
                double acc = 1;
                for (int k = 0; k < l.n; k++) {
                    int at = l.at(o, k, i);
                    acc *= in[at];
                    out[at] = (float) acc;
                }
            }
        }
        Tensor y = Tensor.wrap(out, x.shape());
        return Autograd.record(y, "cumprod", new Tensor[] {x}, g -> {
            float[] gv = g.toFloatArray();
            float[] gi = new float[gv.length];
            double[] prefix = new double[l.n + 1];
            for (int o = 0; o < l.outer; o++) {
                for (int i = 0; i < l.inner; i++) {
                    prefix[0] = 1;
                    for (int k = 0; k < l.n; k++) {
                        prefix[k + 1] = prefix[k] * in[l.at(o, k, i)];
                    }
                    for (int j = 0; j < l.n; j++) {
                        // sum_k>=j g_k * prefix[j] * prod_{j<i<=k} x_i
                        double tail = 1;
                        double sum = 0;
                        for (int k = j; k < l.n; k++) {
                            if (k > j) {
                                tail *= in[l.at(o, k, i)];
                            }
                            sum += gv[l.at(o, k, i)] * tail;
                        }
                        gi[l.at(o, j, i)] = (float) (sum * prefix[j]);
                    }
                }
            }
            return new Tensor[] {Tensor.wrap(gi, x.shape())};
        });
    }

    /** Product of all elements (0-dim). */
    public static Tensor prod(Tensor x) {
        Tensor flat = x.reshape(-1);
        return prod(flat, 0, false);
    }

    /** Product along dim; the gradient of x_j is the product of the others (prefix times suffix). */
    public static Tensor prod(Tensor x, int dim, boolean keepdim) {
        int d = Shapes.wrapDim("prod", dim, Math.max(x.dim(), 1));
        Line l = Line.of(x, d);
        float[] in = x.toFloatArray();
        int[] kept = x.dim() == 0 ? new int[0] : x.shape().clone();
        if (kept.length > 0) {
            kept[d] = 1;
        }
        float[] out = new float[l.outer * l.inner];
        for (int o = 0; o < l.outer; o++) {
            for (int i = 0; i < l.inner; i++) {
                double acc = 1;
                for (int k = 0; k < l.n; k++) {
                    acc *= in[l.at(o, k, i)];
                }
                out[o * l.inner + i] = (float) acc;
            }
        }
        int[] shape = kept;
        if (!keepdim && x.dim() > 0) {
            shape = new int[x.dim() - 1];
            for (int i = 0, j = 0; i < x.dim(); i++) {
                if (i != d) {
                    shape[j++] = x.size(i);
                }
            }
        }
        Tensor y = Tensor.wrap(out, shape);
        return Autograd.record(y, "prod", new Tensor[] {x}, g -> {
            float[] gv = g.toFloatArray();
            float[] gi = new float[in.length];
            double[] suffix = new double[l.n + 1];
            for (int o = 0; o < l.outer; o++) {
                for (int i = 0; i < l.inner; i++) {
                    suffix[l.n] = 1;
                    for (int k = l.n - 1; k >= 0; k--) {
                        suffix[k] = suffix[k + 1] * in[l.at(o, k, i)];
                    }
                    double prefix = 1;
                    double go = gv[o * l.inner + i];
                    for (int k = 0; k < l.n; k++) {
                        int at = l.at(o, k, i);
                        gi[at] = (float) (go * prefix * suffix[k + 1]);
                        prefix *= in[at];
                    }
                }
            }
            return new Tensor[] {Tensor.wrap(gi, x.shape())};
        });
    }

    /** A row-major tensor seen as (outer, n, inner) lines along one dim. */
    private record Line(int outer, int n, int inner) {
        static Line of(Tensor x, int d) {
            int[] s = x.shape();
            if (s.length == 0) {
                return new Line(1, 1, 1);
            }
            int outer = 1;
            for (int i = 0; i < d; i++) {
                outer *= s[i];
            }
            int inner = 1;
            for (int i = d + 1; i < s.length; i++) {
                inner *= s[i];
            }
            return new Line(outer, s[d], inner);
        }

        int at(int o, int k, int i) {
            return (o * n + k) * inner + i;
        }
    }
}
