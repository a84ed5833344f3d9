package dev.nabla.cli;

import dev.nabla.data.sources.FashionMnist;
import dev.nabla.tensor.Tensor;
import dev.nabla.train.Trainer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code nabla predict --checkpoint PATH IMAGE...}: the most likely classes of each image. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = {"Classify PNG or JPEG images with a model trained by 'nabla train'. Each image is made",
                "grayscale, resized to 28x28 and, if its border is light, inverted (Fashion-MNIST shows",
                "light garments on black)."})
final class PredictCommand implements Callable<Integer> {
    @Option(names = "--checkpoint", required = true, paramLabel = "PATH",
            description = "a checkpoint file, or a training output folder (uses its best checkpoint)")
    Path checkpoint;

    @Option(names = "--top", defaultValue = "3", description = "how many classes to print (default ${DEFAULT-VALUE})")
    int top;

    @Option(names = "--invert", defaultValue = "auto",
            description = "invert gray levels: auto, yes or no (default ${DEFAULT-VALUE})")
    String invert;

    @Parameters(arity = "1..*", paramLabel = "IMAGE", description = "PNG or JPEG files")
    List<Path> images;

    @Override
    public Integer call() {
        ImageInput.Invert inv;
        try {
            inv = ImageInput.Invert.valueOf(invert.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            System.err.println("nabla predict: --invert must be auto, yes or no, got '" + invert + "'");
            return 2;
        }
        if (top < 1 || top > 10) {
            System.err.println("nabla predict: --top must be between 1 and 10, got " + top);
            return 2;
        }
        CheckpointModel cm;
        try {
            cm = CheckpointModel.load(checkpoint);
        } catch (IllegalArgumentException e) {
            System.err.println("nabla predict: " + e.getMessage());
            return 1;
        }
        int failures = 0;
        List<Tensor> inputs = new ArrayList<>();
        List<Path> ok = new ArrayList<>();
        for (Path img : images) {
            try {
                inputs.add(ImageInput.read(img, 28, inv));
                ok.add(img);
            } catch (IllegalArgumentException e) {
                System.err.println("nabla " + e.getMessage());
                failures++;
            }
        }
        if (!inputs.isEmpty()) {
            Tensor batch = Tensor.stack(inputs.toArray(new Tensor[0]), 0); // (N, 1, 28, 28)
            Tensor probs = Trainer.predict(cm.model(), batch, 256).softmax(1);
            for (int i = 0; i < ok.size(); i++) {
                float[] p = probs.select(0, i).toFloatArray();
                Integer[] order = new Integer[p.length];
                for (int c = 0; c < p.length; c++) {
                    order[c] = c;
                }
                java.util.Arrays.sort(order, (a, b) -> Float.compare(p[b], p[a]));
                StringBuilder sb = new StringBuilder(ok.get(i).toString()).append(':');
                for (int k = 0; k < top; k++) {
                    sb.append(String.format(Locale.ROOT, "  %s %.3f", FashionMnist.CLASSES.get(order[k]), p[order[k]]));
                }
                System.out.println(sb);
            }
        }
        return failures == 0 ? 0 : 1;
    }
}
