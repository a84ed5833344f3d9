package dev.nabla.kernel;

import jdk.incubator.vector.FloatVector;

/**
 * The sum of a float vector's lanes in one fixed order, whatever compiled the caller.
 *
 * <p>Why not {@code reduceLanes(ADD)}: it leaves the order of the additions open, and HotSpot's C2
 * intrinsic (a tree) and the Java fallback that runs before C2 has compiled the caller (a left-to-right
 * loop) round differently. A training step then gave different bits depending on when the JIT got to
 * it, so two runs of the same seed drifted apart (convnet, 1 epoch: 0.8519 vs 0.8604 test accuracy).
 * The lanes are stored and added left to right instead, which every tier computes identically. The
 * method stays tiny so that C2 inlines it (a vector passed to a call that is not inlined is boxed).
 */
public final class LaneSum {
    private LaneSum() {
    }

    /** The lanes of {@code v} added from lane 0 up. */
    public static float sum(FloatVector v) {
        float total = 0f;
        for (float x : v.toArray()) {
            total += x;
        }
        return total;
    }
}
