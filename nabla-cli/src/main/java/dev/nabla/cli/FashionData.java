package dev.nabla.cli;

import dev.nabla.data.sources.FashionMnist;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Loads Fashion-MNIST as a config asks: the full set from a folder, or the sample shipped in the jar. */
final class FashionData {
    private FashionData() {}

    static FashionMnist load(String data, Path dir, boolean train) {
        if (data.equals("fashion-mnist-sample")) {
            return FashionMnist.sample(train);
        }
        if (data.equals("fashion-mnist-auto")) {
            // The README's main job: the full set where the Debian package (or data.dir) has it, else the sample.
            try {
                return FashionMnist.locator().searchDirs(List.of(dir)).download(false).load(train);
            } catch (IOException e) {
                if (train) {
                    System.err.println("nabla: the full Fashion-MNIST is not in " + dir + " (" + e.getMessage()
                            + "); training on the 2,000-image sample that ships with Nabla instead."
                            + " For the full set: apt-get install -y dataset-fashion-mnist");
                }
                return FashionMnist.sample(train);
            }
        }
        if (!data.equals("fashion-mnist")) {
            throw new IllegalArgumentException("unknown data set '" + data + "' (expected one of "
                    + String.join(", ", TrainConfig.DATASETS) + ")");
        }
        try {
            return FashionMnist.locator().searchDirs(List.of(dir)).download(false).load(train);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read Fashion-MNIST from " + dir + " (" + e.getMessage()
                    + "); install it with 'apt-get install dataset-fashion-mnist', set data.dir, or use"
                    + " data = fashion-mnist-sample", e);
        }
    }
}
