package dev.nabla.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.nabla.io.Json;
import dev.nabla.nn.functional.MhaOutput;
import dev.nabla.nn.functional.RnnOutput;
import dev.nabla.tensor.DType;
import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The layer cases of the shared PyTorch reference file, run through the modules instead of the
 * functional ops: the case's parameters (named as PyTorch names them: weight, in_proj_weight,
 * out_proj.weight, weight_ih_l0_reverse, ...) are loaded with loadStateDict, the module runs, and
 * its outputs and the gradients of its parameters and inputs must match PyTorch's. Cases the file
 * records wrongly are taken from the torch-recomputed copy kept by the conformance module.
 */
class TorchReferenceModulesTest {
    private static final Set<String> OPS = Set.of("conv2d", "conv_transpose2d", "batch_norm", "layer_norm",
            "group_norm", "embedding", "rnn_tanh", "lstm", "gru", "multi_head_attention");

    @TestFactory
    Stream<DynamicTest> layerCasesThroughModules() throws IOException {
        Path shared = Path.of(System.getProperty("nabla.shared", "../../shared"));
        Path file = shared.resolve("conformance/torch-reference.jsonl");
        Assumptions.assumeTrue(Files.isRegularFile(file), "no reference file at " + file.toAbsolutePath());
        Map<String, Map<?, ?>> cases = new LinkedHashMap<>();
        read(file, cases);
        Path corrected = Path.of("../nabla-conformance/src/test/resources/torch-reference-corrected.jsonl");
        if (Files.isRegularFile(corrected)) {
            Map<String, Map<?, ?>> fixes = new LinkedHashMap<>();
            read(corrected, fixes);
            for (Map.Entry<String, Map<?, ?>> e : fixes.entrySet()) {
                cases.remove(e.getKey().replace("_corrected", ""));
                cases.put(e.getKey(), e.getValue());
            }
        }
        List<DynamicTest> tests = new ArrayList<>();
        for (Map.Entry<String, Map<?, ?>> e : cases.entrySet()) {
            if (OPS.contains((String) e.getValue().get("op"))) {
                tests.add(DynamicTest.dynamicTest(e.getKey(), () -> run(e.getValue())));
            }
        }
        assertTrue(tests.size() >= 20, "expected the layer cases, found " + tests.size());
        return tests.stream();
    }

    private static void read(Path file, Map<String, Map<?, ?>> into) throws IOException {
        for (String line : Files.readAllLines(file)) {
            if (!line.isBlank()) {
                Map<?, ?> c = (Map<?, ?>) Json.parse(line);
                into.put((String) c.get("id"), c);
            }
        }
    }

    // ------------------------------------------------------------------ one case

    private static void run(Map<?, ?> c) {
        String op = (String) c.get("op");
        Map<?, ?> kw = (Map<?, ?>) c.get("kwargs");
        Map<String, Tensor> in = new LinkedHashMap<>();
        ((Map<?, ?>) c.get("inputs")).forEach((k, v) -> in.put((String) k, tensor(v)));
        List<?> requires = c.get("requires_grad") == null ? List.of() : (List<?>) c.get("requires_grad");
        Module module = build(op, kw, in);
        // the parameters come in through the state dict, under PyTorch's names
        Map<String, Tensor> state = new LinkedHashMap<>();
        for (String k : module.stateDict().keySet()) {
            if (in.containsKey(k)) {
                state.put(k, in.get(k));
            }
        }
        Module.LoadResult r = module.loadStateDict(state, false);
        for (String missing : r.missingKeys()) {
            assertTrue(missing.equals("num_batches_tracked"), "case lacks module key " + missing);
        }
        Map<String, Tensor> params = module.namedParameters();
        for (Object name : requires) {
            Tensor t = in.get((String) name);
            if (!params.containsKey(name) && t.dtype() == DType.FLOAT32) {
                t.requiresGrad(true);
            }
        }
        Map<String, Tensor> outs = forward(op, kw, module, in);

        double rtol = ((Number) c.get("rtol")).doubleValue();
        double atol = ((Number) c.get("atol")).doubleValue();
        Object expected = c.get("output");
        if (expected instanceof Map<?, ?> m && !m.containsKey("shape")) {
            m.forEach((k, v) -> compare(c.get("id") + " output " + k, tensor(v), outs.get((String) k), rtol, atol));
        } else {
            compare(c.get("id") + " output", tensor(expected), outs.get("output"), rtol, atol);
        }
        Object gradOut = c.get("grad_output");
        if (gradOut == null || c.get("grads") == null) {
            return;
        }
        Tensor loss = null;
        if (gradOut instanceof Map<?, ?> g && !g.containsKey("shape")) {
            for (Map.Entry<?, ?> e : g.entrySet()) {
                Tensor term = outs.get((String) e.getKey()).mul(tensor(e.getValue())).sum();
                loss = loss == null ? term : loss.add(term);
            }
        } else {
            loss = outs.get("output").mul(tensor(gradOut)).sum();
        }
        loss.backward();
        Map<?, ?> grads = (Map<?, ?>) c.get("grads");
        for (Object name : requires) {
            Tensor holder = params.containsKey(name) ? params.get(name) : in.get((String) name);
            if (grads.get(name) == null || holder.dtype() != DType.FLOAT32) {
                continue;
            }
            if (holder.grad() == null) {
                fail(c.get("id") + ": no gradient reached " + name);
            }
            compare(c.get("id") + " grad " + name, tensor(grads.get(name)), holder.grad(), rtol, atol);
        }
    }

    private static int intArg(Map<?, ?> kw, String name, int dflt) {
        Object v = kw.get(name);
        return v == null ? dflt : ((Number) v).intValue();
    }

    private static boolean boolArg(Map<?, ?> kw, String name, boolean dflt) {
        Object v = kw.get(name);
        return v == null ? dflt : (Boolean) v;
    }

    private static Module build(String op, Map<?, ?> kw, Map<String, Tensor> in) {
        Generator g = new Generator(0);
        Tensor w = in.get("weight");
        boolean bias = in.containsKey("bias");
        return switch (op) {
            case "conv2d" -> Conv2d.builder(w.size(1) * intArg(kw, "groups", 1), w.size(0), w.size(2), w.size(3))
                    .stride(intArg(kw, "stride", 1)).padding(intArg(kw, "padding", 0))
                    .dilation(intArg(kw, "dilation", 1)).groups(intArg(kw, "groups", 1)).bias(bias).generator(g)
                    .build();
            case "conv_transpose2d" -> ConvTranspose2d.builder(w.size(0), w.size(1) * intArg(kw, "groups", 1),
                    w.size(2), w.size(3)).stride(intArg(kw, "stride", 1)).padding(intArg(kw, "padding", 0))
                    .outputPadding(intArg(kw, "output_padding", 0)).dilation(intArg(kw, "dilation", 1))
                    .groups(intArg(kw, "groups", 1)).bias(bias).generator(g).build();
            case "batch_norm" -> {
                Tensor x = in.get("input");
                double eps = ((Number) kw.get("eps")).doubleValue();
                double momentum = kw.get("momentum") == null ? 0.1 : ((Number) kw.get("momentum")).doubleValue();
                BatchNorm bn = x.dim() == 4 ? new BatchNorm2d(x.size(1), eps, momentum, w != null, true)
                        : new BatchNorm1d(x.size(1), eps, momentum, w != null, true);
                yield kw.containsKey("momentum") ? bn : bn.eval();
            }
            case "layer_norm" -> {
                List<?> shape = (List<?>) kw.get("normalized_shape");
                int[] s = shape.stream().mapToInt(o -> ((Number) o).intValue()).toArray();
                yield new LayerNorm(s, ((Number) kw.get("eps")).doubleValue(), w != null, bias);
            }
            case "group_norm" -> new GroupNorm(intArg(kw, "num_groups", 1), in.get("input").size(1),
                    ((Number) kw.get("eps")).doubleValue(), w != null);
            case "embedding" -> new Embedding(w.size(0), w.size(1),
                    kw.get("padding_idx") == null ? null : intArg(kw, "padding_idx", 0), g);
            case "rnn_tanh", "lstm", "gru" -> {
                RNNBase.Options o = new RNNBase.Options(in.get("weight_ih_l0").size(1), intArg(kw, "hidden_size", 0))
                        .numLayers(intArg(kw, "num_layers", 1)).bidirectional(boolArg(kw, "bidirectional", false))
                        .batchFirst(boolArg(kw, "batch_first", false)).bias(in.containsKey("bias_ih_l0"))
                        .generator(g);
                yield switch (op) {
                    case "lstm" -> new LSTM(o);
                    case "gru" -> new GRU(o);
                    default -> new RNN(o);
                };
            }
            case "multi_head_attention" -> new MultiheadAttention(in.get("in_proj_weight").size(1),
                    intArg(kw, "num_heads", 1), 0.0, in.containsKey("in_proj_bias"), boolArg(kw, "batch_first", false),
                    g);
            default -> throw new IllegalArgumentException(op);
        };
    }

    private static Map<String, Tensor> forward(String op, Map<?, ?> kw, Module m, Map<String, Tensor> in) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        switch (op) {
            case "rnn_tanh", "gru" -> {
                RnnOutput r = m instanceof RNN rnn ? rnn.forward(in.get("input"), in.get("h0"))
                        : ((GRU) m).forward(in.get("input"), in.get("h0"));
                out.put("output", r.output());
                out.put("h_n", r.hN());
            }
            case "lstm" -> {
                RnnOutput r = ((LSTM) m).forward(in.get("input"), in.get("h0"), in.get("c0"));
                out.put("output", r.output());
                out.put("h_n", r.hN());
                out.put("c_n", r.cN());
            }
            case "multi_head_attention" -> {
                MhaOutput r = ((MultiheadAttention) m).forward(in.get("query"), in.get("key"), in.get("value"),
                        in.get("key_padding_mask"), in.get("attn_mask"), true);
                out.put("output", r.output());
                out.put("attn_weights", r.attnWeights());
            }
            case "batch_norm" -> {
                BatchNorm bn = (BatchNorm) m;
                Tensor y = bn.call(in.get("input"));
                out.put("output", y);
                out.put("out", y);
                out.put("running_mean", bn.runningMean);
                out.put("running_var", bn.runningVar);
                assertEquals(bn.isTraining() ? 1 : 0, (long) bn.numBatchesTracked.get());
            }
            default -> out.put("output", m.call(in.get("input")));
        }
        return out;
    }

    // ------------------------------------------------------------------ helpers

    private static Tensor tensor(Object json) {
        Map<?, ?> t = (Map<?, ?>) json;
        int[] shape = ((List<?>) t.get("shape")).stream().mapToInt(o -> ((Number) o).intValue()).toArray();
        List<?> data = (List<?>) t.get("data");
        return switch ((String) t.get("dtype")) {
            case "float32" -> {
                float[] v = new float[data.size()];
                for (int i = 0; i < v.length; i++) {
                    v[i] = ((Number) data.get(i)).floatValue();
                }
                yield Tensor.wrap(v, shape);
            }
            case "int64" -> {
                long[] v = new long[data.size()];
                for (int i = 0; i < v.length; i++) {
                    v[i] = ((Number) data.get(i)).longValue();
                }
                yield Tensor.ofLongs(v, shape);
            }
            case "bool" -> {
                boolean[] v = new boolean[data.size()];
                for (int i = 0; i < v.length; i++) {
                    Object o = data.get(i);
                    v[i] = o instanceof Boolean b ? b : ((Number) o).intValue() != 0;
                }
                yield Tensor.ofBools(v, shape);
            }
            default -> throw new IllegalArgumentException("dtype " + t.get("dtype"));
        };
    }

    private static void compare(String what, Tensor expected, Tensor actual, double rtol, double atol) {
        assertTrue(actual != null, what + ": missing");
        assertArrayEquals(expected.shape(), actual.shape(), what + ": shape");
        float[] e = expected.toFloatArray();
        float[] a = actual.toFloatArray();
        for (int i = 0; i < e.length; i++) {
            if (!(Math.abs(a[i] - e[i]) <= atol + rtol * Math.abs(e[i]))) {
                fail(what + "[" + i + "]: expected " + e[i] + " but got " + a[i]);
            }
        }
    }
}
