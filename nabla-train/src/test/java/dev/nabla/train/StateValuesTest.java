package dev.nabla.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.tensor.Tensor;
import dev.nabla.train.metrics.Accuracy;
import dev.nabla.train.metrics.RunningMean;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StateValuesTest {
    @Test
    void doublesRoundTripExactly() {
        double[] v = {0.1, 1e-300, -0.0, Double.NaN, 0.6833333333333333, Double.MAX_VALUE};
        Map<String, Tensor> m = Map.of("v", StateValues.ofDoubles(v), "d", StateValues.ofDouble(0.007),
                "n", StateValues.ofLong(Long.MIN_VALUE + 3));
        double[] back = StateValues.getDoubles("t", m, "v");
        for (int i = 0; i < v.length; i++) {
            assertEquals(Double.doubleToRawLongBits(v[i]), Double.doubleToRawLongBits(back[i]), "value " + i);
        }
        assertEquals(0.007, StateValues.getDouble("t", m, "d"));
        assertEquals(Long.MIN_VALUE + 3, StateValues.getLong("t", m, "n"));
        var e = assertThrows(IllegalArgumentException.class, () -> StateValues.getLong("Thing", m, "x"));
        assertTrue(e.getMessage().contains("Thing.loadStateDict: missing key 'x'"), e.getMessage());
        var e2 = assertThrows(IllegalArgumentException.class,
                () -> StateValues.getLong("Thing", Map.of("x", Tensor.scalar(1)), "x"));
        assertTrue(e2.getMessage().contains("must be int64"), e2.getMessage());
    }

    @Test
    void metricsSaveAndRestoreTheirCounts() {
        RunningMean a = new RunningMean();
        a.update(0.1, 3);
        a.update(0.7, 5);
        RunningMean b = new RunningMean();
        b.loadStateDict(a.stateDict());
        assertEquals(a.compute(), b.compute(), 0);
        Accuracy acc = new Accuracy();
        acc.update(Tensor.ofLongs(new long[] {1, 2, 3}, 3), Tensor.ofLongs(new long[] {1, 0, 3}, 3));
        Accuracy acc2 = new Accuracy();
        acc2.loadStateDict(acc.stateDict());
        assertEquals(2 / 3.0, acc2.compute(), 0);
        assertArrayEquals(new long[] {7, 8}, StateValues.longs(Tensor.ofLongs(new long[] {6, 7, 8}, 3).narrow(0, 1, 2)));
    }
}
