package dev.nabla.nn;

import dev.nabla.tensor.Generator;

/**
 * The options every convolution layer's builder takes ({@link Conv1d.Builder}, {@link Conv2d.Builder},
 * {@link ConvTranspose2d.Builder}), named as PyTorch's keyword arguments, with PyTorch's defaults:
 * groups 1, bias, the default generator. The spatial options (stride, padding, ...) are set by each
 * builder, as one int or one per dim.
 *
 * @param <B> the concrete builder, returned by the setters for chaining
 */
public abstract class ConvBuilder<B extends ConvBuilder<B>> {
    final int in;
    final int out;
    int groups = 1;
    boolean bias = true;
    Generator generator = Generator.defaultGenerator();

    ConvBuilder(int in, int out) {
        this.in = in;
        this.out = out;
    }

    /** This builder, as its own type. */
    abstract B self();

    public B groups(int g) {
        groups = g;
        return self();
    }

    public B bias(boolean b) {
        bias = b;
        return self();
    }

    public B generator(Generator g) {
        generator = g;
        return self();
    }
}
