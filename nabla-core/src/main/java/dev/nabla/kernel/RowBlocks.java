package dev.nabla.kernel;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * How an output row of the direct convolution is cut into micro-kernel blocks: the split of {@code ow}
 * pixels into the ladder's block widths that issues the fewest FMA slots under a simple model of the core.
 *
 * <p>The model: a kernel of P pixels x V filter vectors issues P*V FMAs a tap, but a tap can take no less
 * than {@value #LATENCY_SLOTS} slots, because each accumulator is one dependent chain and the two FMA pipes
 * need that many chains in flight to cover the FMA latency (4 cycles x 2 pipes on Zen 3 and Zen 5); each
 * tap also costs {@value #TAP_OVERHEAD} slot of loads and loop. Greedy widest-first splitting ignored the
 * floor: with the 8-lane 6x2 kernel a 14-pixel row went 6 + 6 + 2, and the 2x2 block (4 chains, half the
 * pipes idle) took a quarter of the kernel time (JFR) for a seventh of the work; the model picks 6 + 4 + 4.
 */
final class RowBlocks {
    private static final int LATENCY_SLOTS = 8;
    private static final int TAP_OVERHEAD = 1;
    /** Row widths below this are planned once and kept. */
    private static final int CACHED_WIDTHS = 1024;

    private final int[] ladder;
    private final int[] pixels;
    private final int[] slots;
    private final AtomicReferenceArray<int[]> plans = new AtomicReferenceArray<>(CACHED_WIDTHS);

    /**
     * For the forward kernels {@code ladder} (indices into {@link ConvMicroKernels#FORWARD}, all with the
     * same vector count); the ladder must hold a 1-pixel kernel so that every width can be covered.
     */
    RowBlocks(int[] ladder) {
        this.ladder = ladder.clone();
        this.pixels = new int[ladder.length];
        this.slots = new int[ladder.length];
        boolean one = false;
        for (int i = 0; i < ladder.length; i++) {
            int[] shape = ConvMicroKernels.FORWARD[ladder[i]];
            pixels[i] = shape[0];
            slots[i] = Math.max(LATENCY_SLOTS, shape[0] * shape[1]) + TAP_OVERHEAD;
            one |= shape[0] == 1;
        }
        if (!one) {
            throw new IllegalArgumentException("RowBlocks: the ladder has no 1-pixel kernel");
        }
    }

    /** Kernel indices, in row order, whose pixel counts add up to ow (ow >= 0). */
    int[] plan(int ow) {
        if (ow >= CACHED_WIDTHS) {
            return solve(ow);
        }
        int[] p = plans.get(ow);
        if (p == null) {
            p = solve(ow);
            plans.set(ow, p);
        }
        return p;
    }

    /** Least slots for every prefix width, then the blocks read back; ties keep the wider block first. */
    private int[] solve(int ow) {
        int[] best = new int[ow + 1];
        int[] choice = new int[ow + 1];
        for (int w = 1; w <= ow; w++) {
            best[w] = Integer.MAX_VALUE;
            for (int i = 0; i < pixels.length; i++) {
                if (pixels[i] <= w && best[w - pixels[i]] + slots[i] < best[w]) {
                    best[w] = best[w - pixels[i]] + slots[i];
                    choice[w] = i;
                }
            }
        }
        int count = 0;
        for (int w = ow; w > 0; w -= pixels[choice[w]]) {
            count++;
        }
        int[] ids = new int[count];
        int k = 0;
        for (int w = ow; w > 0; w -= pixels[choice[w]]) {
            ids[k++] = ladder[choice[w]];
        }
        return ids;
    }
}
