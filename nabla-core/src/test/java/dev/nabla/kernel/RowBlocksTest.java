package dev.nabla.kernel;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RowBlocksTest {
    /** Index of the forward kernel with p pixels and v vectors. */
    private static int kernel(int p, int v) {
        for (int i = 0; i < ConvMicroKernels.FORWARD.length; i++) {
            if (ConvMicroKernels.FORWARD[i][0] == p && ConvMicroKernels.FORWARD[i][1] == v) {
                return i;
            }
        }
        throw new AssertionError("no kernel " + p + "x" + v);
    }

    private static int[] pixels(int[] plan) {
        return Arrays.stream(plan).map(id -> ConvMicroKernels.FORWARD[id][0]).toArray();
    }

    private static final int[] LADDER_X2 = {kernel(6, 2), kernel(5, 2), kernel(4, 2), kernel(3, 2), kernel(2, 2),
        kernel(1, 2)};

    @Test
    void everyWidthIsCoveredExactly() {
        RowBlocks rb = new RowBlocks(LADDER_X2);
        for (int ow = 0; ow <= 300; ow++) {
            assertEquals(ow, Arrays.stream(pixels(rb.plan(ow))).sum(), "width " + ow);
        }
        assertEquals(2000, Arrays.stream(pixels(rb.plan(2000))).sum(), "an uncached width");
    }

    @Test
    void avoidsBlocksTooSmallToHideTheFmaLatency() {
        RowBlocks rb = new RowBlocks(LADDER_X2);
        // greedy would take 6 + 6 + 2: the 2x2 block keeps only 4 FMA chains
        assertArrayEquals(new int[] {6, 4, 4}, pixels(rb.plan(14)));
        assertArrayEquals(new int[] {6, 6, 6, 6, 4}, pixels(rb.plan(28)));
        assertArrayEquals(new int[] {4, 3}, pixels(rb.plan(7)));
        assertArrayEquals(new int[] {6, 6}, pixels(rb.plan(12)));
        // 16-lane ladder: one 14x2 block beats two 7x2 blocks
        RowBlocks wide = new RowBlocks(new int[] {kernel(14, 2), kernel(7, 2), kernel(4, 2), kernel(1, 2)});
        assertArrayEquals(new int[] {14}, pixels(wide.plan(14)));
        assertArrayEquals(new int[] {7}, pixels(wide.plan(7)));
    }

    @Test
    void plansAreKept() {
        RowBlocks rb = new RowBlocks(LADDER_X2);
        assertSame(rb.plan(14), rb.plan(14));
        assertTrue(rb.plan(0).length == 0);
    }

    @Test
    void needsAOnePixelKernel() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new RowBlocks(new int[] {kernel(6, 2), kernel(4, 2)}));
        assertTrue(e.getMessage().contains("1-pixel"), e.getMessage());
    }
}
