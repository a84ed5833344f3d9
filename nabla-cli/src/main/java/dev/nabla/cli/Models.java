package dev.nabla.cli;

import dev.nabla.nn.Flatten;
import dev.nabla.nn.Linear;
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
            // Interim: the Conv2d, BatchNorm2d and MaxPool2d modules are not merged yet.
            case "convnet" -> throw new IllegalArgumentException("model 'convnet' needs the Conv2d, BatchNorm2d and"
                    + " MaxPool2d modules, which this build does not have yet");
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
