package dev.nabla.optim;

import dev.nabla.autograd.GradMode;
import dev.nabla.io.Stateful;
import dev.nabla.tensor.DType;
import dev.nabla.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The base of every optimizer, as {@code torch.optim.Optimizer}: parameter groups with their own
 * hyperparameters, per-parameter state, {@link #step()}, {@link #zeroGrad()} and state dicts.
 *
 * <p>Subclasses implement {@link #update} for one parameter on raw float arrays: the parameter's
 * values and its gradient as contiguous runs of {@code n} floats. The base class walks the groups,
 * skips parameters without a gradient, turns gradient recording off, and bumps the parameter's
 * version after the write (so autograd notices stale saved tensors).
 *
 * <p>State dict keys follow torch's nesting, flattened: {@code state.<i>.<name>} for per-parameter
 * state where {@code i} counts parameters across groups in order ({@code state.0.exp_avg},
 * {@code state.0.step}), and {@code param_groups.<g>.<option>} for hyperparameters
 * ({@code param_groups.0.lr}) plus {@code param_groups.<g>.params}, the indices of the group's
 * parameters. See {@link StateValues} for how doubles are kept exact.
 */
public abstract class Optimizer implements Stateful {
    private final LinkedHashMap<String, Object> defaults;
    private final List<ParamGroup> groups = new ArrayList<>();
    private final IdentityHashMap<Tensor, ParamState> state = new IdentityHashMap<>();

    /**
     * Validates the defaults (with the subclass's messages), then adds each group, filling the options it
     * does not set from the defaults.
     */
    protected Optimizer(Collection<ParamGroup> paramGroups, Map<String, Object> defaults) {
        this.defaults = new LinkedHashMap<>(defaults);
        ParamGroup defaultsView = new ParamGroup(List.of());
        this.defaults.forEach(defaultsView::setRaw);
        validate(defaultsView);
        if (paramGroups.isEmpty()) {
            throw new IllegalArgumentException(name() + ": optimizer got an empty parameter list");
        }
        for (ParamGroup g : paramGroups) {
            addParamGroup(g);
        }
    }

    /** One group holding all of {@code params} (no group at all when there are none, which the constructor rejects). */
    protected static List<ParamGroup> singleGroup(Iterable<Tensor> params) {
        ParamGroup g = new ParamGroup(params);
        return g.params().isEmpty() ? List.of() : List.of(g);
    }

    /** Throws (with torch's message) when a group's hyperparameters are out of range. */
    protected abstract void validate(ParamGroup group);

    /**
     * Updates one parameter in place. {@code p[pOff..pOff+n)} are its values and {@code g[gOff..gOff+n)}
     * its gradient (do not write the gradient); {@code state} is this parameter's state, empty on the
     * first step. Runs with gradient recording off.
     */
    protected abstract void update(ParamGroup group, Tensor param, ParamState state,
                                   float[] p, int pOff, float[] g, int gOff, int n);

    /** The class name, used in messages and toString. */
    public String name() {
        return getClass().getSimpleName();
    }

    /** The default hyperparameters (unmodifiable). */
    public Map<String, Object> defaults() {
        return Collections.unmodifiableMap(defaults);
    }

    /** The parameter groups (unmodifiable list; the groups' options may be changed, e.g. by schedulers). */
    public List<ParamGroup> paramGroups() {
        return Collections.unmodifiableList(groups);
    }

    /**
     * Adds a group (as {@code add_param_group}): options it does not set come from the defaults. A
     * parameter may appear only once across all groups and must be a float32 leaf.
     */
    public void addParamGroup(ParamGroup group) {
        IdentityHashMap<Tensor, Boolean> seen = new IdentityHashMap<>();
        for (Tensor p : group.params()) {
            if (!p.isLeaf()) {
                throw new IllegalArgumentException(name() + ": can't optimize a non-leaf Tensor (shape "
                        + Arrays.toString(p.shape()) + ")");
            }
            if (p.dtype() != DType.FLOAT32) {
                throw new IllegalArgumentException(name() + ": can only optimize float32 tensors, got "
                        + p.dtype().torchName() + " with shape " + Arrays.toString(p.shape()));
            }
            if (seen.put(p, Boolean.TRUE) != null) {
                throw new IllegalArgumentException(name() + ": a parameter group contains the same parameter twice (shape "
                        + Arrays.toString(p.shape()) + ")");
            }
        }
        for (ParamGroup other : groups) {
            for (Tensor p : other.params()) {
                if (seen.containsKey(p)) {
                    throw new IllegalArgumentException(name() + ": some parameters appear in more than one parameter group");
                }
            }
        }
        defaults.forEach(group::putDefault);
        validate(group);
        groups.add(group);
    }

    /** The learning rate of group {@code g}. */
    public double getLr(int g) {
        return group(g).lr();
    }

    /** Sets the learning rate of group {@code g} (what schedulers do). */
    public void setLr(int g, double lr) {
        group(g).lr(lr);
    }

    private ParamGroup group(int g) {
        if (g < 0 || g >= groups.size()) {
            throw new IndexOutOfBoundsException(name() + ": param group " + g + " does not exist (there are "
                    + groups.size() + ")");
        }
        return groups.get(g);
    }

    /** Every parameter, group by group. */
    public List<Tensor> params() {
        List<Tensor> all = new ArrayList<>();
        for (ParamGroup g : groups) {
            all.addAll(g.params());
        }
        return all;
    }

    /** The state of a parameter, created empty on first use. */
    protected ParamState stateOf(Tensor param) {
        return state.computeIfAbsent(param, k -> new ParamState());
    }

    /** The state of a parameter if the optimizer holds any, else null. */
    public ParamState stateFor(Tensor param) {
        ParamState s = state.get(param);
        return s == null || s.isEmpty() ? null : s;
    }

    /** One optimization step over every parameter that has a gradient. */
    public void step() {
        try (var scope = GradMode.noGrad()) {
            for (ParamGroup group : groups) {
                for (Tensor param : group.params()) {
                    Tensor grad = param.grad();
                    if (grad != null) {
                        stepParam(group, param, grad);
                    }
                }
            }
        }
    }

    /**
     * Evaluates {@code closure} (which should zero the gradients, compute the loss and call backward)
     * with gradients on, then steps; returns the loss, as {@code step(closure)}.
     */
    public Tensor step(Supplier<Tensor> closure) {
        Tensor loss;
        try (var scope = GradMode.enableGrad()) {
            loss = closure.get();
        }
        step();
        return loss;
    }

    private void stepParam(ParamGroup group, Tensor param, Tensor grad) {
        if (grad.dtype() != DType.FLOAT32) {
            throw new IllegalArgumentException(name() + ".step: gradient must be float32 but is "
                    + grad.dtype().torchName() + " (shape " + Arrays.toString(grad.shape()) + ")");
        }
        int n = param.numel();
        float[] g;
        int gOff;
        if (grad.isContiguous()) {
            g = grad.storageFloats();
            gOff = grad.offset();
        } else {
            g = grad.contiguousFloats();
            gOff = 0;
        }
        ParamState st = stateOf(param);
        if (param.isContiguous()) {
            update(group, param, st, param.storageFloats(), param.offset(), g, gOff, n);
            param.bumpVersion();
        } else {
            // A strided view (rare): update a packed copy and scatter it back.
            float[] packed = param.toFloatArray();
            update(group, param, st, packed, 0, g, gOff, n);
            param.copyInPlace(Tensor.wrap(packed, param.shape()));
        }
    }

    /** Sets every gradient to null (torch 2's default {@code set_to_none=True}). */
    public void zeroGrad() {
        zeroGrad(true);
    }

    /** With {@code setToNone} false, zeroes existing gradients in place instead of dropping them. */
    public void zeroGrad(boolean setToNone) {
        try (var scope = GradMode.noGrad()) {
            for (ParamGroup group : groups) {
                for (Tensor p : group.params()) {
                    Tensor grad = p.grad();
                    if (grad == null) {
                        continue;
                    }
                    if (setToNone) {
                        p.setGrad(null);
                    } else {
                        grad.zeroInPlace();
                    }
                }
            }
        }
    }

    // ------------------------------------------------------------------ state dict

    @Override
    public Map<String, Tensor> stateDict() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        int index = 0;
        List<long[]> groupIndices = new ArrayList<>();
        for (ParamGroup group : groups) {
            long[] idx = new long[group.params().size()];
            for (int j = 0; j < idx.length; j++) {
                Tensor p = group.params().get(j);
                idx[j] = index;
                ParamState s = state.get(p);
                if (s != null && !s.isEmpty()) {
                    String prefix = "state." + index + ".";
                    if (s.hasStep()) {
                        StateValues.putLong(out, prefix + "step", s.step());
                    }
                    s.buffers().forEach((k, t) -> out.put(prefix + k, Tensor.of(t.toFloatArray(), t.shape())));
                }
                index++;
            }
            groupIndices.add(idx);
        }
        for (int gi = 0; gi < groups.size(); gi++) {
            String prefix = "param_groups." + gi + ".";
            groups.get(gi).options().forEach((k, v) -> putOption(out, prefix + k, v));
            StateValues.putLongs(out, prefix + "params", groupIndices.get(gi));
        }
        return out;
    }

    private static void putOption(Map<String, Tensor> out, String key, Object v) {
        switch (v) {
            case Double d -> StateValues.putDouble(out, key, d);
            case Boolean b -> StateValues.putBool(out, key, b);
            case double[] a -> StateValues.putDoubles(out, key, a);
            default -> throw new IllegalStateException("param group option " + key + " has unsupported type " + v.getClass());
        }
    }

    @Override
    public void loadStateDict(Map<String, Tensor> dict) {
        String owner = name() + ".loadStateDict";
        StateValues.Reader r = new StateValues.Reader(owner, dict);
        int savedGroups = 0;
        for (String k : dict.keySet()) {
            if (k.startsWith("param_groups.")) {
                String rest = k.substring("param_groups.".length());
                int dot = rest.indexOf('.');
                savedGroups = Math.max(savedGroups, parseIndex(owner, k, dot < 0 ? rest : rest.substring(0, dot)) + 1);
            }
        }
        if (savedGroups != groups.size()) {
            throw new IllegalArgumentException(owner + ": loaded state dict has a different number of parameter groups ("
                    + savedGroups + ", the optimizer has " + groups.size() + ")");
        }
        Map<Integer, Tensor> byIndex = new TreeMap<>();
        List<Map<String, Object>> newOptions = new ArrayList<>();
        for (int gi = 0; gi < groups.size(); gi++) {
            String prefix = "param_groups." + gi + ".";
            List<Tensor> params = groups.get(gi).params();
            long[] idx = r.getLongs(prefix + "params");
            if (idx.length != params.size()) {
                throw new IllegalArgumentException(owner + ": loaded state dict contains a parameter group that doesn't"
                        + " match the size of optimizer's group (group " + gi + ": " + idx.length + " saved, "
                        + params.size() + " in the optimizer)");
            }
            for (int j = 0; j < idx.length; j++) {
                byIndex.put((int) idx[j], params.get(j));
            }
            Map<String, Object> opts = new LinkedHashMap<>();
            for (String k : dict.keySet()) {
                if (!k.startsWith(prefix) || k.endsWith(StateValues.EXACT_SUFFIX) || k.equals(prefix + "params")) {
                    continue;
                }
                String name = k.substring(prefix.length());
                Tensor t = dict.get(k);
                if (t.dtype() == DType.BOOL) {
                    opts.put(name, r.getBool(k));
                } else if (t.dim() == 1) {
                    opts.put(name, r.getDoubles(k));
                } else {
                    opts.put(name, r.getDouble(k));
                }
            }
            newOptions.add(opts);
        }
        IdentityHashMap<Tensor, ParamState> loaded = new IdentityHashMap<>();
        for (String k : dict.keySet()) {
            if (!k.startsWith("state.")) {
                continue;
            }
            String rest = k.substring("state.".length());
            int dot = rest.indexOf('.');
            if (dot < 0) {
                throw new IllegalArgumentException(owner + ": malformed state key '" + k + "'");
            }
            int i = parseIndex(owner, k, rest.substring(0, dot));
            String name = rest.substring(dot + 1);
            Tensor param = byIndex.get(i);
            if (param == null) {
                throw new IllegalArgumentException(owner + ": key '" + k + "' names parameter " + i
                        + ", which no parameter group lists");
            }
            ParamState s = loaded.computeIfAbsent(param, p -> new ParamState());
            if (name.equals("step")) {
                s.setStep(r.getLong(k));
                continue;
            }
            Tensor t = r.tensor(k);
            if (!Arrays.equals(t.shape(), param.shape())) {
                throw new IllegalArgumentException(owner + ": state '" + k + "' has shape " + Arrays.toString(t.shape())
                        + " but parameter " + i + " has shape " + Arrays.toString(param.shape()));
            }
            s.put(name, Tensor.of(t.toFloatArray(), t.shape()));
        }
        r.finish();
        for (int gi = 0; gi < groups.size(); gi++) {
            ParamGroup g = groups.get(gi);
            Map<String, Object> opts = newOptions.get(gi);
            for (String k : new ArrayList<>(g.options().keySet())) {
                if (!opts.containsKey(k)) {
                    g.remove(k);
                }
            }
            opts.forEach(g::setRaw);
            defaults.forEach(g::putDefault);
        }
        state.clear();
        state.putAll(loaded);
    }

    private static int parseIndex(String owner, String key, String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(owner + ": malformed key '" + key + "' (expected an index after the prefix)");
        }
    }

    /** Torch's layout: the class name, then each group's options sorted by name. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(name()).append(" (\n");
        for (int gi = 0; gi < groups.size(); gi++) {
            sb.append("Parameter Group ").append(gi).append('\n');
            new TreeMap<>(groups.get(gi).options()).forEach((k, v) ->
                    sb.append("    ").append(k).append(": ").append(ParamGroup.describe(v)).append('\n'));
        }
        return sb.append(')').toString();
    }
}
