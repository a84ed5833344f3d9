package dev.nabla.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.autograd.GradCheck;
import dev.nabla.nn.functional.F;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Finite-difference gradient checks of every core op on regular, size-1 and non-contiguous inputs. */
class OpsGradientTest {
    private static final Generator G = new Generator(11);

    /**
     * Distinct values on a grid of spacing 0.1 offset by 0.05 (shuffled), so no two elements tie and
     * none sits within the finite-difference step of a kink (0 for abs/relu, +-0.5 for clamp).
     */
    private static Tensor rnd(int... shape) {
        return spread(0.05, shape);
    }

    /** Like rnd but offset by 0.02: never ties with an rnd tensor either. */
    private static Tensor rnd2(int... shape) {
        return spread(0.02, shape);
    }

    private static Tensor spread(double offset, int... shape) {
        int n = Shapes.numel(shape);
        int[] perm = G.permutation(n);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) ((perm[i] - n / 2) * 0.1 + offset);
        }
        return Tensor.of(v, shape).requiresGrad(true);
    }

    /** Positive inputs for log/sqrt/rsqrt/pow. */
    private static Tensor pos(int... shape) {
        return Tensor.rand(G, shape).add(0.5).detach().requiresGrad(true);
    }

    /** A non-contiguous (transposed) leaf with the given final shape. */
    private static Tensor transposed(int rows, int cols) {
        return rnd(cols, rows).detach().t().requiresGrad(true);
    }

    static Stream<Arguments> unaryOps() {
        return Stream.of(
                Arguments.of("neg", (UnaryOperator<Tensor>) Tensor::neg, false),
                Arguments.of("exp", (UnaryOperator<Tensor>) Tensor::exp, false),
                Arguments.of("log", (UnaryOperator<Tensor>) Tensor::log, true),
                Arguments.of("sqrt", (UnaryOperator<Tensor>) Tensor::sqrt, true),
                Arguments.of("abs", (UnaryOperator<Tensor>) Tensor::abs, false),
                Arguments.of("relu", (UnaryOperator<Tensor>) Tensor::relu, false),
                Arguments.of("sigmoid", (UnaryOperator<Tensor>) Tensor::sigmoid, false),
                Arguments.of("tanh", (UnaryOperator<Tensor>) Tensor::tanh, false),
                Arguments.of("softplus", (UnaryOperator<Tensor>) F::softplus, false),
                Arguments.of("silu", (UnaryOperator<Tensor>) F::silu, false),
                Arguments.of("sin", (UnaryOperator<Tensor>) Tensor::sin, false),
                Arguments.of("cos", (UnaryOperator<Tensor>) Tensor::cos, false),
                Arguments.of("reciprocal", (UnaryOperator<Tensor>) Tensor::reciprocal, true),
                Arguments.of("square", (UnaryOperator<Tensor>) Tensor::square, false),
                Arguments.of("rsqrt", (UnaryOperator<Tensor>) Tensor::rsqrt, true),
                Arguments.of("leaky_relu", (UnaryOperator<Tensor>) t -> F.leakyRelu(t, 0.1), false),
                Arguments.of("elu", (UnaryOperator<Tensor>) t -> F.elu(t, 0.7), false),
                Arguments.of("gelu", (UnaryOperator<Tensor>) F::gelu, false),
                Arguments.of("gelu_tanh", (UnaryOperator<Tensor>) t -> F.gelu(t, "tanh"), false),
                Arguments.of("clamp", (UnaryOperator<Tensor>) t -> t.clamp(-0.5, 0.5), false),
                Arguments.of("pow", (UnaryOperator<Tensor>) t -> t.pow(3.0), false),
                Arguments.of("pow_frac", (UnaryOperator<Tensor>) t -> t.pow(1.5), true),
                Arguments.of("add_scalar", (UnaryOperator<Tensor>) t -> t.add(2.5), false),
                Arguments.of("rdiv", (UnaryOperator<Tensor>) t -> t.rdiv(2.0), true),
                Arguments.of("log_sigmoid", (UnaryOperator<Tensor>) F::logSigmoid, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unaryOps")
    void unaryGradients(String name, UnaryOperator<Tensor> op, boolean positive) {
        for (int[] shape : new int[][] {{2, 4, 3}, {1}, {3, 1}}) {
            Tensor x = positive ? pos(shape) : rnd(shape);
            GradCheck.check(in -> op.apply(in[0]), x);
        }
        Tensor nc = positive ? pos(4, 3).t().detach().requiresGrad(true) : transposed(3, 4);
        GradCheck.check(in -> op.apply(in[0]), nc);
        Tensor empty = Tensor.zeros(0, 3).requiresGrad(true);
        assertArrayEquals(new int[] {0, 3}, op.apply(empty).shape());
    }

    static Stream<Arguments> binaryOps() {
        return Stream.of(
                Arguments.of("add", (Function<Tensor[], Tensor>) in -> in[0].add(in[1])),
                Arguments.of("sub", (Function<Tensor[], Tensor>) in -> in[0].sub(in[1])),
                Arguments.of("mul", (Function<Tensor[], Tensor>) in -> in[0].mul(in[1])),
                Arguments.of("div", (Function<Tensor[], Tensor>) in -> in[0].div(in[1].abs().add(0.5))),
                Arguments.of("maximum", (Function<Tensor[], Tensor>) in -> in[0].maximum(in[1])),
                Arguments.of("minimum", (Function<Tensor[], Tensor>) in -> in[0].minimum(in[1])),
                Arguments.of("pow", (Function<Tensor[], Tensor>) in -> in[0].abs().add(0.5).pow(in[1])),
                Arguments.of("where", (Function<Tensor[], Tensor>) in -> Tensor.where(in[0].detach().gt(0.0), in[0], in[1])));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("binaryOps")
    void binaryGradientsWithBroadcasting(String name, Function<Tensor[], Tensor> op) {
        int[][][] pairs = {{{2, 4}, {2, 4}}, {{2, 1, 4}, {3, 1}}, {{4}, {3, 1}}, {{1}, {2, 3}}, {{2, 3}, {}}};
        for (int[][] p : pairs) {
            GradCheck.check(op, rnd(p[0]), rnd2(p[1]));
        }
        GradCheck.check(op, transposed(3, 4), rnd2(4, 1).detach().t().requiresGrad(true));
    }

    @Test
    void reductionGradients() {
        Tensor x = rnd(2, 3, 4);
        GradCheck.check(in -> in[0].sum(), x);
        GradCheck.check(in -> in[0].sum(new int[] {0, 2}, false), x);
        GradCheck.check(in -> in[0].mean(1, true), x);
        GradCheck.check(in -> in[0].amax(new int[] {1}, false), x);
        GradCheck.check(in -> in[0].max(2).values(), x);
        GradCheck.check(in -> in[0].logsumexp(2), x);
        GradCheck.check(in -> in[0].var(1, true), x);
        GradCheck.check(in -> in[0].norm(), x);
        GradCheck.check(in -> in[0].norm(1.0, new int[] {2}, false), x);
        GradCheck.check(in -> in[0].softmax(1), x);
        GradCheck.check(in -> in[0].logSoftmax(-1), x);
        Tensor nc = transposed(3, 5);
        GradCheck.check(in -> in[0].sum(0, false), nc);
        GradCheck.check(in -> in[0].softmax(0), nc);
        GradCheck.check(in -> in[0].mean(), rnd(1, 1));
    }

    @Test
    void reductionValues() {
        Tensor x = Tensor.arange(12).reshape(3, 4);
        assertArrayEquals(new float[] {12, 15, 18, 21}, x.sum(0).toFloatArray());
        assertArrayEquals(new float[] {1.5f, 5.5f, 9.5f}, x.mean(1).toFloatArray());
        assertArrayEquals(new long[] {3, 3, 3}, x.argmax(1).toLongArray());
        assertEquals(0f, Tensor.zeros(0, 3).sum().item());
        Tensor big = Tensor.of(new float[] {1000, 1001, 1002}, 3);
        float[] sm = big.softmax(0).toFloatArray();
        assertEquals(0.6652f, sm[2], 1e-4);
        assertEquals(1002.4076f, big.logsumexp(0).item(), 1e-3);
        assertEquals(Math.sqrt(14), Tensor.of(new float[] {1, 2, 3}, 3).norm().item(), 1e-6);
        var e = assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(0, 3).amax(0));
        assertTrue(e.getMessage().startsWith("amax"), e.getMessage());
    }

    @Test
    void matmulInAllItsForms() {
        GradCheck.check(in -> in[0].matmul(in[1]), rnd(4, 6), rnd(6, 5));
        GradCheck.check(in -> in[0].matmul(in[1]), rnd(2, 4, 6), rnd(2, 6, 5));
        GradCheck.check(in -> in[0].matmul(in[1]), rnd(2, 4, 6), rnd(6, 5));
        GradCheck.check(in -> in[0].matmul(in[1]), rnd(4, 6), rnd(3, 1, 6, 2));
        GradCheck.check(in -> in[0].matmul(in[1]), rnd(4, 6), rnd(6));
        GradCheck.check(in -> in[0].matmul(in[1]), rnd(6), rnd(6, 2));
        GradCheck.check(in -> in[0].matmul(in[1]), rnd(6), rnd(6));
        GradCheck.check(in -> in[0].matmul(in[1]), transposed(3, 4), transposed(4, 2));
        GradCheck.check(in -> in[0].bmm(in[1]), rnd(2, 1, 3), rnd(2, 3, 1));
        GradCheck.check(in -> F.linear(in[0], in[1], in[2]), rnd(2, 3, 6), rnd(5, 6), rnd(5));
        GradCheck.check(in -> F.addmm(in[0], in[1], in[2], 0.5, 2.0), rnd(5), rnd(4, 6), rnd(6, 5));
        assertArrayEquals(new float[] {19, 22, 43, 50},
                Tensor.of(new float[][] {{1, 2}, {3, 4}}).matmul(Tensor.of(new float[][] {{5, 6}, {7, 8}})).toFloatArray());
        assertArrayEquals(new int[] {3, 0}, Tensor.zeros(3, 0).matmul(Tensor.zeros(0, 0)).shape());
        assertArrayEquals(new float[] {0, 0}, Tensor.zeros(2, 0).matmul(Tensor.zeros(0, 1)).reshape(-1).toFloatArray());
    }

    @Test
    void matmulMismatchNamesTheShapes() {
        var e = assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(2, 3).matmul(Tensor.zeros(4, 5)));
        assertEquals("matmul: cannot multiply [2, 3] by [4, 5]", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> F.linear(Tensor.zeros(2, 3), Tensor.zeros(4, 5), null));
        assertTrue(e.getMessage().contains("linear") && e.getMessage().contains("[2, 3]"), e.getMessage());
    }

    @Test
    void shapeOpGradients() {
        Tensor x = rnd(2, 3, 4);
        GradCheck.check(in -> in[0].reshape(6, 4), x);
        GradCheck.check(in -> in[0].permute(2, 0, 1), x);
        GradCheck.check(in -> in[0].transpose(0, 2), x);
        GradCheck.check(in -> in[0].slice(2, 1, 4, 2), x);
        GradCheck.check(in -> in[0].narrow(1, 1, 2).contiguous(), x);
        GradCheck.check(in -> in[0].select(0, 1), x);
        GradCheck.check(in -> in[0].flatten(1), x);
        GradCheck.check(in -> in[0].unsqueeze(1).squeeze(1), x);
        GradCheck.check(in -> in[0].narrow(1, 0, 1).expand(2, 5, 4), x);
        GradCheck.check(in -> in[0].repeatInterleave(2, 1), x);
        GradCheck.check(in -> in[0].repeat(2, 1, 1, 2), x);
        GradCheck.check(in -> Tensor.cat(new Tensor[] {in[0], in[1]}, 1), rnd(2, 2, 4), rnd(2, 3, 4));
        GradCheck.check(in -> Tensor.stack(new Tensor[] {in[0], in[1]}, 1), rnd(2, 4), rnd(2, 4));
        GradCheck.check(in -> F.pad(in[0], new int[] {1, 2, 0, 1}, 0.5f), rnd(2, 2, 3, 4));
        GradCheck.check(in -> F.pad(in[0], new int[] {-1, 1}, 0f), rnd(2, 4));
        GradCheck.check(in -> in[0].split(2, 1)[1], x);
        for (String mode : new String[] {"reflect", "replicate", "circular"}) {
            GradCheck.check(in -> F.pad(in[0], new int[] {2, 1, 1, 2}, mode, 0f), rnd(2, 3, 4));
        }
        Tensor row = Tensor.of(new float[] {1, 2, 3}, 1, 3);
        assertArrayEquals(new float[] {3, 2, 1, 2, 3, 2}, F.pad(row, new int[] {2, 1}, "reflect", 0).toFloatArray());
        assertArrayEquals(new float[] {1, 1, 1, 2, 3, 3}, F.pad(row, new int[] {2, 1}, "replicate", 0).toFloatArray());
        assertArrayEquals(new float[] {2, 3, 1, 2, 3, 1}, F.pad(row, new int[] {2, 1}, "circular", 0).toFloatArray());
        var e = assertThrows(IllegalArgumentException.class, () -> F.pad(row, new int[] {3, 0}, "reflect", 0));
        assertTrue(e.getMessage().contains("reflect"), e.getMessage());
        GradCheck.check(in -> in[0].unsqueeze(1).mul(in[0].unsqueeze(2)), rnd(2, 4));
    }

    @Test
    void indexingGradientsAndValues() {
        Tensor idx = Tensor.ofLongs(new long[] {3, 0, 3, 1}, 4);
        GradCheck.check(in -> in[0].indexSelect(0, idx), rnd(5, 4));
        Tensor gi = Tensor.ofLongs(new long[] {0, 5, 2, 2, 1, 1, 4, 3}, 2, 4);
        GradCheck.check(in -> in[0].gather(1, gi), rnd(2, 6));
        GradCheck.check(in -> in[0].scatterAdd(1, gi, in[1]), rnd(2, 6), rnd(2, 4));
        Tensor mask = Tensor.ofBools(new boolean[] {true, false, false, true}, 4);
        GradCheck.check(in -> in[0].maskedFill(mask, 7f), rnd(3, 4));
        GradCheck.check(in -> in[0].maskedSelect(mask), rnd(3, 4));
        Tensor src = Tensor.arange(12).reshape(2, 6);
        assertArrayEquals(new float[] {0, 5, 2, 2, 7, 7, 10, 9}, src.gather(1, gi).toFloatArray());
        assertArrayEquals(new float[] {7, 1, 7}, Tensor.of(new float[] {0, 1, 2}, 3)
                .maskedFill(Tensor.ofBools(new boolean[] {true, false, true}, 3), 7f).toFloatArray());
        var e = assertThrows(IndexOutOfBoundsException.class,
                () -> src.indexSelect(0, Tensor.ofLongs(new long[] {2}, 1)));
        assertTrue(e.getMessage().contains("index_select") && e.getMessage().contains("2"), e.getMessage());
        assertArrayEquals(new float[] {0, 3}, src.maskedSelect(src.eq(0.0).logicalOr(src.eq(3.0))).toFloatArray());
    }
}
