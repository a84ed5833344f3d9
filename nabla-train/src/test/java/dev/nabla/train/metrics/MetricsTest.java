package dev.nabla.train.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.tensor.Tensor;
import org.junit.jupiter.api.Test;

class MetricsTest {
    // 4 samples, 3 classes. argmax per row: 0, 2, 1, 2
    private static final Tensor SCORES = Tensor.of(new float[] {
            0.9f, 0.05f, 0.05f,
            0.1f, 0.3f, 0.6f,
            0.2f, 0.5f, 0.3f,
            0.3f, 0.3f, 0.4f}, 4, 3);
    private static final Tensor TARGET = Tensor.ofLongs(new long[] {0, 1, 1, 0}, 4);

    @Test
    void runningMeanWeightsBatches() {
        RunningMean m = new RunningMean();
        m.update(2.0, 3);   // 3 samples with mean 2
        m.update(5.0, 1);   // 1 sample with 5
        assertEquals((6 + 5) / 4.0, m.compute(), 1e-12);
        m.update(Tensor.of(new float[] {1, 3}, 2), null);
        assertEquals((6 + 5 + 4) / 6.0, m.compute(), 1e-12);
        m.reset();
        var e = assertThrows(IllegalStateException.class, m::compute);
        assertTrue(e.getMessage().contains("loss"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> m.update(1, -1));
    }

    @Test
    void accuracyStreamsAcrossBatches() {
        Accuracy a = new Accuracy();
        a.update(SCORES, TARGET);              // correct: rows 0 and 2
        assertEquals(0.5, a.compute(), 0);
        a.update(Tensor.ofLongs(new long[] {1, 1}, 2), Tensor.ofLongs(new long[] {1, 0}, 2));
        assertEquals(3 / 6.0, a.compute(), 0);
        assertEquals(6, a.total());
        a.reset();
        assertThrows(IllegalStateException.class, a::compute);
    }

    @Test
    void accuracyTiesGoToLowestIndex() {
        Accuracy a = new Accuracy();
        a.update(Tensor.of(new float[] {1, 1, 0}, 1, 3), Tensor.ofLongs(new long[] {1}, 1));
        assertEquals(0.0, a.compute(), 0);
        TopKAccuracy top1 = new TopKAccuracy(1);
        top1.update(Tensor.of(new float[] {1, 1, 0}, 1, 3), Tensor.ofLongs(new long[] {1}, 1));
        assertEquals(0.0, top1.compute(), 0);
    }

    @Test
    void accuracyRejectsMismatchedShapes() {
        Accuracy a = new Accuracy();
        var e = assertThrows(IllegalArgumentException.class,
                () -> a.update(SCORES, Tensor.ofLongs(new long[] {0, 1}, 2)));
        assertTrue(e.getMessage().contains("accuracy") && e.getMessage().contains("[4, 3]"), e.getMessage());
        var e2 = assertThrows(IllegalArgumentException.class, () -> a.update(SCORES, Tensor.zeros(4)));
        assertTrue(e2.getMessage().contains("target must be int64"), e2.getMessage());
    }

    @Test
    void topKAccuracy() {
        TopKAccuracy top2 = new TopKAccuracy(2);
        // row 0: target 0 is top -> yes; row 1: target 1 (0.3) second -> yes;
        // row 2: target 1 top -> yes; row 3: target 0 ties class 1 at 0.3, 0 comes first -> rank 1 -> yes
        top2.update(SCORES, TARGET);
        assertEquals(1.0, top2.compute(), 0);
        TopKAccuracy top1 = new TopKAccuracy(1);
        top1.update(SCORES, TARGET);
        Accuracy acc = new Accuracy();
        acc.update(SCORES, TARGET);
        assertEquals(acc.compute(), top1.compute(), 0);
        TopKAccuracy top2b = new TopKAccuracy(2);
        top2b.update(SCORES, Tensor.ofLongs(new long[] {2, 0, 0, 1}, 4));
        // row0: 2 ties with 1 at 0.05, 1 comes first -> rank 2 -> no; row1: 0 is lowest -> no;
        // row2: 0 is lowest -> no; row3: 1 ties 0 at 0.3, plus 2 higher -> rank 2 -> no
        assertEquals(0.0, top2b.compute(), 0);
        var e = assertThrows(IllegalArgumentException.class,
                () -> new TopKAccuracy(4).update(SCORES, TARGET));
        assertTrue(e.getMessage().contains("k = 4 exceeds the number of classes 3"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new TopKAccuracy(0));
    }

    @Test
    void confusionMatrixAndScores() {
        // targets 0,1,1,0 ; predictions 0,2,1,2
        ConfusionMatrix cm = new ConfusionMatrix(3);
        cm.update(SCORES, TARGET);
        assertArrayEquals(new long[] {1, 0, 1}, cm.matrix()[0]);
        assertArrayEquals(new long[] {0, 1, 1}, cm.matrix()[1]);
        assertArrayEquals(new long[] {0, 0, 0}, cm.matrix()[2]);
        assertEquals(4, cm.total());
        // precision: class0 1/1, class1 1/1, class2 0/2
        assertArrayEquals(new double[] {1, 1, 0}, cm.precision(), 1e-12);
        // recall: class0 1/2, class1 1/2, class2 undefined -> 0
        assertArrayEquals(new double[] {0.5, 0.5, 0}, cm.recall(), 1e-12);
        // f1 = 2tp/(2tp+fp+fn): class0 2/3, class1 2/3, class2 0
        assertArrayEquals(new double[] {2 / 3.0, 2 / 3.0, 0}, cm.f1(), 1e-12);
        assertTrue(cm.toString().contains("target\\pred"));
        assertEquals(9, cm.toTensor().numel());
    }

    @Test
    void macroAverageSkipsClassesNeverSeen() {
        // 4 classes, class 3 never appears as target or prediction: sklearn averages over 0..2 only.
        ClassificationScore p = ClassificationScore.precision(4);
        ClassificationScore r = ClassificationScore.recall(4);
        ClassificationScore f = ClassificationScore.f1(4);
        Tensor preds = Tensor.ofLongs(new long[] {0, 2, 1, 2}, 4);
        for (var m : new ClassificationScore[] {p, r, f}) {
            m.update(preds, TARGET);
        }
        assertEquals(2 / 3.0, p.compute(), 1e-12);
        assertEquals(1 / 3.0, r.compute(), 1e-12);
        assertEquals(4 / 9.0, f.compute(), 1e-12);
        assertEquals("f1_macro", f.name());
        assertEquals(4, f.perClass().length);
    }

    @Test
    void confusionMatrixRejectsOutOfRangeLabels() {
        ConfusionMatrix cm = new ConfusionMatrix(2);
        var e = assertThrows(IllegalArgumentException.class,
                () -> cm.update(Tensor.ofLongs(new long[] {0, 1}, 2), Tensor.ofLongs(new long[] {0, 5}, 2)));
        assertTrue(e.getMessage().contains("target class 5 is outside [0, 2)"), e.getMessage());
        assertEquals(0, cm.total(), "a rejected batch must not be half-counted");
        var e2 = assertThrows(IllegalArgumentException.class, () -> cm.update(SCORES, TARGET));
        assertTrue(e2.getMessage().contains("3 class scores"), e2.getMessage());
    }

    @Test
    void regressionErrors() {
        RegressionError mse = RegressionError.mse();
        RegressionError mae = RegressionError.mae();
        Tensor o = Tensor.of(new float[] {1, 2, 3, 4}, 2, 2);
        Tensor t = Tensor.of(new float[] {1, 0, 4, 4}, 2, 2);
        mse.update(o, t);
        mae.update(o, t);
        assertEquals((0 + 4 + 1 + 0) / 4.0, mse.compute(), 1e-12);
        assertEquals((0 + 2 + 1 + 0) / 4.0, mae.compute(), 1e-12);
        mse.update(Tensor.of(new float[] {3}, 1), Tensor.of(new float[] {0}, 1));
        assertEquals((5 + 9) / 5.0, mse.compute(), 1e-12);
        // a transposed (non-contiguous) view is read in logical order
        RegressionError m2 = RegressionError.mse();
        m2.update(o.t(), t.t());
        assertEquals(5 / 4.0, m2.compute(), 1e-12);
        var e = assertThrows(IllegalArgumentException.class, () -> mae.update(o, Tensor.zeros(3)));
        assertTrue(e.getMessage().startsWith("mae:"), e.getMessage());
    }

    @Test
    void metricSetComputesInOrder() {
        MetricSet set = MetricSet.of(new Accuracy(), new TopKAccuracy(2));
        set.update(SCORES, TARGET);
        var values = set.compute();
        assertEquals(java.util.List.of("accuracy", "top2_accuracy"), java.util.List.copyOf(values.keySet()));
        assertEquals(0.5, values.get("accuracy"), 0);
        assertThrows(IllegalArgumentException.class, () -> MetricSet.of(new Accuracy(), new Accuracy()));
    }
}
