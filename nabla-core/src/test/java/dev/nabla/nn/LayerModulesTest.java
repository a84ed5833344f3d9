package dev.nabla.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.io.Safetensors;
import dev.nabla.io.TensorCopy;
import dev.nabla.nn.functional.F;
import dev.nabla.tensor.DType;
import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LayerModulesTest {
    @TempDir
    Path dir;

    private static double maxAbs(Tensor t) {
        double m = 0;
        for (float v : t.toFloatArray()) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    @Test
    void convShapesInitAndKeys() {
        Generator g = new Generator(1);
        Conv2d c = Conv2d.builder(4, 8, 3, 5).stride(2, 1).padding(1, 2).groups(2).generator(g).build();
        assertArrayEquals(new int[] {8, 2, 3, 5}, c.weight.shape());
        assertArrayEquals(new int[] {8}, c.bias.shape());
        double bound = 1 / Math.sqrt(2 * 3 * 5);
        assertTrue(maxAbs(c.weight) <= bound && maxAbs(c.weight) > 0.9 * bound);
        assertTrue(maxAbs(c.bias) <= bound);
        assertEquals(List.of("weight", "bias"), new ArrayList<>(c.stateDict().keySet()));
        Tensor x = Tensor.randn(g, 2, 4, 9, 10);
        Tensor y = c.call(x);
        assertArrayEquals(new int[] {2, 8, 5, 10}, y.shape());
        assertArrayEquals(F.conv2d(x, c.weight, c.bias, new int[] {2, 1}, new int[] {1, 2}, new int[] {1, 1}, 2)
                .toFloatArray(), y.toFloatArray());
        ConvTranspose2d t = ConvTranspose2d.builder(16, 6, 3).stride(2).padding(1).outputPadding(1).groups(2)
                .generator(g).build();
        assertArrayEquals(new int[] {16, 3, 3, 3}, t.weight.shape());
        // fan_in of the transposed weight (C_in, C_out / groups, k, k) is 3 * 9, as PyTorch computes it
        assertTrue(maxAbs(t.weight) <= 1 / Math.sqrt(27) && maxAbs(t.weight) > 0.9 / Math.sqrt(27));
        assertArrayEquals(new int[] {2, 6, 10, 10}, t.call(Tensor.randn(g, 2, 16, 5, 5)).shape());
        Conv1d c1 = new Conv1d(3, 5, 4);
        assertArrayEquals(new int[] {5, 3, 4}, c1.weight.shape());
        assertArrayEquals(new int[] {2, 5, 7}, c1.call(Tensor.zeros(2, 3, 10)).shape());
        assertArrayEquals(new int[] {5, 7}, c1.call(Tensor.zeros(3, 10)).shape());
    }

    @Test
    void convArgumentErrors() {
        var e = assertThrows(IllegalArgumentException.class, () -> Conv2d.builder(3, 8, 3).groups(2).build());
        assertTrue(e.getMessage().contains("in_channels (3) must be divisible by groups (2)"), e.getMessage());
        var m = assertThrows(IllegalArgumentException.class, () -> Conv2d.builder(2, 2, 3).paddingMode("mirror").build());
        assertTrue(m.getMessage().contains("padding_mode"), m.getMessage());
        var s = assertThrows(IllegalArgumentException.class,
                () -> Conv2d.builder(2, 2, 3).padding("same").stride(2).build());
        assertTrue(s.getMessage().contains("same"), s.getMessage());
        var o = assertThrows(IllegalArgumentException.class,
                () -> ConvTranspose2d.builder(2, 2, 3).stride(2).outputPadding(2).build());
        assertTrue(o.getMessage().contains("output_padding"), o.getMessage());
        var d = assertThrows(IllegalArgumentException.class, () -> new Conv2d(3, 4, 3).call(Tensor.zeros(3, 3)));
        assertTrue(d.getMessage().contains("Conv2d"), d.getMessage());
    }

    private static Conv1d onesConv(int k, String padMode, int padding) {
        Conv1d c = Conv1d.builder(1, 1, k).padding(padding).paddingMode(padMode).bias(false).build();
        dev.nabla.nn.init.Init.ones(c.weight);
        return c;
    }

    @Test
    void convPaddingModesByHand() {
        Tensor x = Tensor.of(new float[] {1, 2, 3, 4}, 1, 1, 4);
        assertArrayEquals(new float[] {3, 6, 9, 7}, onesConv(3, "zeros", 1).call(x).toFloatArray());
        assertArrayEquals(new float[] {7, 6, 9, 8}, onesConv(3, "circular", 1).call(x).toFloatArray());
        assertArrayEquals(new float[] {5, 6, 9, 10}, onesConv(3, "reflect", 1).call(x).toFloatArray());
        assertArrayEquals(new float[] {4, 6, 9, 11}, onesConv(3, "replicate", 1).call(x).toFloatArray());
        // 'same' with an even kernel puts the extra padding on the right, as PyTorch
        Conv1d same = Conv1d.builder(1, 1, 4).padding("same").bias(false).build();
        dev.nabla.nn.init.Init.ones(same.weight);
        assertArrayEquals(new float[] {6, 10, 9, 7}, same.call(x).toFloatArray());
        Conv2d same2 = Conv2d.builder(2, 3, 3).padding("same").dilation(2).build();
        assertArrayEquals(new int[] {1, 3, 7, 6}, same2.call(Tensor.zeros(1, 2, 7, 6)).shape());
    }

    @Test
    void printsAsPyTorch() {
        assertEquals("Conv2d(1, 20, kernel_size=(5, 5), stride=(1, 1))", new Conv2d(1, 20, 5).toString());
        assertEquals("Conv2d(16, 33, kernel_size=(3, 5), stride=(2, 1), padding=(4, 2), dilation=(3, 1))",
                Conv2d.builder(16, 33, 3, 5).stride(2, 1).padding(4, 2).dilation(3, 1).build().toString());
        assertEquals("Conv2d(3, 8, kernel_size=(3, 3), stride=(1, 1), padding=same, bias=False, padding_mode=reflect)",
                Conv2d.builder(3, 8, 3).padding("same").bias(false).paddingMode("reflect").build().toString());
        assertEquals("Conv1d(16, 33, kernel_size=(3,), stride=(2,))",
                Conv1d.builder(16, 33, 3).stride(2).build().toString());
        assertEquals("ConvTranspose2d(16, 33, kernel_size=(3, 3), stride=(2, 2), padding=(1, 1), output_padding=(1, 1),"
                + " groups=1, bias=False)".replace(" groups=1,", ""),
                ConvTranspose2d.builder(16, 33, 3).stride(2).padding(1).outputPadding(1).bias(false).build().toString());
        assertEquals("MaxPool2d(kernel_size=2, stride=2, padding=0, dilation=1, ceil_mode=False)",
                new MaxPool2d(2).toString());
        assertEquals("MaxPool2d(kernel_size=(3, 2), stride=(2, 1), padding=0, dilation=1, ceil_mode=True)",
                new MaxPool2d(new int[] {3, 2}, new int[] {2, 1}, new int[] {0}, new int[] {1}, true).toString());
        assertEquals("AvgPool2d(kernel_size=2, stride=2, padding=0)", new AvgPool2d(2).toString());
        assertEquals("AdaptiveAvgPool2d(output_size=(5, 7))", new AdaptiveAvgPool2d(5, 7).toString());
        assertEquals("AdaptiveAvgPool2d(output_size=1)", new AdaptiveAvgPool2d(1).toString());
        assertEquals("Upsample(scale_factor=2.0, mode='nearest')", Upsample.scale(2).toString());
        assertEquals("Upsample(size=(4, 6), mode='bilinear')",
                Upsample.size(new int[] {4, 6}, "bilinear", false).toString());
        assertEquals("BatchNorm2d(64, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)",
                new BatchNorm2d(64).toString());
        assertEquals("BatchNorm1d(8, eps=0.001, momentum=None, affine=False, track_running_stats=False)",
                new BatchNorm1d(8, 1e-3, null, false, false).toString());
        assertEquals("LayerNorm((10,), eps=1e-05, elementwise_affine=True)", new LayerNorm(10).toString());
        assertEquals("LayerNorm((4, 5), eps=1e-05, elementwise_affine=True)", new LayerNorm(4, 5).toString());
        assertEquals("GroupNorm(2, 4, eps=1e-05, affine=True)", new GroupNorm(2, 4).toString());
        assertEquals("Embedding(10, 3, padding_idx=0)", new Embedding(10, 3, 0).toString());
        assertEquals("Embedding(10, 3)", new Embedding(10, 3).toString());
        assertEquals("Dropout2d(p=0.5, inplace=False)", new Dropout2d().toString());
    }

    @Test
    void poolingAndResamplingLayers() {
        Tensor x = Tensor.arange(16).toFloat().reshape(1, 1, 4, 4);
        assertArrayEquals(new float[] {5, 7, 13, 15}, new MaxPool2d(2).call(x).toFloatArray());
        assertArrayEquals(new float[] {2.5f, 4.5f, 10.5f, 12.5f}, new AvgPool2d(2).call(x).toFloatArray());
        assertArrayEquals(new float[] {7.5f}, new AdaptiveAvgPool2d(1).call(x).toFloatArray());
        assertArrayEquals(new int[] {1, 1, 8, 8}, Upsample.scale(2).call(x).shape());
        assertEquals(x.get(0, 0, 1, 1), Upsample.scale(2).call(x).get(0, 0, 3, 2));
        var e = assertThrows(IllegalArgumentException.class, () -> new MaxPool2d(2, 2, 2));
        assertTrue(e.getMessage().contains("half of the kernel"), e.getMessage());
    }

    @Test
    void batchNormBuffersAndRunningStatistics() {
        BatchNorm1d bn = new BatchNorm1d(2);
        assertEquals(List.of("weight", "bias", "running_mean", "running_var", "num_batches_tracked"),
                new ArrayList<>(bn.stateDict().keySet()));
        assertEquals(DType.INT64, bn.numBatchesTracked.dtype());
        assertEquals(0, bn.numBatchesTracked.dim());
        assertEquals(List.of("weight", "bias"), new ArrayList<>(bn.namedParameters().keySet()));
        Tensor x = Tensor.of(new float[] {1, 10, 3, 20, 5, 30, 7, 40}, 4, 2);
        Tensor y = bn.call(x);
        // training: batch statistics (biased variance) normalise
        double mean0 = 4;
        double var0 = (9 + 1 + 1 + 9) / 4.0;
        assertEquals((1 - mean0) / Math.sqrt(var0 + 1e-5), y.get(0, 0), 1e-5);
        // running stats: momentum 0.1 with the unbiased variance
        assertEquals(0.1 * 4, bn.runningMean.get(0), 1e-6);
        assertEquals(0.9 + 0.1 * (20 / 3.0), bn.runningVar.get(0), 1e-5);
        assertEquals(1, TensorCopy.longs(bn.numBatchesTracked)[0]);
        bn.eval();
        Tensor z = bn.call(x);
        assertEquals((1 - 0.4) / Math.sqrt(bn.runningVar.get(0) + 1e-5), z.get(0, 0), 1e-5);
        assertEquals(1, TensorCopy.longs(bn.numBatchesTracked)[0], "eval does not count batches");

        // momentum None: a cumulative average of the batch means
        BatchNorm1d cum = new BatchNorm1d(2, 1e-5, null, true, true);
        cum.call(x);
        cum.call(x.add(2.0));
        assertEquals((4 + 6) / 2.0, cum.runningMean.get(0), 1e-5);
        assertEquals(2, TensorCopy.longs(cum.numBatchesTracked)[0]);

        // without running statistics: no buffers, batch statistics in eval too
        BatchNorm1d plain = new BatchNorm1d(2, 1e-5, 0.1, false, false);
        assertEquals(List.of(), new ArrayList<>(plain.stateDict().keySet()));
        assertNull(plain.runningMean);
        plain.eval();
        assertEquals((1 - mean0) / Math.sqrt(var0 + 1e-5), plain.call(x).get(0, 0), 1e-5);

        var e = assertThrows(IllegalArgumentException.class, () -> new BatchNorm2d(3).call(Tensor.zeros(2, 3, 4)));
        assertTrue(e.getMessage().contains("expected 4D input (got 3D input"), e.getMessage());
        var c = assertThrows(IllegalArgumentException.class, () -> new BatchNorm2d(3).call(Tensor.zeros(2, 4, 2, 2)));
        assertTrue(c.getMessage().contains("expected 3 channels"), c.getMessage());
        // an old PyTorch state dict without num_batches_tracked loads it as 0
        java.util.Map<String, Tensor> old = new java.util.LinkedHashMap<>(bn.stateDict());
        old.remove("num_batches_tracked");
        bn.loadStateDict(old);
        assertEquals(0, TensorCopy.longs(bn.numBatchesTracked)[0]);
        bn.call(x);
        bn.resetRunningStats();
        assertEquals(0, TensorCopy.longs(bn.numBatchesTracked)[0]);
        assertEquals(1, bn.runningVar.get(1), 0);
    }

    @Test
    void normsAndEmbedding() {
        Generator g = new Generator(2);
        LayerNorm ln = new LayerNorm(4);
        Tensor x = Tensor.randn(g, 3, 4);
        Tensor y = ln.call(x);
        assertEquals(0, y.mean(1).get(0), 1e-5);
        assertEquals(List.of("weight", "bias"), new ArrayList<>(ln.stateDict().keySet()));
        assertEquals(List.of(), new ArrayList<>(new LayerNorm(new int[] {4}, 1e-5, false, true).stateDict().keySet()));
        assertEquals(List.of("weight"), new ArrayList<>(new LayerNorm(new int[] {4}, 1e-5, true, false).stateDict()
                .keySet()));
        GroupNorm gn = new GroupNorm(2, 4);
        assertArrayEquals(new int[] {2, 4, 3}, gn.call(Tensor.randn(g, 2, 4, 3)).shape());
        assertThrows(IllegalArgumentException.class, () -> new GroupNorm(3, 4));

        Embedding emb = new Embedding(6, 3, 1, g);
        assertArrayEquals(new float[] {0, 0, 0}, emb.weight.select(0, 1).toFloatArray());
        Tensor idx = Tensor.ofLongs(new long[] {1, 2, 1, 5}, 2, 2);
        Tensor out = emb.call(idx);
        assertArrayEquals(new int[] {2, 2, 3}, out.shape());
        out.sum().backward();
        assertArrayEquals(new float[] {0, 0, 0}, emb.weight.grad().select(0, 1).toFloatArray());
        assertArrayEquals(new float[] {1, 1, 1}, emb.weight.grad().select(0, 2).toFloatArray());
        Embedding neg = new Embedding(6, 3, -1, g);
        assertEquals(5, neg.paddingIdx);
        Tensor table = Tensor.randn(g, 4, 2);
        Embedding pre = Embedding.fromPretrained(table);
        assertTrue(!pre.weight.requiresGrad());
        assertArrayEquals(table.toFloatArray(), pre.weight.toFloatArray());
        assertTrue(Embedding.fromPretrained(table, false, null).weight.requiresGrad());
    }

    @Test
    void dropout2dZeroesWholeChannels() {
        Dropout2d d = new Dropout2d(0.5, new Generator(3));
        Tensor y = d.call(Tensor.ones(4, 8, 3, 3));
        for (int n = 0; n < 4; n++) {
            for (int c = 0; c < 8; c++) {
                float first = y.getFloat(n, c, 0, 0);
                assertTrue(first == 0 || first == 2);
                for (float v : y.select(0, n).select(0, c).toFloatArray()) {
                    assertEquals(first, v);
                }
            }
        }
        d.eval();
        assertArrayEquals(Tensor.ones(2, 2, 2).toFloatArray(), d.call(Tensor.ones(2, 2, 2)).toFloatArray());
    }

    /** A small CNN with PyTorch-style nesting. */
    static final class SmallCnn extends Module {
        final Sequential features;
        final Sequential classifier;

        SmallCnn(Generator g) {
            features = registerModule("features", new Sequential(
                    Conv2d.builder(1, 4, 3).padding(1).generator(g).build(), new BatchNorm2d(4), new ReLU(),
                    new MaxPool2d(2)));
            classifier = registerModule("classifier", new Sequential(new Flatten(), new Linear(4 * 4 * 4, 3, true, g)));
        }

        @Override
        public Tensor forward(Tensor x) {
            return classifier.call(features.call(x));
        }
    }

    /** torchvision's BasicBlock, registered in the same order. */
    static final class BasicBlock extends Module {
        final Conv2d conv1;
        final BatchNorm2d bn1;
        final ReLU relu;
        final Conv2d conv2;
        final BatchNorm2d bn2;
        final Sequential downsample;

        BasicBlock(int in, int out, int stride) {
            conv1 = registerModule("conv1", Conv2d.builder(in, out, 3).stride(stride).padding(1).bias(false).build());
            bn1 = registerModule("bn1", new BatchNorm2d(out));
            relu = registerModule("relu", new ReLU());
            conv2 = registerModule("conv2", Conv2d.builder(out, out, 3).padding(1).bias(false).build());
            bn2 = registerModule("bn2", new BatchNorm2d(out));
            downsample = registerModule("downsample", stride != 1 || in != out
                    ? new Sequential(Conv2d.builder(in, out, 1).stride(stride).bias(false).build(), new BatchNorm2d(out))
                    : null);
        }

        @Override
        public Tensor forward(Tensor x) {
            Tensor identity = downsample == null ? x : downsample.call(x);
            Tensor y = bn2.call(conv2.call(relu.call(bn1.call(conv1.call(x)))));
            return relu.call(y.add(identity));
        }
    }

    @Test
    void resnetStyleKeysMatchTorchvision() {
        Module net = new Module() {
            final Conv2d conv1 = registerModule("conv1", Conv2d.builder(3, 4, 7).stride(2).padding(3).bias(false)
                    .build());
            final BatchNorm2d bn1 = registerModule("bn1", new BatchNorm2d(4));
            final Sequential layer1 = registerModule("layer1", new Sequential(new BasicBlock(4, 4, 1)));
            final Sequential layer2 = registerModule("layer2", new Sequential(new BasicBlock(4, 8, 2)));
            final AdaptiveAvgPool2d avgpool = registerModule("avgpool", new AdaptiveAvgPool2d(1));
            final Linear fc = registerModule("fc", new Linear(8, 10));

            @Override
            public Tensor forward(Tensor x) {
                Tensor y = layer2.call(layer1.call(F.relu(bn1.call(conv1.call(x)))));
                return fc.call(avgpool.call(y).flatten(1));
            }
        };
        List<String> bn = List.of("weight", "bias", "running_mean", "running_var", "num_batches_tracked");
        List<String> expected = new ArrayList<>();
        expected.add("conv1.weight");
        bn.forEach(k -> expected.add("bn1." + k));
        for (String block : List.of("layer1.0.", "layer2.0.")) {
            expected.add(block + "conv1.weight");
            bn.forEach(k -> expected.add(block + "bn1." + k));
            expected.add(block + "conv2.weight");
            bn.forEach(k -> expected.add(block + "bn2." + k));
        }
        expected.add("layer2.0.downsample.0.weight");
        bn.forEach(k -> expected.add("layer2.0.downsample.1." + k));
        expected.add("fc.weight");
        expected.add("fc.bias");
        assertEquals(expected, new ArrayList<>(net.stateDict().keySet()));
        assertArrayEquals(new int[] {2, 10}, net.call(Tensor.randn(new Generator(1), 2, 3, 16, 16)).shape());
        assertTrue(net.toString().contains("(downsample): None"));
        assertTrue(net.toString().contains("(downsample): Sequential(\n"));
    }

    @Test
    void cnnStateDictKeysAndSafetensorsRoundTrip() throws IOException {
        SmallCnn a = new SmallCnn(new Generator(5));
        assertEquals(List.of("features.0.weight", "features.0.bias", "features.1.weight", "features.1.bias",
                "features.1.running_mean", "features.1.running_var", "features.1.num_batches_tracked",
                "classifier.1.weight", "classifier.1.bias"), new ArrayList<>(a.stateDict().keySet()));
        Tensor x = Tensor.randn(new Generator(6), 2, 1, 8, 8);
        a.call(x).sum().backward();
        assertTrue(a.features.get(0).getParameter("weight").grad() != null);
        Path p = dir.resolve("cnn.safetensors");
        Safetensors.save(p, a.stateDict());
        SmallCnn b = new SmallCnn(new Generator(7));
        b.loadStateDict(Safetensors.load(p));
        a.eval();
        b.eval();
        assertArrayEquals(a.call(x).toFloatArray(), b.call(x).toFloatArray());
        assertEquals(1, TensorCopy.longs(((BatchNorm2d) b.features.get(1)).numBatchesTracked)[0]);
    }
}
