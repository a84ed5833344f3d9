package dev.nabla.cli.bench;

import dev.nabla.data.sources.FashionMnist;
import dev.nabla.data.sources.IdxArray;
import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/** The benchmark data: real Fashion-MNIST batches in order, or pools of distinct synthetic batches. */
final class BenchData {
    private BenchData() {
    }

    /** The whole split as (N,1,28,28) float x/255 and int64 labels, from the Debian package's folder. */
    static FashionMnist fashion(boolean train) {
        try {
            return FashionMnist.locator().download(false).load(train);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("bench: Fashion-MNIST not found in " + FashionMnist.SYSTEM_DIR
                    + " (" + e.getMessage() + "); install it with: apt-get install -y dataset-fashion-mnist", e);
        }
    }

    /**
     * Consecutive train batches forever, as the torch script's _fmnist_batches: the same x/255 values, but
     * the set is kept as the file's bytes and each batch scaled as it is taken (as torchvision's dataset
     * does per image). The float copy of the whole split was 188 MB of the capped bench heap's ~300 MB live
     * set, which left convnet's G1 a few MB from full collections.
     */
    static Supplier<Tensor[]> fashionBatches(int batch, boolean autoencoder) {
        IdxArray[] parts;
        try {
            parts = FashionMnist.readChecked(FashionMnist.locator().download(false).resolve(true), true,
                    FashionMnist.FILES);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("bench: Fashion-MNIST not found in " + FashionMnist.SYSTEM_DIR
                    + " (" + e.getMessage() + "); install it with: apt-get install -y dataset-fashion-mnist", e);
        }
        byte[] pixels = parts[0].data();
        Tensor y = parts[1].toLongTensor();
        int imageBytes = 28 * 28;
        int n = y.size(0) / batch;
        int[] i = {0};
        return () -> {
            int s = (i[0]++ % n) * batch;
            byte[] b = Arrays.copyOfRange(pixels, s * imageBytes, (s + batch) * imageBytes);
            Tensor xb = IdxArray.ofUnsignedBytes(b, batch, 1, 28, 28).toFloatTensor(1 / 255.0);
            return new Tensor[] {xb, autoencoder ? xb.flatten(1) : y.narrow(0, s, batch)};
        };
    }

    /** Pre-generates {@code size} batches with make and cycles through them. */
    static Supplier<Tensor[]> pool(Supplier<Tensor[]> make, int size) {
        List<Tensor[]> pool = new ArrayList<>();
        for (int k = 0; k < size; k++) {
            pool.add(make.get());
        }
        int[] i = {0};
        return () -> pool.get(i[0]++ % size);
    }

    static Supplier<Tensor[]> lstm(int batch, Generator g) {
        return pool(() -> new Tensor[] {Tensor.randint(0, 10000, g, batch, 200),
            Tensor.randint(0, 2, g, batch).toFloat()}, 128);
    }

    static Supplier<Tensor[]> transformer(int batch, Generator g) {
        return pool(() -> new Tensor[] {Tensor.randint(0, 10000, g, batch, 64), Tensor.randint(0, 2, g, batch)}, 512);
    }

    static Supplier<Tensor[]> segnet(int batch, Generator g) {
        return pool(() -> new Tensor[] {Tensor.rand(g, batch, 3, 128, 128), Tensor.randint(0, 23, g, batch, 128, 128)},
                4);
    }
}
