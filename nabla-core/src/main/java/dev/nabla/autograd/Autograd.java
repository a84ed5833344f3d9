package dev.nabla.autograd;

import dev.nabla.tensor.Tensor;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reverse-mode automatic differentiation: ops call {@link #record} to attach their backward rule,
 * and {@link #backward} walks the graph from a root in reverse topological order, summing the
 * gradients of tensors used more than once and accumulating into the {@code grad} of leaves.
 */
public final class Autograd {
    private Autograd() {
    }

    /** True when an op applied to these inputs must be recorded. */
    public static boolean needsGrad(Tensor... inputs) {
        if (!GradMode.isEnabled()) {
            return false;
        }
        for (Tensor t : inputs) {
            if (t != null && t.requiresGrad()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Attaches a backward rule to {@code out} if any input requires grad and recording is on.
     *
     * @param out    the op's freshly made output
     * @param op     the op name for messages
     * @param inputs the inputs, in the order the rule returns their gradients
     * @param saved  tensors the rule reads; an in-place change to any of them makes backward fail
     * @param fn     the rule
     * @return {@code out}
     */
    public static Tensor record(Tensor out, String op, Tensor[] inputs, Tensor[] saved, BackwardFn fn) {
        if (needsGrad(inputs)) {
            out.attachGradFn(new Node(op, inputs, saved == null ? new Tensor[0] : saved, fn));
        }
        return out;
    }

    /** Shorthand for {@link #record} with no saved tensors beyond what the closure captures. */
    public static Tensor record(Tensor out, String op, Tensor[] inputs, BackwardFn fn) {
        return record(out, op, inputs, null, fn);
    }

    /**
     * Computes the gradients of {@code root} with respect to every leaf that requires grad.
     *
     * @param gradRoot    d(loss)/d(root); null means ones, allowed only for a single-element root
     * @param retainGraph keep the graph so backward can run through it again
     */
    public static void backward(Tensor root, Tensor gradRoot, boolean retainGraph) {
        if (!root.requiresGrad()) {
            throw new IllegalStateException("backward: element 0 of tensors does not require grad and does not have a"
                    + " grad_fn (shape " + Arrays.toString(root.shape()) + "); call requiresGrad(true) on the inputs");
        }
        long clock = Tensor.storageClock();
        if (gradRoot == null) {
            if (root.numel() != 1) {
                throw new IllegalArgumentException("backward: grad can be implicitly created only for scalar outputs,"
                        + " but the output has shape " + Arrays.toString(root.shape())
                        + "; pass a gradient of that shape");
            }
            gradRoot = Tensor.onesLike(root);
        } else if (!Arrays.equals(gradRoot.shape(), root.shape())) {
            throw new IllegalArgumentException("backward: gradient has shape " + Arrays.toString(gradRoot.shape())
                    + " but the output has shape " + Arrays.toString(root.shape()));
        }
        try (var scope = GradMode.noGrad()) {
            if (root.gradFn() == null) {
                accumulateLeaf(root, gradRoot);
                return;
            }
            List<Node> order = topologicalOrder(root.gradFn());
            Map<Node, Tensor> pending = new IdentityHashMap<>();
            // Leaf gradients are summed here and installed once every rule has run, when the arrays the
            // rules made are referenced by nothing else and can become .grad without a copy.
            Map<Tensor, Tensor> leafGrads = new IdentityHashMap<>();
            pending.put(root.gradFn(), gradRoot);
            for (Node node : order) {
                Tensor g = pending.remove(node);
                if (g == null) {
                    continue;
                }
                Tensor[] grads = node.runBackward(g);
                if (!retainGraph) {
                    node.free();
                }
                for (int i = 0; i < node.inputs.length; i++) {
                    Tensor in = node.inputs[i];
                    if (in == null || !in.requiresGrad() || i >= grads.length || grads[i] == null) {
                        continue;
                    }
                    Tensor gi = grads[i];
                    if (!Arrays.equals(gi.shape(), in.shape())) {
                        throw new IllegalStateException("backward of '" + node.op + "' returned a gradient of shape "
                                + Arrays.toString(gi.shape()) + " for input " + i + " of shape "
                                + Arrays.toString(in.shape()));
                    }
                    Node producer = in.gradFn();
                    if (producer == null) {
                        Tensor prev = leafGrads.get(in);
                        leafGrads.put(in, prev == null ? gi : prev.add(gi));
                    } else {
                        Tensor prev = pending.get(producer);
                        pending.put(producer, prev == null ? gi : prev.add(gi));
                    }
                }
            }
            installLeafGrads(leafGrads, clock);
        }
    }

    /**
     * Adds each leaf's summed gradient to its {@code grad}, or makes it the {@code grad}: without a
     * copy when the rules made it during this pass as a whole storage that no other leaf takes.
     */
    private static void installLeafGrads(Map<Tensor, Tensor> leafGrads, long clock) {
        Set<float[]> taken = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Map.Entry<Tensor, Tensor> e : leafGrads.entrySet()) {
            Tensor leaf = e.getKey();
            Tensor g = e.getValue();
            if (leaf.grad() == null && g.isWholeStorageNewerThan(clock) && taken.add(g.storageFloats())) {
                leaf.setGrad(g);
            } else {
                accumulateLeaf(leaf, g);
            }
        }
    }

    private static void accumulateLeaf(Tensor leaf, Tensor g) {
        Tensor current = leaf.grad();
        if (current == null) {
            leaf.setGrad(g.contiguousCopy());
        } else {
            current.addInPlace(g);
        }
    }

    /** Nodes ordered so every node comes before the nodes that produced its inputs (iterative DFS). */
    private static List<Node> topologicalOrder(Node root) {
        List<Node> post = new ArrayList<>();
        Map<Node, Boolean> visited = new IdentityHashMap<>();
        ArrayDeque<Object[]> stack = new ArrayDeque<>();
        stack.push(new Object[] {root, 0});
        visited.put(root, Boolean.TRUE);
        while (!stack.isEmpty()) {
            Object[] top = stack.peek();
            Node n = (Node) top[0];
            int i = (Integer) top[1];
            if (i < n.inputs.length) {
                top[1] = i + 1;
                Tensor in = n.inputs[i];
                Node child = in == null ? null : in.gradFn();
                if (child != null && visited.put(child, Boolean.TRUE) == null) {
                    stack.push(new Object[] {child, 0});
                }
            } else {
                stack.pop();
                post.add(n);
            }
        }
        java.util.Collections.reverse(post);
        return post;
    }
}
