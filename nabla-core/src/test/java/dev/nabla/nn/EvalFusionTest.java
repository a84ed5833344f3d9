package dev.nabla.nn;

import dev.nabla.autograd.GradMode;
import dev.nabla.nn.functional.Normalization;
import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Sequential's conv + eval batch norm (+ ReLU) step: when it applies, and that it changes no bit. */
class EvalFusionTest {
    /** Conv2d(3, 6, 3, pad 1), BatchNorm2d(6) with non-trivial running statistics and affine parameters. */
    private static Module[] layers(Generator g, boolean affine) {
        Conv2d conv = new Conv2d(3, 6, 3, 1, 1);
        BatchNorm2d bn = new BatchNorm2d(6, 1e-5, 0.1, affine, true);
        try (var ng = GradMode.noGrad()) {
            bn.runningMean.copyInPlace(Tensor.randn(g, 6));
            bn.runningVar.copyInPlace(Tensor.rand(g, 6).add(0.1));
            if (affine) {
                bn.weight.copyInPlace(Tensor.randn(g, 6));
                bn.bias.copyInPlace(Tensor.randn(g, 6));
            }
        }
        return new Module[] {conv, bn, new ReLU()};
    }

    /** The three modules one after the other, each through call(). */
    private static float[] unfused(Module[] m, Tensor x) {
        Tensor y = x;
        for (Module layer : m) {
            y = layer.call(y);
        }
        return y.toFloatArray();
    }

    /** An input with special values among normal ones: NaN, infinities, zeros of both signs. */
    private static Tensor input(Generator g, int n, int h, int w) {
        float[] x = Tensor.randn(g, n, 3, h, w).toFloatArray();
        float[] special = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 0f, -0f};
        for (int i = 0; i < special.length; i++) {
            x[(i * 7919) % x.length] = special[i];
        }
        return Tensor.of(x, n, 3, h, w);
    }

    private static void assertSameBits(float[] expected, float[] actual) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(Float.floatToIntBits(expected[i]), Float.floatToIntBits(actual[i]), "element " + i);
        }
    }

    @Test
    void fusedStepGivesTheModulesBitsInEvalWithoutGrad() {
        Generator g = new Generator(3);
        for (boolean affine : new boolean[] {true, false}) {
            Module[] m = layers(g, affine);
            Sequential seq = new Sequential(m);
            seq.eval();
            // 17x13 planes: a vector body and a scalar tail per channel run
            Tensor x = input(g, 4, 17, 13);
            try (var ng = GradMode.noGrad()) {
                assertEquals(3, EvalFusion.span(List.of(m), 0, x));
                assertSameBits(unfused(m, x), seq.call(x).toFloatArray());
                Sequential noRelu = new Sequential(m[0], m[1]);
                noRelu.eval();
                assertEquals(2, EvalFusion.span(List.of(m[0], m[1]), 0, x));
                assertSameBits(unfused(new Module[] {m[0], m[1]}, x), noRelu.call(x).toFloatArray());
            }
        }
    }

    @Test
    void notFusedWhenGradIsRecordedInTrainingOrWithHooks() {
        Generator g = new Generator(4);
        Module[] m = layers(g, true);
        List<Module> order = List.of(m);
        Tensor x = input(g, 2, 8, 8);
        for (Module layer : m) {
            layer.eval();
        }
        assertEquals(0, EvalFusion.span(order, 0, x), "parameters require grad and grad mode is on");
        try (var ng = GradMode.noGrad()) {
            assertEquals(0, EvalFusion.span(order, 1, x), "not a conv first");
            m[1].train();
            assertEquals(0, EvalFusion.span(order, 0, x), "batch norm in training uses batch statistics");
            m[1].eval();
            int[] seen = {0};
            try (RemovableHandle h = m[1].registerForwardHook((mod, in, out) -> {
                seen[0]++;
                return null;
            })) {
                assertEquals(0, EvalFusion.span(order, 0, x), "a hook must see the batch norm's own output");
                Sequential seq = new Sequential(m);
                seq.eval();
                assertSameBits(unfused(m, x), seq.call(x).toFloatArray());
                assertTrue(seen[0] >= 1);
            }
            try (RemovableHandle h = m[2].registerForwardHook((mod, in, out) -> null)) {
                assertEquals(2, EvalFusion.span(order, 0, x), "a hooked ReLU runs on its own");
            }
        }
    }

    @Test
    void withGradTheModulesRunAndBackwardWorks() {
        Generator g = new Generator(5);
        Module[] m = layers(g, true);
        Sequential seq = new Sequential(m);
        seq.eval();
        Tensor x = Tensor.randn(g, 2, 3, 6, 6).requiresGrad(true);
        Tensor y = seq.call(x);
        y.sum().backward();
        assertNotNull(x.grad());
        assertNotNull(((Conv2d) m[0]).weight.grad());
    }

    @Test
    void inPlaceFormRefusesGradAndNonContiguousInput() {
        BatchNorm2d bn = new BatchNorm2d(2);
        bn.eval();
        Tensor x = Tensor.ones(1, 2, 3, 3);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Normalization.batchNormEvalInPlace(
                x, bn.runningMean, bn.runningVar, bn.weight, bn.bias, bn.eps, true));
        assertTrue(e.getMessage().contains("batch_norm") && e.getMessage().contains("without grad"), e.getMessage());
        try (var ng = GradMode.noGrad()) {
            Tensor t = Tensor.ones(1, 3, 3, 2).permute(0, 3, 1, 2);
            IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class,
                    () -> Normalization.batchNormEvalInPlace(t, bn.runningMean, bn.runningVar, bn.weight, bn.bias,
                            bn.eps, false));
            assertTrue(e2.getMessage().contains("[1, 2, 3, 3]"), e2.getMessage());
            Tensor y = Tensor.ones(1, 2, 3, 3);
            assertArrayEquals(Normalization.batchNormEvalInPlace(y, bn.runningMean, bn.runningVar, bn.weight, bn.bias,
                    bn.eps, false).toFloatArray(), bn.call(Tensor.ones(1, 2, 3, 3)).toFloatArray());
        }
    }
}
