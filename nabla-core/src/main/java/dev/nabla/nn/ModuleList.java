package dev.nabla.nn;

import dev.nabla.tensor.Tensor;
import java.util.Iterator;

/**
 * A list of submodules registered under "0", "1", ..., as {@code torch.nn.ModuleList}; it has no
 * forward of its own: the owner iterates over it.
 */
public final class ModuleList extends Module implements Iterable<Module> {
    private int size;

    public ModuleList(Module... modules) {
        for (Module m : modules) {
            add(m);
        }
    }

    /** Appends a module, as {@code append}; returns this. */
    public ModuleList add(Module module) {
        registerModule(Integer.toString(size), module);
        size++;
        return this;
    }

    /** The i-th module (negative counts from the end). */
    public Module get(int i) {
        int k = i < 0 ? i + size : i;
        if (k < 0 || k >= size) {
            throw new IndexOutOfBoundsException("ModuleList: index " + i + " is out of range for " + size + " modules");
        }
        return getModule(Integer.toString(k));
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
        throw new UnsupportedOperationException("ModuleList has no forward: iterate over its modules instead");
    }
}
