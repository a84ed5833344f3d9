package dev.nabla.train;

import dev.nabla.data.Batch;
import dev.nabla.data.DataLoader;
import dev.nabla.data.Sample;
import dev.nabla.data.sources.FashionMnist;
import dev.nabla.nn.Dropout;
import dev.nabla.nn.Flatten;
import dev.nabla.nn.Linear;
import dev.nabla.nn.Module;
import dev.nabla.nn.ReLU;
import dev.nabla.nn.Sequential;
import dev.nabla.nn.functional.F;
import dev.nabla.optim.Adam;
import dev.nabla.optim.lr.StepLR;
import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;
import dev.nabla.train.callbacks.Callback;
import dev.nabla.train.callbacks.ModelCheckpoint;
import dev.nabla.train.callbacks.Monitor;
import dev.nabla.train.metrics.Accuracy;
import dev.nabla.train.metrics.Metric;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A training run in its own JVM for the kill-and-resume test: an MLP with dropout on the shipped
 * Fashion-MNIST sample, checkpointing every 5 batches. Args: output folder, "resume" or "fresh".
 * Prints "SAVED n" after each checkpoint and writes the final weights to final.bin.
 */
public final class ResumeWorker {
    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]);
        boolean resume = args[1].equals("resume");
        Generator.defaultGenerator().manualSeed(123);
        Module model = new Sequential(new Flatten(), new Linear(784, 64), new ReLU(), new Dropout(0.2), new Linear(64, 10));
        Adam opt = new Adam(model.parameters(), 2e-3);
        StepLR sched = new StepLR(opt, 1, 0.5);
        FashionMnist train = FashionMnist.sample(true);
        FashionMnist test = FashionMnist.sample(false);
        DataLoader<Sample, Batch> trainLoader = DataLoader.builder(train).batchSize(50).shuffle(true)
                .generator(new Generator(7)).build();
        DataLoader<Sample, Batch> valLoader = DataLoader.builder(test).batchSize(500).build();
        Callback announce = new Callback() {
            @Override
            public void onBatchEnd(TrainContext ctx) {
                if (ctx.globalStep() % 5 == 0) {
                    System.out.println("SAVED " + ctx.globalStep());
                    System.out.flush();
                }
            }
        };
        Trainer trainer = Trainer.builder().seed(99).deterministic(true)
                .metrics(() -> List.<Metric>of(new Accuracy()))
                .scheduler(sched, Trainer.Interval.EPOCH)
                .callbacks(new ModelCheckpoint(out, new Monitor("val_loss", "min", 0), true, 5, Map.of()), announce)
                .resumeFrom(resume ? out.resolve(ModelCheckpoint.LAST) : null)
                .build();
        History h = trainer.fit(model, F::crossEntropy, opt, trainLoader, valLoader, 3);
        try (DataOutputStream o = new DataOutputStream(Files.newOutputStream(out.resolve("final.bin")))) {
            for (Tensor p : model.parameters()) {
                for (float f : p.toFloatArray()) {
                    o.writeInt(Float.floatToRawIntBits(f));
                }
            }
        }
        System.out.println("DONE " + h.last());
    }
}
