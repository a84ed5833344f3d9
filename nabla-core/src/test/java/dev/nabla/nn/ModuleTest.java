package dev.nabla.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.autograd.GradMode;
import dev.nabla.tensor.DType;
import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModuleTest {

    /** A module with a persistent and a non-persistent buffer, like BatchNorm's. */
    static final class Stats extends Module {
        final Tensor weight = registerParameter("weight", Tensor.ones(3));
        final Tensor runningMean = registerBuffer("running_mean", Tensor.zeros(3));
        final Tensor count = registerBuffer("num_batches_tracked", Tensor.zeros(DType.INT64), true);
        final Tensor scratch = registerBuffer("scratch", Tensor.zeros(2), false);

        @Override
        public Tensor forward(Tensor input) {
            return input.mul(weight);
        }
    }

    static final class Net extends Module {
        final Sequential features;
        final Stats bn;
        final Linear head;

        Net(Generator g) {
            features = registerModule("features", new Sequential(new Linear(4, 3, true, g), new ReLU()));
            bn = registerModule("bn", new Stats());
            head = registerModule("head", new Linear(3, 2, false, g));
        }

        @Override
        public Tensor forward(Tensor x) {
            return head.call(bn.call(features.call(x)));
        }
    }

    @Test
    void stateDictKeysAreTorchDottedNames() {
        Net net = new Net(new Generator(1));
        assertEquals(List.of("features.0.weight", "features.0.bias", "bn.weight", "bn.running_mean",
                "bn.num_batches_tracked", "head.weight"), new ArrayList<>(net.stateDict().keySet()));
        assertEquals(List.of("features.0.weight", "features.0.bias", "bn.weight", "head.weight"),
                new ArrayList<>(net.namedParameters().keySet()));
        assertEquals(List.of("bn.running_mean", "bn.num_batches_tracked", "bn.scratch"),
                new ArrayList<>(net.namedBuffers().keySet()));
        assertEquals(List.of("", "features", "features.0", "features.1", "bn", "head"),
                new ArrayList<>(net.namedModules().keySet()));
        assertEquals(3, net.children().size());
        assertEquals(4 * 3 + 3 + 3 + 3 * 2, net.numParameters());
        for (Tensor p : net.parameters()) {
            assertTrue(p.requiresGrad());
        }
        assertFalse(net.bn.runningMean.requiresGrad());
    }

    @Test
    void stateDictSharesStorageButIsDetached() {
        Net net = new Net(new Generator(1));
        Tensor w = net.stateDict().get("head.weight");
        assertTrue(w.sharesStorageWith(net.head.weight));
        assertFalse(w.requiresGrad());
    }

    @Test
    void sharedParametersAreListedOnce() {
        Linear a = new Linear(2, 2);
        Sequential s = new Sequential(a, new ReLU(), a);
        assertEquals(List.of("0.weight", "0.bias"), new ArrayList<>(s.namedParameters().keySet()));
        assertEquals(2, s.parameters().size());
        assertEquals(List.of("", "0", "1"), new ArrayList<>(s.namedModules().keySet()));
        // state_dict does not deduplicate: the shared layer is saved under both names, as in PyTorch
        assertEquals(List.of("0.weight", "0.bias", "2.weight", "2.bias"), new ArrayList<>(s.stateDict().keySet()));
        s.loadStateDict(s.stateDict());
        Sequential outer = new Sequential(new Linear(1, 1));
        Sequential inner = new Sequential(outer);
        outer.add(inner);
        assertThrows(IllegalStateException.class, outer::stateDict);
    }

    @Test
    void registrationRejectsBadNames() {
        Module m = new Identity();
        Identity id = (Identity) m;
        var e = assertThrows(IllegalArgumentException.class, () -> new Module() {
            {
                registerParameter("a.b", Tensor.zeros(1));
            }

            @Override
            public Tensor forward(Tensor input) {
                return input;
            }
        });
        assertTrue(e.getMessage().contains("'a.b'"), e.getMessage());
        var e2 = assertThrows(IllegalArgumentException.class, () -> new Module() {
            {
                registerParameter("w", Tensor.zeros(1));
                registerBuffer("w", Tensor.zeros(1));
            }

            @Override
            public Tensor forward(Tensor input) {
                return input;
            }
        });
        assertTrue(e2.getMessage().contains("already used"), e2.getMessage());
        var e3 = assertThrows(IllegalArgumentException.class, () -> new Module() {
            {
                registerParameter("steps", Tensor.zeros(DType.INT64, 1));
            }

            @Override
            public Tensor forward(Tensor input) {
                return input;
            }
        });
        assertTrue(e3.getMessage().contains("'steps' must be float32"), e3.getMessage());
        assertTrue(id.toString().equals("Identity()"));
    }

    @Test
    void nullBiasIsSkipped() {
        Linear l = new Linear(3, 2, false);
        assertNull(l.bias);
        assertNull(l.getParameter("bias"));
        assertEquals(List.of("weight"), new ArrayList<>(l.stateDict().keySet()));
        assertEquals("Linear(in_features=3, out_features=2, bias=False)", l.toString());
    }

    @Test
    void strictLoadListsEveryBadKeyAndChangesNothing() {
        Net net = new Net(new Generator(1));
        float[] before = net.head.weight.toFloatArray();
        Map<String, Tensor> sd = new LinkedHashMap<>(net.stateDict());
        sd.remove("features.0.bias");
        sd.remove("bn.num_batches_tracked");
        sd.put("extra.weight", Tensor.zeros(1));
        sd.put("head.weight", Tensor.zeros(2, 4));
        sd.put("bn.weight", Tensor.zeros(3));
        StateDictException e = assertThrows(StateDictException.class, () -> net.loadStateDict(sd));
        assertEquals(List.of("features.0.bias", "bn.num_batches_tracked"), e.missingKeys());
        assertEquals(List.of("extra.weight"), e.unexpectedKeys());
        assertEquals(1, e.mismatches().size());
        assertTrue(e.getMessage().contains("Missing key(s) in state_dict: \"features.0.bias\", \"bn.num_batches_tracked\""),
                e.getMessage());
        assertTrue(e.getMessage().contains("Unexpected key(s) in state_dict: \"extra.weight\""), e.getMessage());
        assertTrue(e.getMessage().contains("size mismatch for head.weight: copying a param with shape [2, 4] from"
                + " checkpoint, the shape in current model is [2, 3]."), e.getMessage());
        assertTrue(e.getMessage().startsWith("Error(s) in loading state_dict for Net:"), e.getMessage());
        // the valid bn.weight was not applied because the load as a whole failed
        assertArrayEquals(new float[] {1, 1, 1}, net.bn.weight.toFloatArray());
        assertArrayEquals(before, net.head.weight.toFloatArray());
    }

    @Test
    void nonStrictLoadReportsAndCopiesWhatMatches() {
        Net net = new Net(new Generator(1));
        Map<String, Tensor> sd = new LinkedHashMap<>();
        sd.put("bn.weight", Tensor.of(new float[] {1, 2, 3}, 3));
        sd.put("bn.num_batches_tracked", Tensor.ofLongs(new long[] {(1L << 60) + 1}));
        sd.put("nope", Tensor.zeros(1));
        Tensor weightBefore = net.bn.weight;
        Module.LoadResult r = net.loadStateDict(sd, false);
        assertEquals(List.of("nope"), r.unexpectedKeys());
        assertEquals(List.of("features.0.weight", "features.0.bias", "bn.running_mean", "head.weight"), r.missingKeys());
        assertSame(weightBefore, net.bn.weight);
        assertTrue(net.bn.weight.requiresGrad());
        assertArrayEquals(new float[] {1, 2, 3}, net.bn.weight.toFloatArray());
        // int64 values are copied exactly, beyond double precision
        assertEquals((1L << 60) + 1, net.bn.count.storageLongs()[net.bn.count.offset()]);
        // shape mismatches fail even when not strict
        sd.put("bn.weight", Tensor.zeros(4));
        assertThrows(StateDictException.class, () -> net.loadStateDict(sd, false));
    }

    @Test
    void roundTripBetweenTwoModels() {
        Net a = new Net(new Generator(1));
        Net b = new Net(new Generator(2));
        assertNotEquals(a.head.weight.get(0, 0), b.head.weight.get(0, 0));
        b.loadStateDict(a.stateDict());
        for (String k : a.stateDict().keySet()) {
            assertArrayEquals(a.stateDict().get(k).toFloatArray(), b.stateDict().get(k).toFloatArray(), k);
        }
    }

    @Test
    void hooksRunInOrderAndCanBeRemoved() {
        Linear l = new Linear(2, 2, true, new Generator(3));
        Tensor x = Tensor.of(new float[] {1, 2}, 1, 2);
        Tensor plain = l.call(x);
        List<String> log = new ArrayList<>();
        RemovableHandle pre = l.registerForwardPreHook((m, in) -> {
            log.add("pre");
            return new Tensor[] {in[0].mul(2.0)};
        });
        RemovableHandle post = l.registerForwardHook((m, in, out) -> {
            log.add("post");
            assertSame(l, m);
            assertArrayEquals(new float[] {2, 4}, in[0].toFloatArray());
            return out.add(1.0);
        });
        Tensor hooked = l.call(x);
        assertEquals(List.of("pre", "post"), log);
        Tensor expected = l.forward(x.mul(2.0)).add(1.0);
        assertArrayEquals(expected.toFloatArray(), hooked.toFloatArray());
        pre.remove();
        post.remove();
        post.remove(); // twice is harmless
        assertArrayEquals(plain.toFloatArray(), l.call(x).toFloatArray());
        assertEquals(2, log.size());
        // a hook returning null keeps the output
        try (RemovableHandle h = l.registerForwardHook((m, in, out) -> null)) {
            assertArrayEquals(plain.toFloatArray(), l.call(x).toFloatArray());
        }
    }

    @Test
    void hooksInsideSequentialSeeIntermediateOutputs() {
        Sequential s = new Sequential(new Linear(2, 3, true, new Generator(4)), new ReLU());
        List<Tensor> seen = new ArrayList<>();
        s.get(0).registerForwardHook((m, in, out) -> {
            seen.add(out);
            return null;
        });
        Tensor y = s.call(Tensor.of(new float[] {1, -1}, 1, 2));
        assertEquals(1, seen.size());
        assertArrayEquals(seen.get(0).relu().toFloatArray(), y.toFloatArray());
    }

    @Test
    void trainEvalRecursesAndControlsDropout() {
        Sequential s = new Sequential(new Linear(4, 4), new Dropout(0.5, new Generator(5)));
        assertTrue(s.isTraining());
        Tensor x = Tensor.ones(8, 4);
        Tensor a = s.call(x);
        s.eval();
        assertFalse(s.get(1).isTraining());
        Tensor b = s.call(x);
        Tensor c = s.call(x);
        assertArrayEquals(b.toFloatArray(), c.toFloatArray());
        assertArrayEquals(s.get(0).call(x).toFloatArray(), b.toFloatArray());
        s.train();
        assertTrue(s.get(1).isTraining());
        // in training about half of the outputs are zero, the rest doubled
        Tensor d = new Dropout(0.5, new Generator(6)).call(Tensor.ones(1000));
        int zeros = 0;
        for (float v : d.toFloatArray()) {
            assertTrue(v == 0f || v == 2f);
            zeros += v == 0f ? 1 : 0;
        }
        assertTrue(zeros > 420 && zeros < 580, "zeros " + zeros);
        assertEquals(a.shape().length, 2);
    }

    @Test
    void applyVisitsChildrenFirst() {
        Net net = new Net(new Generator(1));
        List<String> order = new ArrayList<>();
        net.apply(m -> order.add(m.getClass().getSimpleName()));
        assertEquals(List.of("Linear", "ReLU", "Sequential", "Stats", "Linear", "Net"), order);
    }

    @Test
    void zeroGradSetsGradientsToNull() {
        Linear l = new Linear(3, 1);
        l.call(Tensor.ones(2, 3)).sum().backward();
        assertTrue(l.weight.grad() != null && l.bias.grad() != null);
        l.zeroGrad();
        assertNull(l.weight.grad());
        assertNull(l.bias.grad());
    }

    @Test
    void frozenLayerStaysBitIdenticalWhileOthersTrain() {
        Generator g = new Generator(7);
        Linear first = new Linear(4, 8, true, g);
        Linear second = new Linear(8, 1, true, g);
        Sequential model = new Sequential(first, new Tanh(), second);
        first.requiresGrad(false);
        assertFalse(first.weight.requiresGrad());
        float[] frozenW = first.weight.toFloatArray();
        float[] frozenB = first.bias.toFloatArray();
        float[] trainedW = second.weight.toFloatArray();
        Tensor x = Tensor.randn(g, 16, 4);
        Tensor y = Tensor.randn(g, 16, 1);
        float firstLoss = Float.NaN;
        float lastLoss = Float.NaN;
        for (int step = 0; step < 20; step++) {
            model.zeroGrad();
            Tensor loss = model.call(x).sub(y).square().mean();
            loss.backward();
            if (step == 0) {
                firstLoss = loss.item();
            }
            lastLoss = loss.item();
            try (var s = GradMode.noGrad()) {
                for (Tensor p : model.parameters()) {
                    if (p.requiresGrad() && p.grad() != null) {
                        p.addInPlace(p.grad(), -0.1f);
                    }
                }
            }
        }
        assertArrayEquals(frozenW, first.weight.toFloatArray());
        assertArrayEquals(frozenB, first.bias.toFloatArray());
        assertNull(first.weight.grad());
        assertFalse(java.util.Arrays.equals(trainedW, second.weight.toFloatArray()));
        assertTrue(lastLoss < firstLoss, firstLoss + " -> " + lastLoss);
        first.requiresGrad(true);
        assertTrue(first.weight.requiresGrad());
    }

    @Test
    void toStringMatchesPyTorch() {
        Sequential s = new Sequential(new Linear(784, 500), new ReLU());
        assertEquals("Sequential(\n  (0): Linear(in_features=784, out_features=500, bias=True)\n  (1): ReLU()\n)",
                s.toString());
        Net net = new Net(new Generator(1));
        assertEquals("Net(\n"
                + "  (features): Sequential(\n"
                + "    (0): Linear(in_features=4, out_features=3, bias=True)\n"
                + "    (1): ReLU()\n"
                + "  )\n"
                + "  (bn): Stats()\n"
                + "  (head): Linear(in_features=3, out_features=2, bias=False)\n"
                + ")", net.toString());
        assertEquals("Dropout(p=0.5, inplace=False)", new Dropout().toString());
        assertEquals("LeakyReLU(negative_slope=0.01)", new LeakyReLU().toString());
        assertEquals("ELU(alpha=1.0)", new ELU().toString());
        assertEquals("GELU(approximate='tanh')", new GELU("tanh").toString());
        assertEquals("Softmax(dim=1)", new Softmax(1).toString());
        assertEquals("LogSoftmax(dim=-1)", new LogSoftmax(-1).toString());
        assertEquals("Softplus(beta=1.0, threshold=20.0)", new Softplus().toString());
        assertEquals("Flatten(start_dim=1, end_dim=-1)", new Flatten().toString());
        assertEquals("Unflatten(dim=1, unflattened_size=(2, 5))", new Unflatten(1, 2, 5).toString());
        assertEquals("SiLU()", new SiLU().toString());
        assertEquals("Sigmoid()", new Sigmoid().toString());
        assertEquals("Tanh()", new Tanh().toString());
        assertEquals("Identity()", new Identity().toString());
        assertEquals("ModuleList(\n  (0): ReLU()\n  (1): Tanh()\n)", new ModuleList(new ReLU(), new Tanh()).toString());
    }

    @Test
    void pythonFloatSpelling() {
        assertEquals("0.1", Module.py(0.1));
        assertEquals("1e-05", Module.py(1e-5));
        assertEquals("0.0001", Module.py(1e-4));
        assertEquals("1.0", Module.py(1.0));
        assertEquals("-2.5", Module.py(-2.5));
        assertEquals("1e+16", Module.py(1e16));
        assertEquals("(3,)", Module.py(new int[] {3}));
        assertEquals("(3, 3)", Module.py(3, 3));
    }

    @Test
    void containers() {
        Sequential s = new Sequential();
        s.add(new Linear(2, 3)).add(new ReLU());
        assertEquals(2, s.size());
        assertTrue(s.get(-1) instanceof ReLU);
        assertThrows(IndexOutOfBoundsException.class, () -> s.get(2));
        ModuleList list = new ModuleList(new Linear(1, 1), new Linear(1, 1));
        assertEquals(List.of("0.weight", "0.bias", "1.weight", "1.bias"), new ArrayList<>(list.stateDict().keySet()));
        assertThrows(UnsupportedOperationException.class, () -> list.call(Tensor.zeros(1)));
        int count = 0;
        for (Module m : list) {
            count += m instanceof Linear ? 1 : 0;
        }
        assertEquals(2, count);
        ModuleDict dict = new ModuleDict();
        dict.put("enc", new Linear(2, 2));
        dict.put("dec", new Linear(2, 2, false));
        assertEquals(List.of("enc.weight", "enc.bias", "dec.weight"), new ArrayList<>(dict.stateDict().keySet()));
        assertTrue(dict.containsKey("dec"));
        assertEquals(2, dict.size());
        Map<String, Module> named = new LinkedHashMap<>();
        named.put("conv", new Linear(2, 2));
        named.put("act", new ReLU());
        assertEquals(List.of("conv.weight", "conv.bias"), new ArrayList<>(new Sequential(named).stateDict().keySet()));
    }

    @Test
    void layersComputeWhatTheySay() {
        Tensor x = Tensor.of(new float[] {-2, -0.5f, 0, 1.5f}, 2, 2);
        assertArrayEquals(new float[] {0, 0, 0, 1.5f}, new ReLU().call(x).toFloatArray());
        assertArrayEquals(new float[] {-0.2f, -0.05f, 0, 1.5f}, new LeakyReLU(0.1).call(x).toFloatArray(), 1e-7f);
        assertArrayEquals(x.toFloatArray(), new Identity().call(x).toFloatArray());
        assertArrayEquals(new int[] {2, 60}, new Flatten().call(Tensor.zeros(2, 3, 4, 5)).shape());
        assertArrayEquals(new int[] {2, 3, 20}, new Flatten(2, 3).call(Tensor.zeros(2, 3, 4, 5)).shape());
        assertArrayEquals(new int[] {4, 2, 5}, new Unflatten(1, 2, -1).call(Tensor.zeros(4, 10)).shape());
        assertArrayEquals(new int[] {4, 2, 5, 3}, new Unflatten(-2, 2, 5).call(Tensor.zeros(4, 10, 3)).shape());
        var e = assertThrows(IllegalArgumentException.class, () -> new Unflatten(1, 3, 3).call(Tensor.zeros(4, 10)));
        assertTrue(e.getMessage().contains("Unflatten"), e.getMessage());
        Tensor sm = new Softmax(1).call(x);
        assertEquals(1.0, sm.sum(1).get(0), 1e-6);
        assertArrayEquals(sm.log().toFloatArray(), new LogSoftmax(1).call(x).toFloatArray(), 1e-6f);
        assertArrayEquals(x.sigmoid().toFloatArray(), new Sigmoid().call(x).toFloatArray());
        assertArrayEquals(x.tanh().toFloatArray(), new Tanh().call(x).toFloatArray());
        assertArrayEquals(x.mul(x.sigmoid()).toFloatArray(), new SiLU().call(x).toFloatArray(), 1e-6f);
        assertEquals(Math.log1p(Math.exp(1.5)), new Softplus().call(x).get(1, 1), 1e-6);
        assertEquals(Math.exp(-2) - 1, new ELU().call(x).get(0, 0), 1e-6);
        assertEquals(1.5 * 0.5 * (1 + erf(1.5 / Math.sqrt(2))), new GELU().call(x).get(1, 1), 1e-5);
    }

    private static double erf(double x) {
        // Abramowitz-Stegun 7.1.26 is too coarse; integrate exp(-t^2) by Simpson's rule instead.
        int n = 2000;
        double h = x / n;
        double s = 1 + Math.exp(-x * x);
        for (int i = 1; i < n; i++) {
            s += (i % 2 == 1 ? 4 : 2) * Math.exp(-(i * h) * (i * h));
        }
        return 2 / Math.sqrt(Math.PI) * s * h / 3;
    }

    @Test
    void linearMatchesItsDefinitionAndInitBounds() {
        Generator g = new Generator(9);
        Linear l = new Linear(50, 40, true, g);
        double bound = 1 / Math.sqrt(50);
        for (float v : l.weight.toFloatArray()) {
            assertTrue(Math.abs(v) <= bound, "weight " + v);
        }
        for (float v : l.bias.toFloatArray()) {
            assertTrue(Math.abs(v) <= bound, "bias " + v);
        }
        // the weights fill the range: max |w| close to the bound, std close to bound / sqrt(3)
        float[] w = l.weight.toFloatArray();
        double max = 0;
        double sq = 0;
        for (float v : w) {
            max = Math.max(max, Math.abs(v));
            sq += v * v;
        }
        assertTrue(max > 0.98 * bound);
        assertEquals(bound / Math.sqrt(3), Math.sqrt(sq / w.length), 0.05 * bound);
        Tensor x = Tensor.randn(g, 3, 50);
        Tensor expected = x.matmul(l.weight.t()).add(l.bias);
        assertArrayEquals(expected.toFloatArray(), l.call(x).toFloatArray(), 1e-5f);
        // the same seed gives the same layer
        Linear again = new Linear(50, 40, true, new Generator(9));
        assertArrayEquals(w, again.weight.toFloatArray());
        var e = assertThrows(IllegalArgumentException.class, () -> l.call(Tensor.zeros(2, 49)));
        assertTrue(e.getMessage().contains("linear"), e.getMessage());
    }
}
