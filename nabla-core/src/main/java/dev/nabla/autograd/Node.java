package dev.nabla.autograd;

import dev.nabla.tensor.Tensor;

/**
 * One recorded op in the autograd graph (PyTorch's {@code grad_fn}). It keeps the inputs, the
 * tensors its backward rule reads (with their storage versions at record time, to catch in-place
 * changes) and the rule itself. After a backward pass without retainGraph the rule and the saved
 * tensors are dropped, and a second pass fails loudly.
 */
public final class Node {
    final String op;
    final Tensor[] inputs;
    private Tensor[] saved;
    private int[] savedVersions;
    private BackwardFn fn;
    private boolean freed;

    Node(String op, Tensor[] inputs, Tensor[] saved, BackwardFn fn) {
        this.op = op;
        this.inputs = inputs;
        this.saved = saved;
        this.fn = fn;
        this.savedVersions = new int[saved.length];
        for (int i = 0; i < saved.length; i++) {
            savedVersions[i] = saved[i] == null ? 0 : saved[i].version();
        }
    }

    /** The op's name, e.g. {@code mul}; shown in error messages and in a tensor's printout. */
    public String op() {
        return op;
    }

    /** The inputs this op was applied to. */
    public Tensor[] inputs() {
        return inputs.clone();
    }

    Tensor[] runBackward(Tensor gradOutput) {
        if (freed) {
            throw new IllegalStateException("backward: trying to backward through the graph a second time (op '" + op
                    + "'): its saved tensors were freed after the first backward; call backward(retainGraph=true) the"
                    + " first time if you need to backward twice");
        }
        for (int i = 0; i < saved.length; i++) {
            if (saved[i] != null && saved[i].version() != savedVersions[i]) {
                throw new IllegalStateException("backward: a tensor of shape " + java.util.Arrays.toString(saved[i].shape())
                        + " needed to compute the gradient of '" + op + "' was modified by an in-place operation"
                        + " (version " + savedVersions[i] + " at record time, now " + saved[i].version() + ")");
            }
        }
        return fn.apply(gradOutput);
    }

    void free() {
        freed = true;
        fn = null;
        saved = null;
    }

    @Override
    public String toString() {
        return op + "Backward";
    }
}
