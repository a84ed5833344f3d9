package dev.nabla.train.plot;

import dev.nabla.nn.Module;
import dev.nabla.nn.RemovableHandle;
import dev.nabla.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Records the outputs of chosen submodules with forward hooks, for feature-map plots. Close it
 * (try-with-resources) to remove the hooks.
 *
 * <pre>{@code
 * try (var cap = FeatureMapCapture.of(model, "0", "4")) {   // names from namedModules()
 *     model.call(image.unsqueeze(0));
 *     Tensor conv1 = cap.output("0");                      // (1, 16, 28, 28)
 * }
 * }</pre>
 */
public final class FeatureMapCapture implements AutoCloseable {
    private final Map<String, Tensor> outputs = new LinkedHashMap<>();
    private final List<RemovableHandle> handles = new ArrayList<>();

    private FeatureMapCapture() {}

    public static FeatureMapCapture of(Module model, String... names) {
        FeatureMapCapture cap = new FeatureMapCapture();
        Map<String, Module> modules = model.namedModules();
        for (String name : names) {
            Module m = modules.get(name);
            if (m == null) {
                throw new IllegalArgumentException("feature maps: the model has no submodule '" + name
                        + "' (it has " + modules.keySet() + ")");
            }
            cap.handles.add(m.registerForwardHook((mod, in, out) -> {
                cap.outputs.put(name, out.detach());
                return null;
            }));
        }
        return cap;
    }

    /** The last output of the named module; throws if it has not run. */
    public Tensor output(String name) {
        Tensor t = outputs.get(name);
        if (t == null) {
            throw new IllegalStateException("feature maps: module '" + name + "' has not run since capture began");
        }
        return t;
    }

    @Override
    public void close() {
        for (RemovableHandle h : handles) {
            h.remove();
        }
        handles.clear();
    }
}
