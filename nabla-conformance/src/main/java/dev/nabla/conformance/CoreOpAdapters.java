package dev.nabla.conformance;

import dev.nabla.nn.functional.F;
import dev.nabla.tensor.MathOps;
import dev.nabla.tensor.Rearrange;
import dev.nabla.tensor.Scans;
import dev.nabla.tensor.Tensor;
import dev.nabla.tensor.ValuesIndices;
import java.util.Map;
import java.util.function.UnaryOperator;

/** Adapters for tensor ops: unary, binary, reductions, linear algebra and shape ops. */
final class CoreOpAdapters implements AdapterFamily {
    @Override
    public void register(OpRegistry r) {
        unary(r, "neg", Tensor::neg);
        unary(r, "exp", Tensor::exp);
        unary(r, "log", Tensor::log);
        unary(r, "sqrt", Tensor::sqrt);
        unary(r, "abs", Tensor::abs);
        unary(r, "relu", Tensor::relu);
        unary(r, "sigmoid", Tensor::sigmoid);
        unary(r, "tanh", Tensor::tanh);
        unary(r, "sin", Tensor::sin);
        unary(r, "cos", Tensor::cos);
        unary(r, "reciprocal", Tensor::reciprocal);
        unary(r, "square", Tensor::square);
        unary(r, "rsqrt", Tensor::rsqrt);
        unary(r, "silu", F::silu);
        r.register("softplus", OpAdapter.single((in, kw) ->
                F.softplus(in.get("input"), kw.getDouble("beta", 1), kw.getDouble("threshold", 20))));
        r.register("leaky_relu", OpAdapter.single((in, kw) ->
                F.leakyRelu(in.get("input"), kw.getDouble("negative_slope", 0.01))));
        r.register("elu", OpAdapter.single((in, kw) -> F.elu(in.get("input"), kw.getDouble("alpha", 1))));
        r.register("gelu", OpAdapter.single((in, kw) -> F.gelu(in.get("input"), kw.getString("approximate", "none"))));
        unary(r, "relu6", F::relu6);
        unary(r, "selu", F::selu);
        unary(r, "mish", F::mish);
        unary(r, "hardswish", F::hardswish);
        unary(r, "hardsigmoid", F::hardsigmoid);
        unary(r, "logsigmoid", F::logSigmoid);
        unary(r, "softsign", F::softsign);
        unary(r, "tanhshrink", F::tanhshrink);
        unary(r, "log1p", Tensor::log1p);
        unary(r, "expm1", MathOps::expm1);
        unary(r, "exp2", MathOps::exp2);
        unary(r, "log2", MathOps::log2);
        unary(r, "log10", MathOps::log10);
        unary(r, "trunc", MathOps::trunc);
        unary(r, "frac", MathOps::frac);
        unary(r, "floor", Tensor::floor);
        unary(r, "ceil", Tensor::ceil);
        unary(r, "round", Tensor::round);
        unary(r, "sign", Tensor::sign);
        unary(r, "tan", MathOps::tan);
        unary(r, "sinh", MathOps::sinh);
        unary(r, "cosh", MathOps::cosh);
        unary(r, "asin", MathOps::asin);
        unary(r, "acos", MathOps::acos);
        unary(r, "atan", MathOps::atan);
        unary(r, "erf", MathOps::erf);
        binary(r, "atan2", (in, kw) -> MathOps.atan2(in.get("input"), in.get("other")));
        binary(r, "logaddexp", (in, kw) -> MathOps.logaddexp(in.get("input"), in.get("other")));
        r.register("rrelu", OpAdapter.single((in, kw) -> F.rrelu(in.get("input"), kw.getDouble("lower", 1.0 / 8),
                kw.getDouble("upper", 1.0 / 3), kw.getBool("training", false), null)));
        r.register("dropout", OpAdapter.single((in, kw) -> F.dropout(in.get("input"), kw.getDouble("p", 0.5),
                kw.getBool("training", true), dev.nabla.tensor.Generator.defaultGenerator())));
        r.register("softmin", OpAdapter.single((in, kw) -> F.softmin(in.get("input"), softmaxDim(in, kw))));
        r.register("glu", OpAdapter.single((in, kw) -> F.glu(in.get("input"), kw.getInt("dim", -1))));
        r.register("prelu", OpAdapter.single((in, kw) -> F.prelu(in.get("input"), in.get("weight"))));
        r.register("normalize", OpAdapter.single((in, kw) -> F.normalize(in.get("input"), kw.getDouble("p", 2),
                kw.getInt("dim", 1), kw.getDouble("eps", 1e-12))));
        r.register("cosine_similarity", OpAdapter.single((in, kw) -> F.cosineSimilarity(in.get("x1"), in.get("x2"),
                kw.getInt("dim", 1), kw.getDouble("eps", 1e-8))));
        r.register("pairwise_distance", OpAdapter.single((in, kw) -> F.pairwiseDistance(in.get("x1"), in.get("x2"),
                kw.getDouble("p", 2), kw.getDouble("eps", 1e-6), kw.getBool("keepdim", false))));
        r.register("hardtanh", OpAdapter.single((in, kw) ->
                F.hardtanh(in.get("input"), kw.getDouble("min_val", -1), kw.getDouble("max_val", 1))));
        r.register("celu", OpAdapter.single((in, kw) -> F.celu(in.get("input"), kw.getDouble("alpha", 1))));
        r.register("threshold", OpAdapter.single((in, kw) -> F.threshold(in.get("input"),
                required(kw, "threshold", "threshold"), required(kw, "threshold", "value"))));
        r.register("softshrink", OpAdapter.single((in, kw) -> F.softshrink(in.get("input"), kw.getDouble("lambd", 0.5))));
        r.register("hardshrink", OpAdapter.single((in, kw) -> F.hardshrink(in.get("input"), kw.getDouble("lambd", 0.5))));
        r.register("clamp", OpAdapter.single((in, kw) -> in.containsKey("min") || in.containsKey("max")
                ? in.get("input").clamp(bound(in, kw, "min"), bound(in, kw, "max"))
                : in.get("input").clamp(kw.getDouble("min", Double.NEGATIVE_INFINITY),
                        kw.getDouble("max", Double.POSITIVE_INFINITY))));
        r.register("pow", OpAdapter.single((in, kw) -> in.containsKey("exponent")
                ? in.get("input").pow(in.get("exponent"))
                : in.get("input").pow(kw.getDouble("exponent", 1))));

        binary(r, "add", (in, kw) -> in.get("input").add(other(in, kw, "add"), kw.getFloat("alpha", 1)));
        binary(r, "sub", (in, kw) -> in.get("input").sub(other(in, kw, "sub").mul(kw.getDouble("alpha", 1))));
        binary(r, "mul", (in, kw) -> in.get("input").mul(other(in, kw, "mul")));
        binary(r, "div", (in, kw) -> in.get("input").div(other(in, kw, "div"), kw.getString("rounding_mode", null)));
        binary(r, "maximum", (in, kw) -> in.get("input").maximum(in.get("other")));
        binary(r, "minimum", (in, kw) -> in.get("input").minimum(in.get("other")));
        binary(r, "true_divide", (in, kw) -> in.get("input").div(other(in, kw, "true_divide")));
        binary(r, "floor_divide", (in, kw) -> in.get("input").div(other(in, kw, "floor_divide"), "floor"));
        binary(r, "remainder", (in, kw) -> MathOps.remainder(in.get("input"), other(in, kw, "remainder")));
        binary(r, "fmod", (in, kw) -> MathOps.fmod(in.get("input"), other(in, kw, "fmod")));
        binary(r, "rsub", (in, kw) -> other(in, kw, "rsub").sub(in.get("input").mul(kw.getDouble("alpha", 1))));
        binary(r, "hypot", (in, kw) -> MathOps.hypot(in.get("input"), in.get("other")));
        binary(r, "eq", (in, kw) -> in.get("input").eq(other(in, kw, "eq")));
        binary(r, "ne", (in, kw) -> in.get("input").ne(other(in, kw, "ne")));
        binary(r, "lt", (in, kw) -> in.get("input").lt(other(in, kw, "lt")));
        binary(r, "le", (in, kw) -> in.get("input").le(other(in, kw, "le")));
        binary(r, "gt", (in, kw) -> in.get("input").gt(other(in, kw, "gt")));
        binary(r, "ge", (in, kw) -> in.get("input").ge(other(in, kw, "ge")));
        r.register("where", OpAdapter.single((in, kw) -> Tensor.where(in.get("condition"),
                in.containsKey("input") ? in.get("input") : Tensor.scalar((float) required(kw, "where", "input")),
                other(in, kw, "where"))));

        r.register("sum", OpAdapter.single((in, kw) -> in.get("input").sum(kw.getIntList("dim"),
                kw.getBool("keepdim", false))));
        r.register("mean", OpAdapter.single((in, kw) -> in.get("input").mean(kw.getIntList("dim"),
                kw.getBool("keepdim", false))));
        r.register("amax", OpAdapter.single((in, kw) -> in.get("input").amax(kw.getIntList("dim"),
                kw.getBool("keepdim", false))));
        r.register("amin", OpAdapter.single((in, kw) -> in.get("input").amin(kw.getIntList("dim"),
                kw.getBool("keepdim", false))));
        r.register("max", (in, kw) -> {
            if (in.containsKey("other")) {
                return Map.of("output", in.get("input").maximum(in.get("other")));   // torch.max(input, other)
            }
            if (!kw.has("dim")) {
                return Map.of("output", in.get("input").max());
            }
            ValuesIndices vi = in.get("input").max(kw.getInt("dim", 0), kw.getBool("keepdim", false));
            return Map.of("output", vi.values(), "values", vi.values(), "indices", vi.indices());
        });
        r.register("min", (in, kw) -> {
            if (in.containsKey("other")) {
                return Map.of("output", in.get("input").minimum(in.get("other")));   // torch.min(input, other)
            }
            if (!kw.has("dim")) {
                return Map.of("output", in.get("input").min());
            }
            ValuesIndices vi = in.get("input").min(kw.getInt("dim", 0), kw.getBool("keepdim", false));
            return Map.of("output", vi.values(), "values", vi.values(), "indices", vi.indices());
        });
        r.register("argmax", OpAdapter.single((in, kw) -> kw.has("dim")
                ? in.get("input").argmax(kw.getInt("dim", 0), kw.getBool("keepdim", false))
                : in.get("input").argmax()));
        r.register("argmin", OpAdapter.single((in, kw) -> kw.has("dim")
                ? in.get("input").argmin(kw.getInt("dim", 0), kw.getBool("keepdim", false))
                : in.get("input").argmin()));
        r.register("logsumexp", OpAdapter.single((in, kw) -> in.get("input").logsumexp(kw.getIntList("dim"),
                kw.getBool("keepdim", false))));
        r.register("var", OpAdapter.single((in, kw) -> in.get("input").var(kw.getIntList("dim"), correction(kw),
                kw.getBool("keepdim", false))));
        r.register("std", OpAdapter.single((in, kw) -> in.get("input").std(kw.getIntList("dim"), correction(kw),
                kw.getBool("keepdim", false))));
        r.register("norm", OpAdapter.single((in, kw) -> {
            double p = kw.has("p") ? parseP(kw) : 2.0;
            return in.get("input").norm(p, kw.getIntList("dim"), kw.getBool("keepdim", false));
        }));
        r.register("softmax", OpAdapter.single((in, kw) -> in.get("input").softmax(softmaxDim(in, kw))));
        r.register("log_softmax", OpAdapter.single((in, kw) -> in.get("input").logSoftmax(softmaxDim(in, kw))));

        r.register("matmul", OpAdapter.single((in, kw) -> in.get("input").matmul(in.get("other"))));
        r.register("mm", OpAdapter.single((in, kw) -> in.get("input").mm(in.get("mat2"))));
        r.register("bmm", OpAdapter.single((in, kw) -> in.get("input").bmm(in.get("mat2"))));
        r.register("linear", OpAdapter.single((in, kw) -> F.linear(in.get("input"), in.get("weight"), in.get("bias"))));
        r.register("addmm", OpAdapter.single((in, kw) -> F.addmm(in.get("input"), in.get("mat1"), in.get("mat2"),
                kw.getDouble("beta", 1), kw.getDouble("alpha", 1))));

        r.register("reshape", OpAdapter.single((in, kw) -> in.get("input").reshape(kw.getIntList("shape"))));
        r.register("view", OpAdapter.single((in, kw) -> in.get("input").view(kw.getIntList("shape"))));
        r.register("permute", OpAdapter.single((in, kw) -> in.get("input").permute(kw.getIntList("dims"))));
        r.register("transpose", OpAdapter.single((in, kw) -> in.get("input").transpose(kw.getInt("dim0", 0),
                kw.getInt("dim1", 1))));
        r.register("cat", OpAdapter.single((in, kw) -> Tensor.cat(tensorList(in), kw.getInt("dim", 0))));
        r.register("stack", OpAdapter.single((in, kw) -> Tensor.stack(tensorList(in), kw.getInt("dim", 0))));
        r.register("slice", OpAdapter.single((in, kw) -> in.get("input").slice(kw.getInt("dim", 0),
                kw.getInt("start", 0), kw.getInt("end", Integer.MAX_VALUE), kw.getInt("step", 1))));
        r.register("narrow", OpAdapter.single((in, kw) -> in.get("input").narrow(kw.getInt("dim", 0),
                kw.getInt("start", 0), kw.getInt("length", 0))));
        r.register("index_select", OpAdapter.single((in, kw) -> in.get("input").indexSelect(kw.getInt("dim", 0),
                in.get("index"))));
        r.register("gather", OpAdapter.single((in, kw) -> in.get("input").gather(kw.getInt("dim", 0), in.get("index"))));
        r.register("scatter_add", OpAdapter.single((in, kw) -> in.get("input").scatterAdd(kw.getInt("dim", 0),
                in.get("index"), in.get("src"))));
        r.register("masked_fill", OpAdapter.single((in, kw) -> in.get("input").maskedFill(in.get("mask"),
                kw.getFloat("value", 0))));
        r.register("pad", OpAdapter.single((in, kw) -> F.pad(in.get("input"), kw.getIntList("pad"),
                kw.getString("mode", "constant"), kw.getFloat("value", 0))));
        r.register("flatten", OpAdapter.single((in, kw) -> in.get("input").flatten(kw.getInt("start_dim", 0),
                kw.getInt("end_dim", -1))));
        r.register("expand", OpAdapter.single((in, kw) -> in.get("input").expand(kw.getIntList("size"))));
        r.register("squeeze", OpAdapter.single((in, kw) -> kw.has("dim") ? in.get("input").squeeze(kw.getInt("dim", 0))
                : in.get("input").squeeze()));
        r.register("unsqueeze", OpAdapter.single((in, kw) -> in.get("input").unsqueeze(kw.getInt("dim", 0))));
        r.register("repeat_interleave", OpAdapter.single((in, kw) -> in.get("input").repeatInterleave(
                kw.getInt("repeats", 1), kw.getInt("dim", 0))));
        r.register("repeat", OpAdapter.single((in, kw) -> in.get("input").repeat(kw.getIntList("repeats"))));
        r.register("flip", OpAdapter.single((in, kw) -> Rearrange.flip(in.get("input"), kw.getIntList("dims"))));
        r.register("roll", OpAdapter.single((in, kw) -> Rearrange.roll(in.get("input"), kw.getIntList("shifts"),
                kw.getIntList("dims"))));
        r.register("tril", OpAdapter.single((in, kw) -> Rearrange.tril(in.get("input"), kw.getInt("diagonal", 0))));
        r.register("triu", OpAdapter.single((in, kw) -> Rearrange.triu(in.get("input"), kw.getInt("diagonal", 0))));
        r.register("movedim", OpAdapter.single((in, kw) -> Rearrange.movedim(in.get("input"),
                kw.getIntList("source"), kw.getIntList("destination"))));
        r.register("tile", OpAdapter.single((in, kw) -> Rearrange.tile(in.get("input"), kw.getIntList("dims"))));
        r.register("cumsum", OpAdapter.single((in, kw) -> Scans.cumsum(in.get("input"), kw.getInt("dim", 0))));
        r.register("cumprod", OpAdapter.single((in, kw) -> Scans.cumprod(in.get("input"), kw.getInt("dim", 0))));
        r.register("prod", OpAdapter.single((in, kw) -> kw.has("dim")
                ? Scans.prod(in.get("input"), kw.getInt("dim", 0), kw.getBool("keepdim", false))
                : Scans.prod(in.get("input"))));
        r.register("unsqueeze_mul", OpAdapter.single((in, kw) ->
                in.get("input").unsqueeze(1).mul(in.get("input").unsqueeze(2))));
    }

    /** The dim kwarg, or torch's implicit choice when it is missing: 0 for 0-, 1- and 3-D input, else 1. */
    private static int softmaxDim(Map<String, Tensor> in, Kwargs kw) {
        if (kw.has("dim")) {
            return kw.getInt("dim", -1);
        }
        int rank = in.get("input").dim();
        return rank == 0 || rank == 1 || rank == 3 ? 0 : 1;
    }

    /** torch.var/std's degrees-of-freedom correction: correction when given, else unbiased (default 1). */
    private static int correction(Kwargs kw) {
        if (kw.has("correction")) {
            return kw.getInt("correction", 1);
        }
        return kw.getBool("unbiased", true) ? 1 : 0;
    }

    /** A clamp bound given as a tensor input, or as a number kwarg (a 0-dim tensor), or null when absent. */
    private static Tensor bound(Map<String, Tensor> in, Kwargs kw, String key) {
        if (in.containsKey(key)) {
            return in.get(key);
        }
        return kw.has(key) ? Tensor.scalar(kw.getFloat(key, 0)) : null;
    }

    /** The second operand: the tensor input "other", or a Python number passed as the kwarg "other". */
    private static Tensor other(Map<String, Tensor> in, Kwargs kw, String op) {
        if (in.containsKey("other")) {
            return in.get("other");
        }
        return Tensor.scalar((float) required(kw, op, "other"));
    }

    private static double required(Kwargs kw, String op, String key) {
        if (!kw.has(key)) {
            throw new IllegalArgumentException(op + ": missing required argument '" + key + "'");
        }
        return kw.getDouble(key, 0);
    }

    private static double parseP(Kwargs kw) {
        String s = kw.raw("p").asText();
        return switch (s) {
            case "inf", "Infinity" -> Double.POSITIVE_INFINITY;
            case "-inf", "-Infinity" -> Double.NEGATIVE_INFINITY;
            case "fro" -> 2.0;
            default -> kw.getDouble("p", 2.0);
        };
    }

    private static void unary(OpRegistry r, String name, UnaryOperator<Tensor> fn) {
        r.register(name, OpAdapter.single((in, kw) -> fn.apply(in.get("input"))));
    }

    private static void binary(OpRegistry r, String name,
                               java.util.function.BiFunction<Map<String, Tensor>, Kwargs, Tensor> fn) {
        r.register(name, OpAdapter.single(fn));
    }

    /** The tensor inputs in order (cat and stack take a list: names a, b, c ... or tensors). */
    private static Tensor[] tensorList(Map<String, Tensor> in) {
        return in.values().toArray(new Tensor[0]);
    }
}
