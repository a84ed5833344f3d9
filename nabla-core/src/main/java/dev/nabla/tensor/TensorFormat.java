package dev.nabla.tensor;

import java.util.Locale;

/**
 * Prints tensors as PyTorch does: {@code tensor([[1.0000, 2.0000], ...], requires_grad=True)}, with
 * three leading and trailing entries per dimension and {@code ...} between when more than 1000
 * elements would print.
 */
final class TensorFormat {
    private static final int THRESHOLD = 1000;
    private static final int EDGE = 3;

    private TensorFormat() {
    }

    static String format(Tensor t) {
        boolean summarize = t.numel() > THRESHOLD;
        double[] shown = collect(t, summarize);
        Style style = Style.choose(t.dtype(), shown);
        StringBuilder sb = new StringBuilder("tensor(");
        if (t.numel() == 0 && t.dim() <= 1) {
            sb.append("[]");
        } else {
            appendDim(sb, t, 0, new int[t.dim()], summarize, style, 7);
        }
        if (t.numel() == 0 && t.dim() > 1) {
            sb.append(", size=").append(Shapes.str(t.shape).replace('[', '(').replace(']', ')'));
        }
        if (t.gradFn() != null) {
            sb.append(", grad_fn=<").append(capitalize(t.gradFn().op())).append("Backward>");
        } else if (t.requiresGrad()) {
            sb.append(", requires_grad=True");
        }
        return sb.append(')').toString();
    }

    private static String capitalize(String s) {
        StringBuilder out = new StringBuilder();
        for (String part : s.split("_")) {
            if (!part.isEmpty()) {
                out.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        return out.toString();
    }

    private static double[] collect(Tensor t, boolean summarize) {
        if (!summarize) {
            double[] out = new double[t.numel()];
            StridedIter.forEach(t, (i, p) -> out[i] = t.storage.get(p));
            return out;
        }
        // Only the printed edges decide the number style.
        java.util.List<Double> vals = new java.util.ArrayList<>();
        gatherEdges(t, 0, new int[t.dim()], vals);
        return vals.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static void gatherEdges(Tensor t, int d, int[] idx, java.util.List<Double> vals) {
        if (d == t.dim()) {
            vals.add(t.get(idx));
            return;
        }
        int n = t.shape[d];
        for (int i = 0; i < n; i++) {
            if (n > 2 * EDGE && i == EDGE) {
                i = n - EDGE;
            }
            idx[d] = i;
            gatherEdges(t, d + 1, idx, vals);
        }
    }

    private static void appendDim(StringBuilder sb, Tensor t, int d, int[] idx, boolean summarize, Style style,
                                  int indent) {
        if (t.dim() == 0) {
            sb.append(style.format(t.get()));
            return;
        }
        int n = t.shape[d];
        sb.append('[');
        boolean lastDim = d == t.dim() - 1;
        for (int i = 0; i < n; i++) {
            if (summarize && n > 2 * EDGE && i == EDGE) {
                sb.append(lastDim ? " ..., " : "...,\n" + " ".repeat(indent + d + 1));
                i = n - EDGE;
            }
            idx[d] = i;
            if (lastDim) {
                sb.append(style.format(t.get(idx)));
            } else {
                appendDim(sb, t, d + 1, idx, summarize, style, indent);
            }
            if (i < n - 1) {
                if (lastDim) {
                    sb.append(", ");
                } else {
                    sb.append(',').append("\n".repeat(t.dim() - d - 1)).append(" ".repeat(indent + d + 1));
                }
            }
        }
        sb.append(']');
    }

    /** Number style shared by all elements, as torch's _Formatter. */
    private record Style(DType dtype, boolean intMode, boolean sciMode, int width) {
        static Style choose(DType dtype, double[] vals) {
            if (dtype != DType.FLOAT32) {
                int w = 1;
                for (double v : vals) {
                    String s = dtype == DType.BOOL ? (v != 0 ? "True" : "False") : Long.toString((long) v);
                    w = Math.max(w, s.length());
                }
                return new Style(dtype, true, false, w);
            }
            boolean allInt = true;
            double maxAbs = 0;
            double minAbs = Double.POSITIVE_INFINITY;
            for (double v : vals) {
                if (Double.isFinite(v)) {
                    allInt &= v == Math.rint(v);
                    double a = Math.abs(v);
                    maxAbs = Math.max(maxAbs, a);
                    if (a != 0) {
                        minAbs = Math.min(minAbs, a);
                    }
                }
            }
            boolean sci = maxAbs > 1e8 || (minAbs != Double.POSITIVE_INFINITY && (maxAbs / minAbs > 1000 || minAbs < 1e-4));
            if (allInt) {
                sci = maxAbs > 1e8;
            }
            Style s = new Style(dtype, allInt, sci, 0);
            int w = 1;
            for (double v : vals) {
                w = Math.max(w, s.raw(v).length());
            }
            return new Style(dtype, allInt, sci, w);
        }

        String raw(double v) {
            if (dtype == DType.BOOL) {
                return v != 0 ? "True" : "False";
            }
            if (dtype == DType.INT64) {
                return Long.toString((long) v);
            }
            if (Double.isNaN(v)) {
                return "nan";
            }
            if (Double.isInfinite(v)) {
                return v > 0 ? "inf" : "-inf";
            }
            if (sciMode) {
                return String.format(Locale.ROOT, "%.4e", v);
            }
            if (intMode) {
                return String.format(Locale.ROOT, "%.0f.", v);
            }
            return String.format(Locale.ROOT, "%.4f", v);
        }

        String format(double v) {
            String s = raw(v);
            return " ".repeat(Math.max(0, width - s.length())) + s;
        }
    }
}
