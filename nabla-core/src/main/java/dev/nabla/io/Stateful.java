package dev.nabla.io;

import dev.nabla.tensor.Tensor;
import java.util.Map;

/**
 * Anything whose state can be saved and restored as named tensors: modules, optimizers, schedules,
 * generators. Scalars are stored as 0-dim tensors (float32, or int64 for counts), so a whole
 * checkpoint is one safetensors file with prefixed keys.
 */
public interface Stateful {
    /** The state as an ordered map of names to tensors (copies or views; callers must not modify them). */
    Map<String, Tensor> stateDict();

    /** Restores a state produced by {@link #stateDict()}; throws naming missing, unexpected or mis-shaped keys. */
    void loadStateDict(Map<String, Tensor> state);
}
