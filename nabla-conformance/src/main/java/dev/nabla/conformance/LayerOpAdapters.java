package dev.nabla.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nabla.nn.functional.BilinearForm;
import dev.nabla.nn.functional.Embeddings;
import dev.nabla.nn.functional.LocalResponseNorm;
import dev.nabla.nn.functional.LpPooling;
import dev.nabla.nn.functional.F;
import dev.nabla.nn.functional.Pooling;
import dev.nabla.nn.functional.Resampling;
import dev.nabla.nn.functional.Volumetric;
import dev.nabla.tensor.Tensor;
import dev.nabla.tensor.ValuesIndices;
import java.util.LinkedHashMap;
import java.util.Map;

/** Adapters for convolution, pooling, resampling, normalization and embedding. */
final class LayerOpAdapters implements AdapterFamily {
    @Override
    public void register(OpRegistry r) {
        r.register("conv1d", OpAdapter.single((in, kw) -> namedPadding(kw)
                ? F.conv1d(in.get("input"), in.get("weight"), in.get("bias"), int1(kw, "stride", 1),
                        kw.getString("padding", "valid"), int1(kw, "dilation", 1), int1(kw, "groups", 1))
                : F.conv1d(in.get("input"), in.get("weight"), in.get("bias"), int1(kw, "stride", 1),
                        int1(kw, "padding", 0), int1(kw, "dilation", 1), int1(kw, "groups", 1))));
        r.register("conv2d", OpAdapter.single((in, kw) -> namedPadding(kw)
                ? F.conv2d(in.get("input"), in.get("weight"), in.get("bias"), kw.getInts("stride", 2, 1),
                        kw.getString("padding", "valid"), kw.getInts("dilation", 2, 1), kw.getInt("groups", 1))
                : F.conv2d(in.get("input"), in.get("weight"), in.get("bias"), kw.getInts("stride", 2, 1),
                        kw.getInts("padding", 2, 0), kw.getInts("dilation", 2, 1), kw.getInt("groups", 1))));
        r.register("conv3d", OpAdapter.single((in, kw) -> namedPadding(kw)
                ? Volumetric.conv3d(in.get("input"), in.get("weight"), in.get("bias"), kw.getInts("stride", 3, 1),
                        kw.getString("padding", "valid"), kw.getInts("dilation", 3, 1), kw.getInt("groups", 1))
                : Volumetric.conv3d(in.get("input"), in.get("weight"), in.get("bias"), kw.getInts("stride", 3, 1),
                        kw.getInts("padding", 3, 0), kw.getInts("dilation", 3, 1), kw.getInt("groups", 1))));
        r.register("lp_pool2d", OpAdapter.single((in, kw) -> LpPooling.lpPool2d(in.get("input"),
                kw.getDouble("norm_type", 2), kw.getInts("kernel_size", 2, 1),
                kw.has("stride") ? kw.getInts("stride", 2, 1) : null, kw.getBool("ceil_mode", false))));
        r.register("lp_pool1d", OpAdapter.single((in, kw) -> LpPooling.lpPool1d(in.get("input"),
                kw.getDouble("norm_type", 2), int1(kw, "kernel_size", 1),
                kw.has("stride") ? Integer.valueOf(int1(kw, "stride", 1)) : null, kw.getBool("ceil_mode", false))));
        r.register("local_response_norm", OpAdapter.single((in, kw) -> LocalResponseNorm.apply(in.get("input"),
                kw.getInt("size", 1), kw.getDouble("alpha", 1e-4), kw.getDouble("beta", 0.75), kw.getDouble("k", 1))));
        r.register("bilinear", OpAdapter.single((in, kw) -> BilinearForm.bilinear(in.get("input1"), in.get("input2"),
                in.get("weight"), in.get("bias"))));
        r.register("one_hot", OpAdapter.single((in, kw) -> Embeddings.oneHot(in.get("input"),
                kw.getInt("num_classes", -1))));
        r.register("conv_transpose3d", OpAdapter.single((in, kw) -> Volumetric.convTranspose3d(in.get("input"),
                in.get("weight"), in.get("bias"), kw.getInts("stride", 3, 1), kw.getInts("padding", 3, 0),
                kw.getInts("output_padding", 3, 0), kw.getInt("groups", 1), kw.getInts("dilation", 3, 1))));
        r.register("max_pool3d", OpAdapter.single((in, kw) -> Volumetric.maxPool3d(in.get("input"),
                kw.getInts("kernel_size", 3, 1), kw.has("stride") ? kw.getInts("stride", 3, 1) : null,
                kw.getInts("padding", 3, 0), kw.getInts("dilation", 3, 1), kw.getBool("ceil_mode", false))));
        r.register("avg_pool3d", OpAdapter.single((in, kw) -> Volumetric.avgPool3d(in.get("input"),
                kw.getInts("kernel_size", 3, 1), kw.has("stride") ? kw.getInts("stride", 3, 1) : null,
                kw.getInts("padding", 3, 0), kw.getBool("ceil_mode", false), kw.getBool("count_include_pad", true),
                kw.has("divisor_override") ? kw.getInt("divisor_override", 1) : null)));
        r.register("adaptive_avg_pool3d", OpAdapter.single((in, kw) -> {
            int[] o = outputSize3d(in.get("input"), kw);
            return Volumetric.adaptiveAvgPool3d(in.get("input"), o[0], o[1], o[2]);
        }));
        r.register("adaptive_max_pool3d", OpAdapter.single((in, kw) -> {
            int[] o = outputSize3d(in.get("input"), kw);
            return Volumetric.adaptiveMaxPool3d(in.get("input"), o[0], o[1], o[2]);
        }));
        r.register("conv_transpose1d", OpAdapter.single((in, kw) -> F.convTranspose1d(in.get("input"),
                in.get("weight"), in.get("bias"), int1(kw, "stride", 1), int1(kw, "padding", 0),
                int1(kw, "output_padding", 0), kw.getInt("groups", 1), int1(kw, "dilation", 1))));
        r.register("conv_transpose2d", OpAdapter.single((in, kw) -> F.convTranspose2d(in.get("input"),
                in.get("weight"), in.get("bias"), kw.getInts("stride", 2, 1), kw.getInts("padding", 2, 0),
                kw.getInts("output_padding", 2, 0), kw.getInt("groups", 1), kw.getInts("dilation", 2, 1))));

        r.register("unfold", OpAdapter.single((in, kw) -> F.unfold(in.get("input"), kw.getInts("kernel_size", 2, 1),
                kw.getInts("dilation", 2, 1), kw.getInts("padding", 2, 0), kw.getInts("stride", 2, 1))));
        r.register("fold", OpAdapter.single((in, kw) -> F.fold(in.get("input"), kw.getInts("output_size", 2, 1),
                kw.getInts("kernel_size", 2, 1), kw.getInts("dilation", 2, 1), kw.getInts("padding", 2, 0),
                kw.getInts("stride", 2, 1))));
        r.register("max_pool2d", (in, kw) -> {
            ValuesIndices vi = Pooling.maxPool2dWithIndices(in.get("input"), kw.getInts("kernel_size", 2, 1),
                    kw.getIntList("stride"), kw.getInts("padding", 2, 0), kw.getInts("dilation", 2, 1),
                    kw.getBool("ceil_mode", false));
            return Map.of("output", vi.values(), "indices", vi.indices());
        });
        r.register("max_pool1d", (in, kw) -> {
            // Pooled as a height-1 2-D input, so the flat indices h * L + l are the 1-D positions l.
            int k = int1(kw, "kernel_size", 1);
            int s = kw.has("stride") ? kw.getIntList("stride")[0] : k;
            Tensor x = in.get("input");
            if (x.dim() != 2 && x.dim() != 3) {
                throw new IllegalArgumentException("max_pool1d: expected a 2-D or 3-D input, got "
                        + java.util.Arrays.toString(x.shape()));
            }
            ValuesIndices vi = Pooling.maxPool2dWithIndices(x.unsqueeze(-2), new int[] {1, k}, new int[] {1, s},
                    new int[] {0, int1(kw, "padding", 0)}, new int[] {1, int1(kw, "dilation", 1)},
                    kw.getBool("ceil_mode", false));
            return Map.of("output", vi.values().squeeze(-2), "indices", vi.indices().squeeze(-2));
        });
        r.register("avg_pool2d", OpAdapter.single((in, kw) -> F.avgPool2d(in.get("input"),
                kw.getInts("kernel_size", 2, 1), kw.getIntList("stride"), kw.getInts("padding", 2, 0),
                kw.getBool("ceil_mode", false), kw.getBool("count_include_pad", true),
                kw.has("divisor_override") ? kw.getInt("divisor_override", 1) : null)));
        r.register("avg_pool1d", OpAdapter.single((in, kw) -> F.avgPool1d(in.get("input"),
                int1(kw, "kernel_size", 1),
                kw.has("stride") ? Integer.valueOf(kw.getIntList("stride")[0]) : null, int1(kw, "padding", 0),
                kw.getBool("ceil_mode", false), kw.getBool("count_include_pad", true))));
        r.register("adaptive_avg_pool2d", OpAdapter.single((in, kw) -> {
            int[] out = outputSize(in.get("input"), kw);
            return F.adaptiveAvgPool2d(in.get("input"), out[0], out[1]);
        }));
        r.register("adaptive_max_pool2d", (in, kw) -> {
            int[] out = outputSize(in.get("input"), kw);
            ValuesIndices vi = Pooling.adaptiveMaxPool2dWithIndices(in.get("input"), out[0], out[1]);
            return Map.of("output", vi.values(), "indices", vi.indices());
        });
        r.register("adaptive_avg_pool1d", OpAdapter.single((in, kw) ->
                F.adaptiveAvgPool1d(in.get("input"), kw.getIntList("output_size")[0])));
        r.register("adaptive_max_pool1d", OpAdapter.single((in, kw) ->
                F.adaptiveMaxPool1d(in.get("input"), kw.getIntList("output_size")[0])));
        r.register("interpolate", OpAdapter.single((in, kw) -> in.get("input").dim() == 5
                ? interpolate3d(in.get("input"), kw)
                : Resampling.interpolate(in.get("input"),
                kw.getIntList("size"), kw.getDoubles("scale_factor"), kw.getString("mode", "nearest"),
                kw.has("align_corners") ? kw.getBool("align_corners", false) : null,
                kw.has("recompute_scale_factor") ? kw.getBool("recompute_scale_factor", false) : null,
                kw.getBool("antialias", false))));

        r.register("pixel_shuffle", OpAdapter.single((in, kw) ->
                F.pixelShuffle(in.get("input"), kw.getInt("upscale_factor", 1))));
        r.register("pixel_unshuffle", OpAdapter.single((in, kw) ->
                F.pixelUnshuffle(in.get("input"), kw.getInt("downscale_factor", 1))));

        r.register("batch_norm", (in, kw) -> batchNorm(in, kw, kw.getBool("training", false)));
        r.registerHandler("batch_norm", LayerOpAdapters::runBatchNormCase);
        r.register("instance_norm", (in, kw) -> {
            Tensor rm = in.get("running_mean") == null ? null : in.get("running_mean").detach().clone();
            Tensor rv = in.get("running_var") == null ? null : in.get("running_var").detach().clone();
            Tensor out = F.instanceNorm(in.get("input"), rm, rv, in.get("weight"), in.get("bias"),
                    kw.getBool("use_input_stats", true), kw.getDouble("momentum", 0.1), kw.getDouble("eps", 1e-5));
            Map<String, Tensor> res = new LinkedHashMap<>();
            res.put("output", out);
            if (rm != null) {
                res.put("running_mean", rm);
                res.put("running_var", rv);
            }
            return res;
        });
        r.register("layer_norm", OpAdapter.single((in, kw) -> F.layerNorm(in.get("input"),
                kw.getIntList("normalized_shape"), in.get("weight"), in.get("bias"), kw.getDouble("eps", 1e-5))));
        r.register("group_norm", OpAdapter.single((in, kw) -> F.groupNorm(in.get("input"), kw.getInt("num_groups", 1),
                in.get("weight"), in.get("bias"), kw.getDouble("eps", 1e-5))));
        r.register("embedding", OpAdapter.single((in, kw) -> Embeddings.embedding(in.get("input"), in.get("weight"),
                kw.has("padding_idx") ? kw.getInt("padding_idx", 0) : null,
                kw.has("max_norm") ? kw.getDouble("max_norm", 0) : null, kw.getDouble("norm_type", 2),
                kw.getBool("scale_grad_by_freq", false))));
    }

    /** A 1-D argument: an int or a one-element list (torch accepts both). */
    private static int int1(Kwargs kw, String key, int dflt) {
        return kw.has(key) ? kw.getIntList(key)[0] : dflt;
    }

    /** torch's padding may be a string ("same" or "valid") instead of numbers. */
    private static boolean namedPadding(Kwargs kw) {
        return kw.has("padding") && kw.raw("padding").isTextual();
    }

    /** adaptive pooling's output_size: an int, or a pair whose null entries keep the input size. */
    private static int[] outputSize(Tensor input, Kwargs kw) {
        JsonNode v = kw.raw("output_size");
        int h = input.size(-2);
        int w = input.size(-1);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException("adaptive pooling: output_size is required");
        }
        if (!v.isArray()) {
            return new int[] {v.asInt(), v.asInt()};
        }
        JsonNode a = v.get(0);
        JsonNode b = v.size() > 1 ? v.get(1) : a;
        return new int[] {a.isNull() ? h : a.asInt(), b.isNull() ? w : b.asInt()};
    }

    /** interpolate on (N, C, D, H, W): the output size from size or floor(input * scale_factor). */
    private static Tensor interpolate3d(Tensor x, Kwargs kw) {
        int[] size = kw.getIntList("size");
        double[] sf = kw.getDoubles("scale_factor");
        if ((size == null) == (sf == null)) {
            throw new IllegalArgumentException("interpolate: give exactly one of size and scale_factor");
        }
        int[] out = new int[3];
        double[] scales = sf == null ? null : new double[3];
        for (int i = 0; i < 3; i++) {
            if (size != null) {
                out[i] = size[size.length == 1 ? 0 : i];
            } else {
                scales[i] = sf[sf.length == 1 ? 0 : i];
                out[i] = (int) Math.floor(x.size(2 + i) * scales[i]);
            }
        }
        return Volumetric.interpolate3d(x, out, scales, kw.getString("mode", "nearest"),
                kw.has("align_corners") ? kw.getBool("align_corners", false) : null,
                kw.has("recompute_scale_factor") ? kw.getBool("recompute_scale_factor", false) : null);
    }

    /** 3-D output_size: an int, or three entries whose nulls keep the input size. */
    private static int[] outputSize3d(Tensor input, Kwargs kw) {
        JsonNode v = kw.raw("output_size");
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException("adaptive pooling: output_size is required");
        }
        int[] out = new int[3];
        for (int i = 0; i < 3; i++) {
            JsonNode e = v.isArray() ? v.get(v.size() == 1 ? 0 : i) : v;
            out[i] = e == null || e.isNull() ? input.size(i - 3) : e.asInt();
        }
        return out;
    }

    /**
     * F.batch_norm on copies of the running statistics, which the op updates in training; outputs the
     * result (as "output" and torch's "out") and the updated "running_mean" / "running_var".
     */
    private static Map<String, Tensor> batchNorm(Map<String, Tensor> in, Kwargs kw, boolean training) {
        Tensor rm = in.get("running_mean") == null ? null : in.get("running_mean").detach().clone();
        Tensor rv = in.get("running_var") == null ? null : in.get("running_var").detach().clone();
        Tensor out = F.batchNorm(in.get("input"), rm, rv, in.get("weight"), in.get("bias"), training,
                kw.getDouble("momentum", 0.1), kw.getDouble("eps", 1e-5));
        Map<String, Tensor> res = new LinkedHashMap<>();
        res.put("output", out);
        res.put("out", out);
        if (rm != null) {
            res.put("running_mean", rm);
        }
        if (rv != null) {
            res.put("running_var", rv);
        }
        return res;
    }

    /**
     * Cases of F.batch_norm: training comes from kwargs when given, else from the case itself (an id
     * naming "train", or expected outputs that include the updated running statistics), as the
     * reference file marks training cases that way rather than with a kwarg.
     */
    private static CaseResult runBatchNormCase(String id, JsonNode c) {
        JsonNode kwargs = c.get("kwargs");
        boolean training;
        if (kwargs != null && kwargs.has("training") && !kwargs.get("training").isNull()) {
            training = kwargs.get("training").asBoolean();
        } else {
            JsonNode out = c.path("output");
            training = id.contains("train") || (!JsonTensors.isTensor(out) && out.has("running_mean"));
        }
        OpRegistry one = new OpRegistry();
        one.register("batch_norm", (in, kw) -> batchNorm(in, kw, training));
        OpCaseHandler handler = new OpCaseHandler(one);
        CaseResult result = handler.run(id, c);
        double momentum = kwargs == null ? 0.1 : kwargs.path("momentum").asDouble(0.1);
        if (result.passed() || !training || momentum == 0 || !result.detail().contains("'running_")) {
            return result;
        }
        // A training step with momentum > 0 must move the running statistics, so expected values equal to
        // the given ones mean the case recorded its inputs after torch updated them in place. Say so, and
        // check what can still be checked (the output and the gradients) rather than hide the failure.
        JsonNode out = c.path("output");
        StringBuilder stale = new StringBuilder();
        for (String name : new String[] {"running_mean", "running_var"}) {
            JsonNode given = c.path("inputs").path(name);
            if (out.has(name) && JsonTensors.isTensor(given) && given.path("data").equals(out.get(name).path("data"))) {
                stale.append(stale.isEmpty() ? "" : ", ").append(name);
            }
        }
        if (stale.isEmpty()) {
            return result;
        }
        com.fasterxml.jackson.databind.node.ObjectNode trimmed = ((com.fasterxml.jackson.databind.node.ObjectNode) c)
                .deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) trimmed.get("output")).remove(
                java.util.List.of("running_mean", "running_var"));
        CaseResult rest = handler.run(id, trimmed);
        return CaseResult.fail(id, "malformed case: expected " + stale + " equal the given inputs although a training"
                + " step with momentum " + momentum + " must change them (the inputs were recorded after torch's"
                + " in-place update); " + result.detail() + "; the output and gradients alone: "
                + (rest.passed() ? "pass" : rest.detail()));
    }
}
