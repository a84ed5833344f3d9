package dev.nabla.cli;

import dev.nabla.nn.BatchNorm2d;
import dev.nabla.nn.Conv2d;
import dev.nabla.nn.Flatten;
import dev.nabla.nn.Linear;
import dev.nabla.nn.MaxPool2d;
import dev.nabla.nn.Module;
import dev.nabla.nn.ReLU;
import dev.nabla.nn.Sequential;
import java.util.List;

/**
 * The models {@code nabla train} can build for 28x28 grayscale inputs with 10 classes, as in the
 * benchmark: {@code mlp} is Flatten-Linear(784, 500)-ReLU-Linear(500, 10); {@code convnet} is
 * Conv2d(1, 16, 5, padding 2)-BN-ReLU-MaxPool(2)-Conv2d(16, 32, 5, padding 2)-BN-ReLU-MaxPool(2)-
 * Flatten-Linear(1568, 10). State-dict keys are those of the same {@code nn.Sequential} in PyTorch.
 */
public final class Models {
    private Models() {}

    public static Module build(String name) {
        return switch (name) {
            case "mlp" -> new Sequential(new Flatten(), new Linear(784, 500), new ReLU(), new Linear(500, 10));
            case "convnet" -> new Sequential(
                    new Conv2d(1, 16, 5, 1, 2), new BatchNorm2d(16), new ReLU(), new MaxPool2d(2),  // (N, 16, 14, 14)
                    new Conv2d(16, 32, 5, 1, 2), new BatchNorm2d(32), new ReLU(), new MaxPool2d(2), // (N, 32, 7, 7)
                    new Flatten(), new Linear(32 * 7 * 7, 10));
            default -> throw new IllegalArgumentException("unknown model '" + name + "' (expected one of "
                    + String.join(", ", TrainConfig.MODELS) + ")");
        };
    }

    /** Names of the submodules whose outputs are worth showing as feature maps (after each ReLU). */
    public static List<String> featureMapLayers(String name) {
        return name.equals("convnet") ? List.of("2", "6") : List.of();
    }

    /** The submodule whose weights are shown as filters: the first convolution, or the first linear layer. */
    public static String filterLayer(String name) {
        return name.equals("convnet") ? "0" : "1";
    }
}
