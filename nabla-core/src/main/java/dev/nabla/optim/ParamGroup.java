package dev.nabla.optim;

import dev.nabla.tensor.Tensor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A list of parameters with its own hyperparameters, as a {@code param_groups} entry in torch. Options
 * use torch's names ({@code lr}, {@code weight_decay}, {@code betas}, {@code momentum}, ...); any option
 * not set here is filled from the optimizer's defaults when the group is added. Values are doubles,
 * booleans or double arrays (betas). Schedulers read and write options too ({@code initial_lr}, ...).
 *
 * <pre>{@code
 * var opt = new SGD(List.of(
 *         ParamGroup.of(w1, b1),                    // uses the default lr
 *         ParamGroup.of(w2, b2).lr(1e-3)), 1e-2);   // its own lr
 * }</pre>
 */
public final class ParamGroup {
    private final List<Tensor> params;
    private final LinkedHashMap<String, Object> options = new LinkedHashMap<>();

    /** A group of the given parameters, with no options of its own yet. */
    public ParamGroup(Iterable<Tensor> params) {
        List<Tensor> list = new ArrayList<>();
        for (Tensor p : params) {
            if (p == null) {
                throw new IllegalArgumentException("ParamGroup: a parameter is null");
            }
            list.add(p);
        }
        this.params = Collections.unmodifiableList(list);
    }

    public static ParamGroup of(Tensor... params) {
        return new ParamGroup(List.of(params));
    }

    /** The parameters (unmodifiable). */
    public List<Tensor> params() {
        return params;
    }

    /** Sets a numeric option by torch's name; returns this. */
    public ParamGroup set(String name, double value) {
        options.put(name, value);
        return this;
    }

    /** Sets a boolean option by torch's name; returns this. */
    public ParamGroup set(String name, boolean value) {
        options.put(name, value);
        return this;
    }

    /** Sets a tuple option (e.g. betas) by torch's name; returns this. */
    public ParamGroup set(String name, double[] values) {
        options.put(name, values.clone());
        return this;
    }

    public ParamGroup lr(double lr) {
        return set("lr", lr);
    }

    public ParamGroup weightDecay(double weightDecay) {
        return set("weight_decay", weightDecay);
    }

    public ParamGroup momentum(double momentum) {
        return set("momentum", momentum);
    }

    public ParamGroup betas(double beta1, double beta2) {
        return set("betas", new double[] {beta1, beta2});
    }

    public ParamGroup eps(double eps) {
        return set("eps", eps);
    }

    public boolean has(String name) {
        return options.containsKey(name);
    }

    /** The learning rate of this group. */
    public double lr() {
        return getDouble("lr");
    }

    public double getDouble(String name) {
        Object v = require(name);
        if (!(v instanceof Double d)) {
            throw new IllegalArgumentException("param group option '" + name + "' is not a number: " + describe(v));
        }
        return d;
    }

    public boolean getBool(String name) {
        Object v = require(name);
        if (!(v instanceof Boolean b)) {
            throw new IllegalArgumentException("param group option '" + name + "' is not a boolean: " + describe(v));
        }
        return b;
    }

    /** A copy of a tuple option such as betas. */
    public double[] getDoubles(String name) {
        Object v = require(name);
        if (!(v instanceof double[] a)) {
            throw new IllegalArgumentException("param group option '" + name + "' is not a tuple: " + describe(v));
        }
        return a.clone();
    }

    /** Element {@code i} of a tuple option, without copying it (for update loops). */
    public double getDouble(String name, int i) {
        Object v = require(name);
        if (!(v instanceof double[] a) || i >= a.length) {
            throw new IllegalArgumentException("param group option '" + name + "' has no element " + i + ": " + describe(v));
        }
        return a[i];
    }

    /** The options in insertion order (unmodifiable view; tuple values must not be modified). */
    public Map<String, Object> options() {
        return Collections.unmodifiableMap(options);
    }

    /** Sets an option to a Double, Boolean or double[] (used when loading state). */
    void setRaw(String name, Object value) {
        options.put(name, value instanceof double[] a ? a.clone() : value);
    }

    void remove(String name) {
        options.remove(name);
    }

    void putDefault(String name, Object value) {
        options.putIfAbsent(name, value instanceof double[] a ? a.clone() : value);
    }

    private Object require(String name) {
        Object v = options.get(name);
        if (v == null) {
            throw new IllegalArgumentException("param group has no option '" + name + "' (it has " + options.keySet() + ")");
        }
        return v;
    }

    static String describe(Object v) {
        if (v instanceof Double d) {
            return PyFloat.repr(d);
        }
        if (v instanceof Boolean b) {
            return b ? "True" : "False";
        }
        if (v instanceof double[] a) {
            StringBuilder sb = new StringBuilder("(");
            for (int i = 0; i < a.length; i++) {
                sb.append(i > 0 ? ", " : "").append(PyFloat.repr(a[i]));
            }
            return sb.append(")").toString();
        }
        return String.valueOf(v);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("ParamGroup(").append(params.size()).append(" params");
        options.forEach((k, v) -> sb.append(", ").append(k).append('=').append(describe(v)));
        return sb.append(')').toString();
    }
}
