package dev.nabla.nn;

import dev.nabla.tensor.Tensor;
import java.util.Iterator;
import java.util.Map;

/**
 * Runs modules in order, each on the previous one's output, as {@code torch.nn.Sequential}.
 * Children are named "0", "1", ..., so state-dict keys read {@code 0.weight}, {@code 2.bias}.
 *
 * <pre>{@code
 * Sequential mlp = new Sequential(new Linear(784, 500), new ReLU(), new Linear(500, 10));
 * Tensor logits = mlp.call(x);
 * }</pre>
 */
public final class Sequential extends Module implements Iterable<Module> {
    private int size;
    /** The modules in order (null where absent), kept beside the registry so forward builds no list per call. */
    private final java.util.List<Module> order = new java.util.ArrayList<>();

    public Sequential(Module... modules) {
        for (Module m : modules) {
            add(m);
        }
    }

    /** Children with the given names, in the map's iteration order (as an OrderedDict). */
    public Sequential(Map<String, ? extends Module> named) {
        for (Map.Entry<String, ? extends Module> e : named.entrySet()) {
            registerModule(e.getKey(), e.getValue());
            order.add(e.getValue());
            size++;
        }
    }

    /** Appends a module under the next index, as {@code append}; returns this. */
    public Sequential add(Module module) {
        registerModule(Integer.toString(size), module);
        order.add(module);
        size++;
        return this;
    }

    /** The i-th module (negative counts from the end). */
    public Module get(int i) {
        int k = i < 0 ? i + size : i;
        if (k < 0 || k >= size) {
            throw new IndexOutOfBoundsException("Sequential: index " + i + " is out of range for " + size + " modules");
        }
        return order.get(k);
    }

    public int size() {
        return size;
    }

    @Override
    public Iterator<Module> iterator() {
        return children().iterator();
    }

    @Override
    public Tensor forward(Tensor input) {
        Tensor x = input;
        for (int i = 0; i < order.size(); i++) {
            Module m = order.get(i);
            if (m == null) {
                continue;
            }
            int fused = EvalFusion.span(order, i, x);   // conv + eval batch norm (+ ReLU) without grad
            if (fused > 0) {
                x = EvalFusion.run(order, i, fused, x);
                i += fused - 1;
            } else {
                x = m.call(x);
            }
        }
        return x;
    }
}
