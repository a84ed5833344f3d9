package dev.nabla.cli.bench;

import dev.nabla.nn.Module;
import dev.nabla.nn.functional.F;
import dev.nabla.optim.Adam;
import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/** The training workloads: zero_grad + forward + loss + backward + Adam(1e-3) step, timed as torch's script. */
final class TrainWorkloads {
    private TrainWorkloads() {
    }

    /** Model builder, batch, data, loss, warm-up steps, steps per rep, unit and data note of one workload. */
    record Spec(Supplier<Module> model, int batch, BiFunction<Integer, Generator, Supplier<Tensor[]>> data,
                BiFunction<Tensor, Tensor, Tensor> loss, int warmup, int steps, String unit, String note) {
    }

    static final Map<String, Spec> SPECS = new LinkedHashMap<>();

    static {
        SPECS.put("mlp", new Spec(BenchModels::mlp, 100, (b, g) -> BenchData.fashionBatches(b, false), F::crossEntropy,
                50, 500, "images/s", "real Fashion-MNIST train batches in order, x/255"));
        SPECS.put("convnet", new Spec(BenchModels::convnet, 100, (b, g) -> BenchData.fashionBatches(b, false),
                F::crossEntropy, 10, 40, "images/s",
                "real Fashion-MNIST train batches in order, x/255; BatchNorm in train mode"));
        SPECS.put("lstm", new Spec(BenchModels.LstmClassifier::new, 64, BenchData::lstm,
                F::binaryCrossEntropyWithLogits, 3, 10, "sequences/s",
                "synthetic: pool of 128 distinct batches of random token ids in [0,10000), length 200, random 0/1 labels"));
        SPECS.put("autoencoder", new Spec(BenchModels::autoencoder, 100, (b, g) -> BenchData.fashionBatches(b, true),
                F::mseLoss, 50, 500, "images/s",
                "real Fashion-MNIST train batches in order, x/255; MSE(sigmoid output, input)"));
        SPECS.put("transformer", new Spec(BenchModels.TinyTransformer::new, 32, BenchData::transformer,
                F::crossEntropy, 20, 60, "sequences/s",
                "synthetic: pool of 512 distinct batches of random token ids in [0,10000), length 64, random 0/1 labels"));
        SPECS.put("segnet", new Spec(BenchModels::segnet, 8, BenchData::segnet, F::crossEntropy, 3, 10, "images/s",
                "synthetic: pool of 4 batches of uniform [0,1) 3x128x128 images, random labels in [0,23) per pixel"));
    }

    static Map<String, Object> run(String name, BenchOptions o) {
        Spec spec = SPECS.get(name);
        int steps = o.quick ? Math.max(2, spec.steps() / 5) : spec.steps();
        int reps = o.quick ? 2 : o.reps;
        Generator.defaultGenerator().manualSeed(o.seed);
        Generator g = new Generator(o.seed);
        Module model = spec.model().get();
        model.train();
        Adam opt = new Adam(model.parameters(), 1e-3);
        Supplier<Tensor[]> batches = spec.data().apply(spec.batch(), g);
        float[] lastLoss = {Float.NaN};
        Runnable step = () -> {
            Tensor[] xy = batches.get();
            opt.zeroGrad();
            Tensor loss = spec.loss().apply(model.call(xy[0]), xy[1]);
            loss.backward();
            opt.step();
            lastLoss[0] = loss.item();
        };
        Timing.Result res = Timing.timeReps(step, spec.warmup(), steps, reps, o.warmupSeconds());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("workload", name);
        out.put("threads", o.threads);
        out.put("batch", spec.batch());
        out.put("unit", spec.unit());
        out.putAll(Timing.rateFields(Timing.rates(res.seconds(), (double) steps * spec.batch()), 1));
        out.put("ms_per_step_median", ProcessStats.round(1000 * Timing.median(res.seconds()) / steps, 3));
        out.put("reps", reps);
        out.put("steps_per_rep", steps);
        out.put("warmup_steps", res.warmupSteps());
        out.put("warmup_s", ProcessStats.round(res.warmupSeconds(), 2));
        out.put("final_loss", ProcessStats.round(lastLoss[0], 4));
        out.put("notes", "train step (zeroGrad+fwd+loss+bwd+Adam 1e-3); " + spec.note());
        out.putAll(res.cpu());
        return out;
    }

    static List<String> names() {
        return List.copyOf(SPECS.keySet());
    }
}
