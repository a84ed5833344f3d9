package dev.nabla.nn;

import dev.nabla.nn.functional.F;
import dev.nabla.tensor.Tensor;

/**
 * Pads the last dims with a constant, reflection, replication or circular values, as PyTorch's
 * {@code ZeroPad2d}, {@code ConstantPad1d/2d}, {@code ReflectionPad1d/2d}, {@code ReplicationPad1d/2d}
 * and {@code CircularPad1d/2d}; build one with the static factories, which print PyTorch's names.
 * padding lists (left, right) for 1-D and (left, right, top, bottom) for 2-D, as {@code F.pad}.
 *
 * <pre>{@code
 * Module pad = Pad.reflection2d(1, 1, 2, 0);
 * }</pre>
 */
public final class Pad extends Module {
    private final String name;
    private final String mode;
    private final int[] padding;
    public final double value;

    private Pad(String name, String mode, int[] padding, double value, int dims) {
        if (padding.length == 1) {
            int p = padding[0];
            padding = new int[2 * dims];
            java.util.Arrays.fill(padding, p);
        }
        if (padding.length != 2 * dims) {
            throw new IllegalArgumentException(name + ": padding needs 1 or " + 2 * dims + " values, got "
                    + java.util.Arrays.toString(padding));
        }
        this.name = name;
        this.mode = mode;
        this.padding = padding.clone();
        this.value = value;
    }

    public static Pad zero2d(int... padding) {
        return new Pad("ZeroPad2d", "constant", padding, 0.0, 2);
    }

    public static Pad constant1d(double value, int... padding) {
        return new Pad("ConstantPad1d", "constant", padding, value, 1);
    }

    public static Pad constant2d(double value, int... padding) {
        return new Pad("ConstantPad2d", "constant", padding, value, 2);
    }

    public static Pad reflection1d(int... padding) {
        return new Pad("ReflectionPad1d", "reflect", padding, 0.0, 1);
    }

    public static Pad reflection2d(int... padding) {
        return new Pad("ReflectionPad2d", "reflect", padding, 0.0, 2);
    }

    public static Pad replication1d(int... padding) {
        return new Pad("ReplicationPad1d", "replicate", padding, 0.0, 1);
    }

    public static Pad replication2d(int... padding) {
        return new Pad("ReplicationPad2d", "replicate", padding, 0.0, 2);
    }

    public static Pad circular1d(int... padding) {
        return new Pad("CircularPad1d", "circular", padding, 0.0, 1);
    }

    public static Pad circular2d(int... padding) {
        return new Pad("CircularPad2d", "circular", padding, 0.0, 2);
    }

    public int[] padding() {
        return padding.clone();
    }

    @Override
    protected String typeName() {
        return name;
    }

    @Override
    public Tensor forward(Tensor input) {
        return F.pad(input, padding, mode, (float) value);
    }

    @Override
    protected String extraRepr() {
        String s = py(padding);
        return name.startsWith("ConstantPad") ? "padding=" + s + ", value=" + py(value) : s;
    }
}
