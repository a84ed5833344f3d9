package dev.nabla.optim;

import static dev.nabla.optim.OptimTesting.assertValues;
import static dev.nabla.optim.OptimTesting.grad;
import static dev.nabla.optim.OptimTesting.param;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Behaviour shared by all optimizers: groups, zeroGrad, state dicts, argument checks. */
class OptimizerTest {
    @Test
    void groupsKeepTheirOwnLearningRates() {
        Tensor a = param(1f);
        Tensor b = param(1f);
        SGD opt = new SGD(List.of(ParamGroup.of(a), ParamGroup.of(b).lr(0.5)), 0.1);
        grad(a, 1f);
        grad(b, 1f);
        opt.step();
        assertValues(new double[] {0.9}, a, 1e-7);
        assertValues(new double[] {0.5}, b, 1e-7);
        assertEquals(0.1, opt.getLr(0));
        assertEquals(0.5, opt.getLr(1));
        opt.setLr(0, 0.2);
        opt.step();
        assertValues(new double[] {0.7}, a, 1e-7);
        assertEquals(0.0, opt.paramGroups().get(1).getDouble("momentum"), "defaults fill the group");
    }

    @Test
    void groupsOverrideAnyDefault() {
        Tensor a = param(1f);
        Tensor b = param(1f);
        Adam opt = new Adam(List.of(ParamGroup.of(a), ParamGroup.of(b).betas(0.5, 0.9).weightDecay(0.1)), 1e-3);
        assertArrayEquals(new double[] {0.9, 0.999}, opt.paramGroups().get(0).getDoubles("betas"));
        assertArrayEquals(new double[] {0.5, 0.9}, opt.paramGroups().get(1).getDoubles("betas"));
        assertEquals(0.1, opt.paramGroups().get(1).getDouble("weight_decay"));
        assertEquals("Adam: Invalid beta parameter at index 0: 1.5", assertThrows(IllegalArgumentException.class,
                () -> opt.addParamGroup(ParamGroup.of(param(1f)).betas(1.5, 0.9))).getMessage());
    }

    @Test
    void addParamGroupAndDuplicateChecks() {
        Tensor a = param(1f);
        SGD opt = new SGD(List.of(a), 0.1);
        Tensor b = param(2f);
        opt.addParamGroup(ParamGroup.of(b).lr(1.0));
        grad(b, 1f);
        opt.step();
        assertValues(new double[] {1}, b, 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> opt.addParamGroup(ParamGroup.of(a)));
        assertTrue(e.getMessage().contains("some parameters appear in more than one parameter group"), e.getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new SGD(List.<Tensor>of(), 0.1))
                .getMessage().contains("optimizer got an empty parameter list"));
        Tensor nonLeaf = param(1f).mul(2);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new SGD(List.of(nonLeaf), 0.1))
                .getMessage().contains("can't optimize a non-leaf Tensor"));
    }

    @Test
    void zeroGradSetsToNoneOrZeroesInPlace() {
        Tensor a = param(1f, 2f);
        SGD opt = new SGD(List.of(a), 0.1);
        grad(a, 3f, 4f);
        Tensor g = a.grad();
        opt.zeroGrad(false);
        assertSame(g, a.grad());
        assertValues(new double[] {0, 0}, g, 0);
        opt.zeroGrad();
        assertNull(a.grad());
        opt.step(); // nothing to do without gradients
        assertValues(new double[] {1, 2}, a, 0);
    }

    @Test
    void stepWithClosureReturnsTheLoss() {
        Tensor w = param(2f);
        SGD opt = new SGD(List.of(w), 0.25);
        Tensor loss = opt.step(() -> {
            opt.zeroGrad();
            Tensor l = w.mul(w).sum();
            l.backward();
            return l;
        });
        assertEquals(4f, loss.item());
        assertValues(new double[] {1}, w, 1e-7); // 2 - 0.25 * 4
    }

    @Test
    void stateDictUsesTorchKeys() {
        Tensor a = param(1f, 2f);
        Tensor b = param(3f);
        Adam opt = Adam.builder(List.of(ParamGroup.of(a), ParamGroup.of(b).lr(0.5))).amsgrad(true).build();
        grad(b, 1f);
        opt.step();
        Map<String, Tensor> sd = opt.stateDict();
        assertFalse(sd.containsKey("state.0.exp_avg"), "a had no gradient, so no state");
        assertEquals(1L, sd.get("state.1.step").toLongArray()[0]);
        assertArrayEquals(new int[] {1}, sd.get("state.1.exp_avg").shape());
        assertNotNull(sd.get("state.1.exp_avg_sq"));
        assertNotNull(sd.get("state.1.max_exp_avg_sq"));
        assertEquals(0.5f, sd.get("param_groups.1.lr").item());
        assertEquals(0, sd.get("param_groups.1.lr").dim());
        assertArrayEquals(new float[] {0.9f, 0.999f}, sd.get("param_groups.0.betas").toFloatArray());
        assertArrayEquals(new long[] {0}, sd.get("param_groups.0.params").toLongArray());
        assertArrayEquals(new long[] {1}, sd.get("param_groups.1.params").toLongArray());
        assertTrue(sd.get("param_groups.0.amsgrad").toBoolArray()[0]);
    }

    private static List<Tensor> randomParams(Generator g) {
        return List.of(Tensor.randn(g, 3, 4).requiresGrad(true), Tensor.randn(g, 5).requiresGrad(true));
    }

    private static void stepWithGrads(Optimizer opt, List<Tensor> ps, Generator g) {
        for (Tensor p : ps) {
            p.setGrad(Tensor.randn(g, p.shape()));
        }
        opt.step();
    }

    private static List<Tensor> copies(List<Tensor> ps) {
        List<Tensor> out = new ArrayList<>();
        for (Tensor p : ps) {
            out.add(Tensor.of(p.toFloatArray(), p.shape()).requiresGrad(true));
        }
        return out;
    }

    /** 3 steps, save, load into a fresh optimizer on fresh tensors, 3 more == 6 uninterrupted steps, bit for bit. */
    private static void assertResumesBitExact(Function<List<Tensor>, Optimizer> make) {
        List<Tensor> straight = randomParams(new Generator(7));
        List<Tensor> resumed = copies(straight);
        Optimizer a = make.apply(straight);
        Optimizer b = make.apply(resumed);
        Generator ga = new Generator(11);
        Generator gb = new Generator(11);
        for (int i = 0; i < 6; i++) {
            stepWithGrads(a, straight, ga);
        }
        for (int i = 0; i < 3; i++) {
            stepWithGrads(b, resumed, gb);
        }
        Map<String, Tensor> saved = b.stateDict();
        List<Tensor> loadedParams = copies(resumed); // the parameters at the save point
        stepWithGrads(b, resumed, new Generator(99)); // later steps must not change what was saved
        Optimizer c = make.apply(loadedParams);
        c.loadStateDict(saved);
        for (int i = 0; i < 3; i++) {
            stepWithGrads(c, loadedParams, gb);
        }
        for (int i = 0; i < straight.size(); i++) {
            assertArrayEquals(straight.get(i).toFloatArray(), loadedParams.get(i).toFloatArray(),
                    make.apply(copies(straight)).name() + " param " + i);
        }
        assertEquals(c.stateDict().keySet(), a.stateDict().keySet());
    }

    @Test
    void stateDictRoundTripContinuesBitExact() {
        assertResumesBitExact(ps -> SGD.builder(ps).lr(0.05).momentum(0.9).nesterov(true).weightDecay(1e-3).build());
        assertResumesBitExact(ps -> SGD.builder(ps).lr(0.05).momentum(0.5).dampening(0.2).build());
        assertResumesBitExact(ps -> Adam.builder(ps).lr(1e-3).weightDecay(0.01).build());
        assertResumesBitExact(ps -> Adam.builder(ps).lr(3e-3).betas(0.8, 0.95).amsgrad(true).build());
        assertResumesBitExact(ps -> AdamW.builder(ps).lr(1e-3).build());
        assertResumesBitExact(ps -> RMSprop.builder(ps).lr(1e-3).momentum(0.9).centered(true).build());
        assertResumesBitExact(ps -> Adagrad.builder(ps).lr(0.1).lrDecay(0.01).initialAccumulatorValue(0.1).build());
    }

    @Test
    void loadedStateIsACopyAndHyperparametersComeBack() {
        Tensor a = param(1f, 2f);
        Adam opt = new Adam(List.of(a), 0.1);
        grad(a, 1f, 1f);
        opt.step();
        Map<String, Tensor> sd = opt.stateDict();
        Tensor b = param(1f, 2f);
        Adam other = new Adam(List.of(b), 0.7);
        other.loadStateDict(sd);
        assertEquals(0.1, other.getLr(0), "the lr comes from the state dict, exactly");
        assertEquals(1, other.stateFor(b).step());
        sd.get("state.0.exp_avg").storageFloats()[0] = 42f;
        assertEquals(0.1f, other.stateFor(b).buffer("exp_avg").toFloatArray()[0], 1e-7f);
    }

    @Test
    void loadStateDictRejectsMismatches() {
        Tensor a = param(1f, 2f);
        Adam opt = new Adam(List.of(a), 0.1);
        grad(a, 1f, 1f);
        opt.step();
        Map<String, Tensor> sd = opt.stateDict();

        Adam twoGroups = new Adam(List.of(ParamGroup.of(param(1f, 2f)), ParamGroup.of(param(1f))), 0.1);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> twoGroups.loadStateDict(sd)).getMessage()
                .contains("different number of parameter groups"));

        Adam bigger = new Adam(List.of(param(1f, 2f), param(3f)), 0.1);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> bigger.loadStateDict(sd)).getMessage()
                .contains("doesn't match the size of optimizer's group"));

        Adam wrongShape = new Adam(List.of(param(1f, 2f, 3f)), 0.1);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> wrongShape.loadStateDict(sd)).getMessage()
                .contains("has shape [2] but parameter 0 has shape [3]"));

        Map<String, Tensor> extra = new java.util.LinkedHashMap<>(sd);
        extra.put("bogus", Tensor.scalar(1f));
        Adam fine = new Adam(List.of(param(1f, 2f)), 0.1);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> fine.loadStateDict(extra)).getMessage()
                .contains("unexpected keys [bogus]"));
    }
}
