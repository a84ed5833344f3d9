package dev.nabla.optim.lr;

/** Milestone epochs of MultiStepLR and SequentialLR: Python's bisect_right, and int64 state values. */
final class Milestones {
    private Milestones() {
    }

    /** Python's {@code bisect_right(sorted, x)}: how many milestones are {@code <= x}. */
    static int bisectRight(int[] sorted, int x) {
        int i = 0;
        while (i < sorted.length && sorted[i] <= x) {
            i++;
        }
        return i;
    }

    /** The milestones as the int64 values a state dict holds. */
    static long[] toLongs(int[] milestones) {
        long[] m = new long[milestones.length];
        for (int i = 0; i < m.length; i++) {
            m[i] = milestones[i];
        }
        return m;
    }

    /** Milestones read back from a state dict. */
    static int[] toInts(long[] saved) {
        int[] m = new int[saved.length];
        for (int i = 0; i < m.length; i++) {
            m[i] = (int) saved[i];
        }
        return m;
    }
}
