package dev.nabla.nn;

import dev.nabla.tensor.Tensor;
import java.util.Map;
import java.util.Set;

/**
 * Submodules by string key in insertion order, as {@code torch.nn.ModuleDict}; it has no forward
 * of its own.
 */
public final class ModuleDict extends Module {
    public ModuleDict() {
    }

    public ModuleDict(Map<String, ? extends Module> modules) {
        for (Map.Entry<String, ? extends Module> e : modules.entrySet()) {
            put(e.getKey(), e.getValue());
        }
    }

    /** Adds or replaces the module under {@code key}; returns it. */
    public <M extends Module> M put(String key, M module) {
        return registerModule(key, module);
    }

    public Module get(String key) {
        return getModule(key);
    }

    public boolean containsKey(String key) {
        return namedChildren().containsKey(key);
    }

    public Set<String> keys() {
        return namedChildren().keySet();
    }

    public int size() {
        return namedChildren().size();
    }

    @Override
    public Tensor forward(Tensor input) {
        throw new UnsupportedOperationException("ModuleDict has no forward: call its modules by key instead");
    }
}
