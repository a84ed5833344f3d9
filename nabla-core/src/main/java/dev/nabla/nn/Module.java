package dev.nabla.nn;

import dev.nabla.autograd.GradMode;
import dev.nabla.io.Stateful;
import dev.nabla.io.TensorCopy;
import dev.nabla.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The base of every layer and model, as {@code torch.nn.Module}.
 *
 * <p>A module owns named parameters (trainable tensors), buffers (state such as running means) and
 * submodules, each registered explicitly in the constructor; nothing is found by reflection, so
 * names and order are exactly those given, and {@link #stateDict()} keys are PyTorch's dotted keys
 * ({@code features.0.weight}, {@code bn.running_mean}).
 *
 * <pre>{@code
 * final class Net extends Module {
 *     private final Linear fc1 = registerModule("fc1", new Linear(784, 100));
 *     private final Linear fc2 = registerModule("fc2", new Linear(100, 10));
 *     public Tensor forward(Tensor x) { return fc2.call(F.relu(fc1.call(x))); }
 * }
 * }</pre>
 *
 * Call a module with {@link #call(Tensor)} (runs hooks), not {@link #forward(Tensor)}.
 */
public abstract class Module implements Stateful {
    private final LinkedHashMap<String, Tensor> parameters = new LinkedHashMap<>();
    private final LinkedHashMap<String, Tensor> buffers = new LinkedHashMap<>();
    private final Set<String> nonPersistent = new LinkedHashSet<>();
    private final LinkedHashMap<String, Module> modules = new LinkedHashMap<>();
    private final LinkedHashMap<Integer, ForwardPreHook> preHooks = new LinkedHashMap<>();
    private final LinkedHashMap<Integer, ForwardHook> hooks = new LinkedHashMap<>();
    private int nextHookId;
    private boolean training = true;

    /** The computation; subclasses implement it, callers use {@link #call(Tensor)}. */
    public abstract Tensor forward(Tensor input);

    /** True when forward hooks or pre-hooks are registered (they must see this module's own output). */
    final boolean hasHooks() {
        return !preHooks.isEmpty() || !hooks.isEmpty();
    }

    /** Runs the forward pre-hooks, {@link #forward(Tensor)} and the forward hooks, as {@code module(x)}. */
    public final Tensor call(Tensor input) {
        if (preHooks.isEmpty() && hooks.isEmpty()) {
            return forward(input);
        }
        return callHooked(new Tensor[] {input}, in -> forward(in[0]));
    }

    /**
     * Runs {@code body} between the hooks; modules whose forward takes several tensors (losses,
     * attention) use it so hooks see all of them.
     */
    protected final Tensor callHooked(Tensor[] inputs, Function<Tensor[], Tensor> body) {
        if (preHooks.isEmpty() && hooks.isEmpty()) {
            return body.apply(inputs);
        }
        Tensor[] in = inputs;
        for (ForwardPreHook h : new ArrayList<>(preHooks.values())) {
            Tensor[] replaced = h.apply(this, in);
            if (replaced != null) {
                if (replaced.length != in.length) {
                    throw new IllegalStateException(typeName() + ": forward pre-hook returned " + replaced.length
                            + " inputs, expected " + in.length);
                }
                in = replaced;
            }
        }
        Tensor out = body.apply(in);
        for (ForwardHook h : new ArrayList<>(hooks.values())) {
            Tensor replaced = h.apply(this, in, out);
            if (replaced != null) {
                out = replaced;
            }
        }
        return out;
    }

    /** Adds a hook run before forward; returns the handle that removes it. */
    public final RemovableHandle registerForwardPreHook(ForwardPreHook hook) {
        int id = nextHookId++;
        preHooks.put(id, hook);
        return new RemovableHandle(() -> preHooks.remove(id));
    }

    /** Adds a hook run after forward; returns the handle that removes it. */
    public final RemovableHandle registerForwardHook(ForwardHook hook) {
        int id = nextHookId++;
        hooks.put(id, hook);
        return new RemovableHandle(() -> hooks.remove(id));
    }

    // ------------------------------------------------------------------ registration

    /**
     * Registers a trainable tensor under {@code name} (marking it as requiring gradients) and
     * returns it; null registers an absent parameter (as {@code bias=False}), which is skipped
     * by {@link #parameters()} and {@link #stateDict()}. Registering a name again replaces it.
     */
    protected final Tensor registerParameter(String name, Tensor tensor) {
        checkName(name, "parameter", parameters);
        if (tensor != null) {
            if (!tensor.isLeaf()) {
                throw new IllegalArgumentException(typeName() + ".registerParameter: '" + name
                        + "' must be a leaf tensor (use detach()), got the result of an op");
            }
            if (tensor.dtype() != dev.nabla.tensor.DType.FLOAT32) {
                throw new IllegalArgumentException(typeName() + ".registerParameter: '" + name + "' must be float32 to"
                        + " be trained, got " + tensor.dtype().torchName() + " " + Arrays.toString(tensor.shape())
                        + " (register it as a buffer instead)");
            }
            tensor.requiresGrad(true);
        }
        parameters.put(name, tensor);
        return tensor;
    }

    /** Registers a persistent buffer (saved in the state dict, not trained) and returns it. */
    protected final Tensor registerBuffer(String name, Tensor tensor) {
        return registerBuffer(name, tensor, true);
    }

    /** Registers a buffer; a non-persistent one is left out of {@link #stateDict()}. Null is allowed. */
    protected final Tensor registerBuffer(String name, Tensor tensor, boolean persistent) {
        checkName(name, "buffer", buffers);
        buffers.put(name, tensor);
        if (persistent) {
            nonPersistent.remove(name);
        } else {
            nonPersistent.add(name);
        }
        return tensor;
    }

    /** Registers a submodule under {@code name} and returns it (null allowed, as PyTorch). */
    protected final <M extends Module> M registerModule(String name, M module) {
        checkName(name, "module", modules);
        if (module == this) {
            throw new IllegalArgumentException(typeName() + ".registerModule: a module cannot contain itself");
        }
        modules.put(name, module);
        return module;
    }

    private void checkName(String name, String kind, Map<String, ?> own) {
        if (name == null || name.isEmpty() || name.contains(".")) {
            throw new IllegalArgumentException(typeName() + ": " + kind + " name must be non-empty and contain no '.'"
                    + ", got " + (name == null ? "null" : "'" + name + "'"));
        }
        if ((own != parameters && parameters.containsKey(name)) || (own != buffers && buffers.containsKey(name))
                || (own != modules && modules.containsKey(name))) {
            throw new IllegalArgumentException(typeName() + ": cannot register " + kind + " '" + name
                    + "': the name is already used by another attribute");
        }
    }

    /** The parameter registered directly on this module under {@code name} (may be null). */
    public final Tensor getParameter(String name) {
        requireKey(parameters, name, "parameter");
        return parameters.get(name);
    }

    /** The buffer registered directly on this module under {@code name} (may be null). */
    public final Tensor getBuffer(String name) {
        requireKey(buffers, name, "buffer");
        return buffers.get(name);
    }

    /** The submodule registered directly on this module under {@code name}. */
    public final Module getModule(String name) {
        requireKey(modules, name, "submodule");
        return modules.get(name);
    }

    /** The descendant at a dotted path such as {@code features.0}, as {@code get_submodule}; "" is this module. */
    public final Module getSubmodule(String target) {
        if (target.isEmpty()) {
            return this;
        }
        Module m = this;
        String path = "";
        for (String part : target.split("\\.", -1)) {
            if (m == null || !m.modules.containsKey(part)) {
                throw new IllegalArgumentException((m == null ? "None" : m.typeName()) + (path.isEmpty() ? "" : " at '"
                        + path + "'") + " has no submodule '" + part + "' (looking for '" + target + "')");
            }
            m = m.modules.get(part);
            path = path.isEmpty() ? part : path + "." + part;
        }
        if (m == null) {
            throw new IllegalArgumentException("submodule '" + target + "' is None");
        }
        return m;
    }

    private void requireKey(Map<String, ?> map, String name, String kind) {
        if (!map.containsKey(name)) {
            throw new IllegalArgumentException(typeName() + " has no " + kind + " '" + name + "' (it has "
                    + map.keySet() + ")");
        }
    }

    // ------------------------------------------------------------------ traversal

    /** Every parameter of this module and its descendants, each once, in registration order. */
    public final List<Tensor> parameters() {
        return new ArrayList<>(namedParameters().values());
    }

    /** Parameters by dotted name ({@code features.0.weight}); a shared tensor appears once, under its first name. */
    public final Map<String, Tensor> namedParameters() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        Set<Tensor> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Map.Entry<String, Module> e : namedModules().entrySet()) {
            String prefix = e.getKey().isEmpty() ? "" : e.getKey() + ".";
            for (Map.Entry<String, Tensor> p : e.getValue().parameters.entrySet()) {
                if (p.getValue() != null && seen.add(p.getValue())) {
                    out.put(prefix + p.getKey(), p.getValue());
                }
            }
        }
        return out;
    }

    /** Every buffer (persistent or not) of this module and its descendants. */
    public final List<Tensor> buffers() {
        return new ArrayList<>(namedBuffers().values());
    }

    /** Buffers by dotted name ({@code bn.running_mean}), each tensor once. */
    public final Map<String, Tensor> namedBuffers() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        Set<Tensor> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Map.Entry<String, Module> e : namedModules().entrySet()) {
            String prefix = e.getKey().isEmpty() ? "" : e.getKey() + ".";
            for (Map.Entry<String, Tensor> b : e.getValue().buffers.entrySet()) {
                if (b.getValue() != null && seen.add(b.getValue())) {
                    out.put(prefix + b.getKey(), b.getValue());
                }
            }
        }
        return out;
    }

    /** The direct submodules, in registration order (absent ones skipped). */
    public final List<Module> children() {
        return new ArrayList<>(namedChildren().values());
    }

    /** The direct submodules by name. */
    public final Map<String, Module> namedChildren() {
        Map<String, Module> out = new LinkedHashMap<>();
        for (Map.Entry<String, Module> e : modules.entrySet()) {
            if (e.getValue() != null) {
                out.put(e.getKey(), e.getValue());
            }
        }
        return out;
    }

    /** This module (name "") and every descendant by dotted name, depth first, each once. */
    public final Map<String, Module> namedModules() {
        Map<String, Module> out = new LinkedHashMap<>();
        collectModules("", out, Collections.newSetFromMap(new IdentityHashMap<>()));
        return out;
    }

    /** This module and every descendant, each once. */
    public final List<Module> modules() {
        return new ArrayList<>(namedModules().values());
    }

    private void collectModules(String prefix, Map<String, Module> out, Set<Module> seen) {
        if (!seen.add(this)) {
            return;
        }
        out.put(prefix, this);
        for (Map.Entry<String, Module> e : modules.entrySet()) {
            if (e.getValue() != null) {
                e.getValue().collectModules(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), out, seen);
            }
        }
    }

    /** Calls {@code fn} on every submodule (children first) and then on this one, as {@code apply}; returns this. */
    public Module apply(Consumer<Module> fn) {
        for (Module m : children()) {
            m.apply(fn);
        }
        fn.accept(this);
        return this;
    }

    /** The total number of parameter elements (each shared tensor counted once). */
    public final long numParameters() {
        long n = 0;
        for (Tensor p : parameters()) {
            n += p.numel();
        }
        return n;
    }

    // ------------------------------------------------------------------ modes and gradients

    /** Sets training mode on this module and every descendant; returns this. */
    public Module train(boolean mode) {
        training = mode;
        for (Module m : children()) {
            m.train(mode);
        }
        return this;
    }

    /** Training mode (dropout active, batch norm updating its statistics); returns this. */
    public final Module train() {
        return train(true);
    }

    /** Evaluation mode, as {@code eval()}; returns this. */
    public final Module eval() {
        return train(false);
    }

    public final boolean isTraining() {
        return training;
    }

    /** Sets every parameter's gradient to null, as {@code zero_grad(set_to_none=True)}. */
    public final void zeroGrad() {
        for (Tensor p : parameters()) {
            p.setGrad(null);
        }
    }

    /** Freezes ({@code false}) or unfreezes every parameter, as {@code requires_grad_}; returns this. */
    public final Module requiresGrad(boolean on) {
        for (Tensor p : parameters()) {
            p.requiresGrad(on);
        }
        return this;
    }

    // ------------------------------------------------------------------ state dict

    /**
     * Parameters and persistent buffers by PyTorch's dotted keys, as detached views sharing the
     * module's storage (not copies). Shared tensors appear under every name, as in PyTorch.
     */
    @Override
    public final Map<String, Tensor> stateDict() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        collectState("", out, Collections.newSetFromMap(new IdentityHashMap<>()));
        return out;
    }

    /** A submodule shared under two names is saved under both, as in PyTorch; only cycles are refused. */
    private void collectState(String prefix, Map<String, Tensor> out, Set<Module> onPath) {
        if (!onPath.add(this)) {
            throw new IllegalStateException(typeName() + " contains itself (at '" + prefix + "'): module trees"
                    + " must not have cycles");
        }
        for (Map.Entry<String, Tensor> p : parameters.entrySet()) {
            if (p.getValue() != null) {
                out.put(prefix + p.getKey(), p.getValue().detach());
            }
        }
        for (Map.Entry<String, Tensor> b : buffers.entrySet()) {
            if (b.getValue() != null && !nonPersistent.contains(b.getKey())) {
                out.put(prefix + b.getKey(), b.getValue().detach());
            }
        }
        for (Map.Entry<String, Module> e : modules.entrySet()) {
            if (e.getValue() != null) {
                e.getValue().collectState(prefix + e.getKey() + ".", out, onPath);
            }
        }
        onPath.remove(this);
    }

    /** Strict load: every key must match. */
    @Override
    public final void loadStateDict(Map<String, Tensor> state) {
        loadStateDict(state, true);
    }

    /**
     * Copies values from {@code state} into this module's tensors (under no-grad, keeping their
     * identity so optimizers still hold them). Shape mismatches always fail; with {@code strict},
     * missing and unexpected keys fail too. Nothing is changed unless the whole load is valid, and
     * one {@link StateDictException} lists every problem.
     *
     * @return the missing and unexpected keys (both empty after a strict load)
     */
    public final LoadResult loadStateDict(Map<String, Tensor> state, boolean strict) {
        Map<String, Tensor> own = stateDict();
        state = withLegacyDefaults(state);
        List<String> missing = new ArrayList<>();
        List<String> unexpected = new ArrayList<>();
        List<String> mismatched = new ArrayList<>();
        for (Map.Entry<String, Tensor> e : own.entrySet()) {
            Tensor src = state.get(e.getKey());
            if (src == null) {
                missing.add(e.getKey());
            } else if (!Arrays.equals(src.shape(), e.getValue().shape())) {
                mismatched.add("size mismatch for " + e.getKey() + ": copying a param with shape "
                        + Arrays.toString(src.shape()) + " from checkpoint, the shape in current model is "
                        + Arrays.toString(e.getValue().shape()) + ".");
            }
        }
        for (String k : state.keySet()) {
            if (!own.containsKey(k)) {
                unexpected.add(k);
            }
        }
        if (!mismatched.isEmpty() || (strict && (!missing.isEmpty() || !unexpected.isEmpty()))) {
            throw new StateDictException(typeName(), strict ? missing : List.of(), strict ? unexpected : List.of(),
                    mismatched);
        }
        try (var scope = GradMode.noGrad()) {
            for (Map.Entry<String, Tensor> e : own.entrySet()) {
                Tensor src = state.get(e.getKey());
                if (src != null) {
                    TensorCopy.copyExact(e.getValue(), src);
                }
            }
        }
        return new LoadResult(List.copyOf(missing), List.copyOf(unexpected));
    }

    /**
     * Values for state keys that files from older PyTorch versions lack, by local name, used when
     * the key is missing (as PyTorch's versioned {@code _load_from_state_dict}; BatchNorm's
     * {@code num_batches_tracked} is the case). Empty by default.
     */
    protected Map<String, Tensor> legacyStateDefaults() {
        return Map.of();
    }

    private Map<String, Tensor> withLegacyDefaults(Map<String, Tensor> state) {
        Map<String, Tensor> merged = null;
        for (Map.Entry<String, Module> m : namedModules().entrySet()) {
            String prefix = m.getKey().isEmpty() ? "" : m.getKey() + ".";
            for (Map.Entry<String, Tensor> d : m.getValue().legacyStateDefaults().entrySet()) {
                String key = prefix + d.getKey();
                if (!state.containsKey(key)) {
                    if (merged == null) {
                        merged = new LinkedHashMap<>(state);
                    }
                    merged.put(key, d.getValue());
                }
            }
        }
        return merged == null ? state : merged;
    }

    /** What a non-strict {@link #loadStateDict(Map, boolean)} skipped, as PyTorch's {@code _IncompatibleKeys}. */
    public record LoadResult(List<String> missingKeys, List<String> unexpectedKeys) {
    }

    // ------------------------------------------------------------------ printing

    /** The type name printed by {@link #toString()}; the class's simple name. */
    protected String typeName() {
        return getClass().getSimpleName();
    }

    /** The arguments printed inside the parentheses, e.g. {@code in_features=784, out_features=500, bias=True}. */
    protected String extraRepr() {
        return "";
    }

    /** The module tree, formatted as PyTorch prints it. */
    @Override
    public String toString() {
        List<String> extraLines = new ArrayList<>();
        String extra = extraRepr();
        if (!extra.isEmpty()) {
            extraLines.addAll(Arrays.asList(extra.split("\n", -1)));
        }
        List<String> childLines = new ArrayList<>();
        for (Map.Entry<String, Module> e : modules.entrySet()) {
            String s = e.getValue() == null ? "None" : e.getValue().toString();
            childLines.add("(" + e.getKey() + "): " + s.replace("\n", "\n  "));
        }
        StringBuilder sb = new StringBuilder(typeName()).append('(');
        if (!extraLines.isEmpty() || !childLines.isEmpty()) {
            if (extraLines.size() == 1 && childLines.isEmpty()) {
                sb.append(extraLines.get(0));
            } else {
                List<String> lines = new ArrayList<>(extraLines);
                lines.addAll(childLines);
                sb.append("\n  ").append(String.join("\n  ", lines)).append('\n');
            }
        }
        return sb.append(')').toString();
    }

    /** Python's spelling of a boolean, for {@link #extraRepr()}. */
    protected static String py(boolean b) {
        return b ? "True" : "False";
    }

    /**
     * Python's spelling of a tuple of ints, e.g. {@code (3, 3)} or {@code (3,)}; pass an array for one
     * element (a lone int binds to {@link #py(double)}).
     */
    protected static String py(int... v) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < v.length; i++) {
            sb.append(i > 0 ? ", " : "").append(v[i]);
        }
        return sb.append(v.length == 1 ? ",)" : ")").toString();
    }

    /** Python's spelling of a float ({@code 0.1}, {@code 1e-05}, {@code 1.0}), for {@link #extraRepr()}. */
    protected static String py(double d) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (d == 0) {
            return 1 / d < 0 ? "-0.0" : "0.0";
        }
        // Python's repr: the shortest round-trip digits, plain for 1e-4 <= |d| < 1e16, else 1e-05 style.
        java.math.BigDecimal b = new java.math.BigDecimal(Double.toString(d)).stripTrailingZeros();
        int exp = b.precision() - b.scale() - 1;
        if (exp >= -4 && exp < 16) {
            String s = b.toPlainString();
            return s.contains(".") ? s : s + ".0";
        }
        String digits = b.unscaledValue().abs().toString();
        String mant = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        return (d < 0 ? "-" : "") + mant + "e" + (exp < 0 ? "-" : "+") + (Math.abs(exp) < 10 ? "0" : "") + Math.abs(exp);
    }
}
