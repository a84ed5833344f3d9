package dev.nabla.io;

import dev.nabla.tensor.DType;
import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Makes a {@link Generator} {@link Stateful}, so checkpoints restore the random stream exactly:
 * the state is one int64 tensor {@code state} of shape [{@link Generator#STATE_LENGTH}] (seed, position,
 * cached normal and the 624 MT19937 words; see {@link Generator#getState()}).
 *
 * <pre>{@code
 * Checkpoint.save(path, Map.of("model", model, "rng", new GeneratorState(gen)), epoch);
 * }</pre>
 */
public final class GeneratorState implements Stateful {
    private final Generator generator;

    public GeneratorState(Generator generator) {
        this.generator = generator;
    }

    public Generator generator() {
        return generator;
    }

    @Override
    public Map<String, Tensor> stateDict() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        out.put("state", Tensor.ofLongs(generator.getState(), Generator.STATE_LENGTH));
        return out;
    }

    @Override
    public void loadStateDict(Map<String, Tensor> state) {
        Tensor t = state.get("state");
        if (t == null || state.size() != 1) {
            throw new IllegalArgumentException("GeneratorState.loadStateDict: expected exactly the key 'state', got "
                    + state.keySet());
        }
        if (t.dtype() != DType.INT64 || t.dim() != 1 || t.size(0) != Generator.STATE_LENGTH) {
            throw new IllegalArgumentException("GeneratorState.loadStateDict: 'state' must be an int64 tensor of shape"
                    + " [" + Generator.STATE_LENGTH + "] (the MT19937 generator; checkpoints of the former SplitMix64"
                    + " generator held [3]), got " + t.dtype().torchName() + " " + Arrays.toString(t.shape()));
        }
        generator.setState(TensorCopy.longs(t));
    }
}
