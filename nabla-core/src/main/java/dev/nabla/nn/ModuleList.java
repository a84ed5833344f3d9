package dev.nabla.nn;

import dev.nabla.tensor.Tensor;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

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

    /** Appends every module, as {@code extend}; returns this. */
    public ModuleList addAll(Iterable<? extends Module> modules) {
        for (Module m : modules) {
            add(m);
        }
        return this;
    }

    /**
     * PyTorch 2's printout: runs of modules that print the same are folded into one line, e.g.
     * {@code (0-5): 6 x TransformerEncoderLayer(...)}.
     */
    @Override
    public String toString() {
        List<Module> items = children();
        if (items.isEmpty()) {
            return typeName() + "()";
        }
        List<String> lines = new ArrayList<>();
        int start = 0;
        String block = items.get(0).toString();
        for (int i = 1; i <= items.size(); i++) {
            String r = i < items.size() ? items.get(i).toString() : null;
            if (block.equals(r)) {
                continue;
            }
            int end = i - 1;
            String line = start == end ? "(" + start + "): " + block
                    : "(" + start + "-" + end + "): " + (end - start + 1) + " x " + block;
            lines.add(line.replace("\n", "\n  "));
            start = i;
            block = r;
        }
        return typeName() + "(\n  " + String.join("\n  ", lines) + "\n)";
    }

    @Override
    public Tensor forward(Tensor input) {
        throw new UnsupportedOperationException("ModuleList has no forward: iterate over its modules instead");
    }
}
