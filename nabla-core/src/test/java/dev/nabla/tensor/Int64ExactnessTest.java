package dev.nabla.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** int64 values beyond 2^53 survive every copy path exactly (they are not routed through double). */
class Int64ExactnessTest {
    private static final long BIG = 0x7FF0_1234_5678_9ABCL;   // e.g. the raw bits of a double

    @Test
    void bigLongsSurviveCopiesViewsAndIndexing() {
        long[] v = {BIG, -BIG, BIG + 1, 3};
        Tensor t = Tensor.ofLongs(v, 2, 2);
        assertArrayEquals(v, t.toLongArray());
        assertArrayEquals(v, t.clone().toLongArray());
        assertArrayEquals(v, t.contiguousCopy().toLongArray());
        assertArrayEquals(new long[] {BIG, BIG + 1, -BIG, 3}, t.t().contiguous().toLongArray());
        assertArrayEquals(new long[] {BIG + 1, 3, BIG, -BIG},
                t.indexSelect(0, Tensor.ofLongs(new long[] {1, 0}, 2)).toLongArray());
        assertArrayEquals(new long[] {-BIG, BIG + 1}, t.gather(1, Tensor.ofLongs(new long[] {1, 0}, 2, 1)).reshape(-1)
                .toLongArray());
        assertArrayEquals(new long[] {BIG, -BIG, BIG + 1, 3, BIG, -BIG, BIG + 1, 3},
                Tensor.cat(new Tensor[] {t, t}, 0).toLongArray());
        Tensor dst = Tensor.zeros(DType.INT64, 2, 2);
        dst.copyInPlace(t);
        assertArrayEquals(v, dst.toLongArray());
        assertEquals(BIG + 1, t.getLong(1, 0));
        assertArrayEquals(v, t.reshape(4).to(DType.INT64).toLongArray());
    }
}
