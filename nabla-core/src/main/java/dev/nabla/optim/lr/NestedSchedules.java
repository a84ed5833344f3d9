package dev.nabla.optim.lr;

import dev.nabla.optim.Optimizer;
import dev.nabla.optim.StateValues;
import dev.nabla.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What schedules made of other schedules (ChainedScheduler, SequentialLR) share: member checks and nested state. */
final class NestedSchedules {
    private NestedSchedules() {
    }

    /** Throws, as torch, when a member is a ReduceLROnPlateau or steps another optimizer. */
    static void checkMembers(String owner, List<? extends LRScheduler> schedulers, Optimizer optimizer) {
        for (int i = 0; i < schedulers.size(); i++) {
            LRScheduler s = schedulers.get(i);
            if (s instanceof ReduceLROnPlateau) {
                throw new IllegalArgumentException(owner + " does not support `ReduceLROnPlateau` scheduler as it"
                        + " requires additional kwargs to be specified when calling `step`, but got one at index " + i
                        + " in the given schedulers sequence.");
            }
            if (s.optimizer() != optimizer) {
                throw new IllegalArgumentException(owner + " expects all schedulers to belong to the same optimizer,"
                        + " but got scheduler " + s.getClass().getSimpleName() + " at index " + i
                        + " which has a different optimizer.");
            }
        }
    }

    /** Puts each member's state dict under {@code _schedulers.<i>.}. */
    static void save(LRScheduler[] schedulers, Map<String, Tensor> out) {
        for (int i = 0; i < schedulers.length; i++) {
            String prefix = prefix(i);
            schedulers[i].stateDict().forEach((k, v) -> out.put(prefix + k, v));
        }
    }

    /** Loads each member from the keys under {@code _schedulers.<i>.}. */
    static void load(LRScheduler[] schedulers, StateValues.Reader r) {
        for (int i = 0; i < schedulers.length; i++) {
            String prefix = prefix(i);
            Map<String, Tensor> sub = new LinkedHashMap<>();
            for (String k : r.keysWithPrefix(prefix)) {
                sub.put(k.substring(prefix.length()), r.tensor(k));
            }
            schedulers[i].loadStateDict(sub);
        }
    }

    private static String prefix(int i) {
        return "_schedulers." + i + ".";
    }
}
