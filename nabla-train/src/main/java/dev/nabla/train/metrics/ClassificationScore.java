package dev.nabla.train.metrics;

import dev.nabla.tensor.Tensor;

/**
 * Precision, recall or F1 for multiclass classification, macro-averaged by {@link #compute()} and
 * per class by {@link #perClass()}. Backed by a {@link ConfusionMatrix}; see there for shapes and
 * for how classes that never occur are treated.
 *
 * <pre>{@code
 * var f1 = ClassificationScore.f1(10);
 * f1.update(logits, labels);
 * double macroF1 = f1.compute();
 * }</pre>
 */
public final class ClassificationScore implements Metric {
    /** Which score. */
    public enum Kind {
        PRECISION("precision"), RECALL("recall"), F1("f1");

        final String label;

        Kind(String label) {
            this.label = label;
        }
    }

    private final Kind kind;
    private final ConfusionMatrix matrix;

    public ClassificationScore(Kind kind, int numClasses) {
        this.kind = kind;
        this.matrix = new ConfusionMatrix(numClasses);
    }

    public static ClassificationScore precision(int numClasses) {
        return new ClassificationScore(Kind.PRECISION, numClasses);
    }

    public static ClassificationScore recall(int numClasses) {
        return new ClassificationScore(Kind.RECALL, numClasses);
    }

    public static ClassificationScore f1(int numClasses) {
        return new ClassificationScore(Kind.F1, numClasses);
    }

    @Override
    public String name() {
        return kind.label + "_macro";
    }

    @Override
    public void update(Tensor output, Tensor target) {
        matrix.update(output, target);
    }

    /** The score of each class. */
    public double[] perClass() {
        return switch (kind) {
            case PRECISION -> matrix.precision();
            case RECALL -> matrix.recall();
            case F1 -> matrix.f1();
        };
    }

    /** The macro average over the classes seen. */
    @Override
    public double compute() {
        if (matrix.total() == 0) {
            throw new IllegalStateException(name() + ": compute() called before any update");
        }
        return matrix.macro(perClass());
    }

    @Override
    public void reset() {
        matrix.reset();
    }

    /** The underlying counts. */
    public ConfusionMatrix confusionMatrix() {
        return matrix;
    }
}
