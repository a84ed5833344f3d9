package dev.nabla.train.metrics;

import dev.nabla.tensor.Tensor;

/**
 * A streaming confusion matrix for {@code numClasses} classes: entry {@code [t][p]} counts samples
 * of true class t predicted as p (rows are targets, columns predictions, as sklearn and
 * torchmetrics). Per-class precision, recall and F1 are derived from it.
 * Output: scores {@code (N, C)} or int64 class indices {@code (N)}; target: int64 {@code (N)}.
 */
public final class ConfusionMatrix {
    private final int numClasses;
    private final long[] counts; // (C, C) row-major

    public ConfusionMatrix(int numClasses) {
        if (numClasses < 1) {
            throw new IllegalArgumentException("confusion matrix: numClasses must be >= 1, got " + numClasses);
        }
        this.numClasses = numClasses;
        this.counts = new long[numClasses * numClasses];
    }

    public int numClasses() {
        return numClasses;
    }

    /** Adds one batch. */
    public void update(Tensor output, Tensor target) {
        long[] t = ClassLabels.targets("confusion matrix", target);
        long[] p = ClassLabels.predicted("confusion matrix", output, target);
        if (output.dim() == 2 && output.size(1) != numClasses) {
            throw new IllegalArgumentException("confusion matrix: output has " + output.size(1)
                    + " class scores but the matrix has " + numClasses + " classes");
        }
        for (int i = 0; i < t.length; i++) {
            ClassLabels.checkRange("confusion matrix", t[i], numClasses, "target");
            ClassLabels.checkRange("confusion matrix", p[i], numClasses, "predicted");
        }
        for (int i = 0; i < t.length; i++) {
            counts[(int) t[i] * numClasses + (int) p[i]]++;
        }
    }

    /** A copy of the counts, {@code [target][predicted]}. */
    public long[][] matrix() {
        long[][] m = new long[numClasses][numClasses];
        for (int i = 0; i < numClasses; i++) {
            System.arraycopy(counts, i * numClasses, m[i], 0, numClasses);
        }
        return m;
    }

    /** The counts as an int64 tensor {@code (C, C)}. */
    public Tensor toTensor() {
        return Tensor.ofLongs(counts.clone(), numClasses, numClasses);
    }

    /** Samples counted so far. */
    public long total() {
        long s = 0;
        for (long c : counts) {
            s += c;
        }
        return s;
    }

    long truePositives(int c) {
        return counts[c * numClasses + c];
    }

    /** Samples predicted as c (column sum). */
    long predictedCount(int c) {
        long s = 0;
        for (int t = 0; t < numClasses; t++) {
            s += counts[t * numClasses + c];
        }
        return s;
    }

    /** Samples whose target is c (row sum, the support). */
    long support(int c) {
        long s = 0;
        for (int p = 0; p < numClasses; p++) {
            s += counts[c * numClasses + p];
        }
        return s;
    }

    /** tp / (tp + fp) per class; 0 for a class never predicted (sklearn's zero_division=0). */
    public double[] precision() {
        double[] out = new double[numClasses];
        for (int c = 0; c < numClasses; c++) {
            long pc = predictedCount(c);
            out[c] = pc == 0 ? 0 : (double) truePositives(c) / pc;
        }
        return out;
    }

    /** tp / (tp + fn) per class; 0 for a class that never occurs as a target. */
    public double[] recall() {
        double[] out = new double[numClasses];
        for (int c = 0; c < numClasses; c++) {
            long s = support(c);
            out[c] = s == 0 ? 0 : (double) truePositives(c) / s;
        }
        return out;
    }

    /** 2 tp / (2 tp + fp + fn) per class (the harmonic mean of precision and recall); 0 when undefined. */
    public double[] f1() {
        double[] out = new double[numClasses];
        for (int c = 0; c < numClasses; c++) {
            long tp = truePositives(c);
            long denom = predictedCount(c) + support(c); // = 2 tp + fp + fn
            out[c] = denom == 0 ? 0 : 2.0 * tp / denom;
        }
        return out;
    }

    /**
     * The unweighted mean of a per-class score over the classes that occur as a target or a
     * prediction (as sklearn's default labels and torchmetrics' macro average); classes absent
     * from both would otherwise pull the mean down with meaningless zeros.
     */
    public double macro(double[] perClass) {
        double s = 0;
        int n = 0;
        for (int c = 0; c < numClasses; c++) {
            if (support(c) + predictedCount(c) > 0) {
                s += perClass[c];
                n++;
            }
        }
        if (n == 0) {
            throw new IllegalStateException("confusion matrix: macro average requested before any update");
        }
        return s / n;
    }

    public void reset() {
        java.util.Arrays.fill(counts, 0);
    }

    /** The matrix as aligned text, rows = targets, with a header of predicted classes. */
    @Override
    public String toString() {
        long max = 0;
        for (long c : counts) {
            max = Math.max(max, c);
        }
        int w = Math.max(Long.toString(max).length(), Integer.toString(numClasses - 1).length()) + 1;
        StringBuilder sb = new StringBuilder("target\\pred");
        for (int p = 0; p < numClasses; p++) {
            sb.append(String.format("%" + w + "d", p));
        }
        sb.append('\n');
        for (int t = 0; t < numClasses; t++) {
            sb.append(String.format("%11d", t));
            for (int p = 0; p < numClasses; p++) {
                sb.append(String.format("%" + w + "d", counts[t * numClasses + p]));
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}
