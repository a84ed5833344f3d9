package dev.nabla.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ViewsTest {
    private static Tensor grid() {
        return Tensor.arange(24).reshape(2, 3, 4);
    }

    @Test
    void viewsShareStorage() {
        Tensor x = grid();
        for (Tensor v : new Tensor[] {x.reshape(6, 4), x.view(4, 6), x.permute(2, 0, 1), x.transpose(0, 2),
            x.narrow(1, 1, 2), x.slice(2, 0, 4, 2), x.unsqueeze(0), x.unsqueeze(0).squeeze(0), x.select(1, 2),
            x.reshape(2, 3, 1, 4).expand(2, 3, 5, 4), x.flatten(1)}) {
            assertTrue(v.sharesStorageWith(x));
        }
        Tensor t = x.transpose(0, 1);
        assertFalse(t.isContiguous());
        Tensor c = t.contiguous();
        assertTrue(c.isContiguous());
        assertFalse(c.sharesStorageWith(x));
        assertArrayEquals(new float[] {0, 1, 2, 3, 12, 13, 14, 15, 4, 5}, java.util.Arrays.copyOf(c.toFloatArray(), 10));
    }

    @Test
    void slicingFollowsPythonRules() {
        Tensor x = Tensor.arange(9);
        assertArrayEquals(new float[] {1, 3, 5, 7}, x.slice(0, 1, 8, 2).toFloatArray());
        assertArrayEquals(new float[] {6, 7, 8}, x.slice(0, -3, Integer.MAX_VALUE, 1).toFloatArray());
        assertEquals(0, x.slice(0, 5, 2, 1).numel());
        assertArrayEquals(new float[] {2, 6, 10}, grid().select(0, 0).select(1, 2).toFloatArray());
    }

    @Test
    void writesThroughAViewAreSeenByTheBase() {
        Tensor x = Tensor.zeros(3, 3);
        x.narrow(0, 1, 1).fillInPlace(5);
        assertArrayEquals(new float[] {0, 0, 0, 5, 5, 5, 0, 0, 0}, x.toFloatArray());
        x.transpose(0, 1).narrow(0, 0, 1).fillInPlace(1);
        assertArrayEquals(new float[] {1, 0, 0, 1, 5, 5, 1, 0, 0}, x.toFloatArray());
    }

    @Test
    void viewOfNonContiguousFailsButReshapeCopies() {
        Tensor t = grid().transpose(1, 2);
        var e = assertThrows(IllegalArgumentException.class, () -> t.view(-1));
        assertTrue(e.getMessage().startsWith("view:") && e.getMessage().contains("reshape"), e.getMessage());
        Tensor r = t.reshape(-1);
        assertFalse(r.sharesStorageWith(t));
        assertArrayEquals(new float[] {0, 4, 8, 1}, java.util.Arrays.copyOf(r.toFloatArray(), 4));
    }

    @Test
    void expandAndBroadcastErrorsNameTheShapes() {
        var e = assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(2, 3).add(Tensor.zeros(4)));
        assertTrue(e.getMessage().contains("add") && e.getMessage().contains("[2, 3]")
                && e.getMessage().contains("[4]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(2, 3).expand(2, 4));
        assertTrue(e.getMessage().startsWith("expand:"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(2, 3).reshape(4, 2));
        assertTrue(e.getMessage().contains("[4, 2]") && e.getMessage().contains("6"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(2, 3).permute(0, 0));
        assertTrue(e.getMessage().startsWith("permute:"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(2, 3).sum(2));
        assertTrue(e.getMessage().contains("sum: dimension out of range"), e.getMessage());
    }

    @Test
    void broadcastingOfViewsComputesCorrectValues() {
        Tensor a = Tensor.arange(6).reshape(2, 3);
        Tensor b = Tensor.arange(2).reshape(2, 1);
        assertArrayEquals(new float[] {0, 1, 2, 4, 5, 6}, a.add(b).toFloatArray());
        assertArrayEquals(new float[] {0, 3, 1, 4, 2, 5}, a.t().contiguous().toFloatArray());
        assertArrayEquals(new float[] {0, 6, 2, 8, 4, 10}, a.t().add(a.t()).toFloatArray());
        Tensor zeroSized = Tensor.zeros(0, 3).add(Tensor.ones(3));
        assertArrayEquals(new int[] {0, 3}, zeroSized.shape());
    }
}
