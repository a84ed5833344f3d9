package dev.nabla.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;
import dev.nabla.tensor.ValuesIndices;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MoreModulesTest {

    @Test
    void moduleListFoldsRepeatsAsPyTorch2() {
        ModuleList same = new ModuleList(new Linear(2, 2), new Linear(2, 2), new Linear(2, 2));
        assertEquals("ModuleList(\n  (0-2): 3 x Linear(in_features=2, out_features=2, bias=True)\n)", same.toString());
        ModuleList mixed = new ModuleList(new ReLU(), new Tanh(), new Tanh(), new ReLU());
        assertEquals("ModuleList(\n  (0): ReLU()\n  (1-2): 2 x Tanh()\n  (3): ReLU()\n)", mixed.toString());
        assertEquals("ModuleList()", new ModuleList().toString());
        TransformerEncoder enc = new TransformerEncoder(
                new TransformerEncoderLayer(4, 2, 8, 0.1, "relu", 1e-5, false, false, true, new Generator(1)), 2, null);
        String s = enc.toString();
        assertTrue(s.startsWith("TransformerEncoder(\n  (layers): ModuleList(\n    (0-1): 2 x TransformerEncoderLayer(\n"
                + "      (self_attn): MultiheadAttention(\n        (out_proj): NonDynamicallyQuantizableLinear("
                + "in_features=4, out_features=4, bias=True)\n      )\n      (linear1): Linear(in_features=4,"
                + " out_features=8, bias=True)\n      (dropout): Dropout(p=0.1, inplace=False)\n"), s);
        assertTrue(s.endsWith("      (dropout2): Dropout(p=0.1, inplace=False)\n    )\n  )\n  (norm): None\n)"), s);
    }

    @Test
    void getSubmoduleWalksDottedPaths() {
        Sequential inner = new Sequential(new Linear(2, 2), new ReLU());
        ModuleDict d = new ModuleDict();
        d.put("features", inner);
        assertSame(inner.get(1), d.getSubmodule("features.1"));
        assertSame(d, d.getSubmodule(""));
        var e = assertThrows(IllegalArgumentException.class, () -> d.getSubmodule("features.5"));
        assertTrue(e.getMessage().contains("has no submodule '5'"), e.getMessage());
        assertEquals("Conv2d(1, 2, kernel_size=(3, 3), stride=(1, 1), padding=valid)",
                Conv2d.builder(1, 2, 3).padding("valid").build().toString());
    }

    @Test
    void extraActivations() {
        Tensor x = Tensor.of(new float[] {-4, -1, 0, 2, 7}, 5);
        assertArrayEquals(new float[] {0, 0, 0, 2, 6}, new ReLU6().call(x).toFloatArray());
        assertArrayEquals(new float[] {-1, -1, 0, 1, 1}, new Hardtanh().call(x).toFloatArray());
        assertArrayEquals(new float[] {-2, -1, 0, 2, 2}, new Hardtanh(-2, 2).call(x).toFloatArray());
        assertArrayEquals(new float[] {0, -1f / 3, 0, 2 * 5f / 6, 7}, new Hardswish().call(x).toFloatArray(), 1e-6f);
        assertArrayEquals(new float[] {0, 1f / 3, 0.5f, 5f / 6, 1}, new Hardsigmoid().call(x).toFloatArray(), 1e-6f);
        assertArrayEquals(new float[] {-0.8f, -0.5f, 0, 2f / 3, 7f / 8}, new Softsign().call(x).toFloatArray(), 1e-6f);
        assertEquals(2 * Math.tanh(Math.log1p(Math.exp(2))), new Mish().call(x).get(3), 1e-6);
        assertEquals(-Math.log1p(Math.exp(4)), new LogSigmoid().call(x).get(0), 1e-5);
        assertEquals("Hardtanh(min_val=-2.0, max_val=2.0)", new Hardtanh(-2, 2).toString());

        PReLU p = new PReLU();
        assertEquals(List.of("weight"), new ArrayList<>(p.stateDict().keySet()));
        Tensor y = p.call(x);
        assertArrayEquals(new float[] {-1, -0.25f, 0, 2, 7}, y.toFloatArray(), 1e-6f);
        y.sum().backward();
        assertEquals(-5, p.weight.grad().item(), 1e-6); // d/da of a * x summed over x < 0
        PReLU perChannel = new PReLU(2, 0.1);
        Tensor img = Tensor.of(new float[] {-1, -1, -2, -2}, 1, 2, 2, 1);
        assertArrayEquals(new float[] {-0.1f, -0.1f, -0.2f, -0.2f}, perChannel.call(img).toFloatArray(), 1e-6f);
        assertThrows(IllegalArgumentException.class, () -> perChannel.call(Tensor.zeros(1, 3, 2)));
        assertEquals("PReLU(num_parameters=2)", perChannel.toString());
    }

    @Test
    void oneDimensionalAndAdaptivePooling() {
        Tensor x = Tensor.of(new float[] {1, 5, 2, 4, 3, 0}, 1, 1, 6);
        assertArrayEquals(new float[] {5, 4, 3}, new MaxPool1d(2).call(x).toFloatArray());
        assertArrayEquals(new float[] {3, 3, 1.5f}, new AvgPool1d(2).call(x).toFloatArray());
        assertArrayEquals(new float[] {8f / 3, 7f / 3}, new AdaptiveAvgPool1d(2).call(x).toFloatArray(), 1e-6f);
        Tensor img = Tensor.arange(16).toFloat().reshape(1, 1, 4, 4);
        assertArrayEquals(new float[] {5, 7, 13, 15}, new AdaptiveMaxPool2d(2).call(img).toFloatArray());
        ValuesIndices vi = new MaxPool2d(2).forwardWithIndices(img);
        assertArrayEquals(new long[] {5, 7, 13, 15}, vi.indices().toLongArray());
        assertEquals("MaxPool1d(kernel_size=2, stride=2, padding=0, dilation=1, ceil_mode=False)",
                new MaxPool1d(2).toString());
        assertEquals("AvgPool1d(kernel_size=(2,), stride=(2,), padding=(0,))", new AvgPool1d(2).toString());
        assertEquals("AdaptiveMaxPool2d(output_size=2)", new AdaptiveMaxPool2d(2).toString());
    }

    @Test
    void convTransposeWithOutputSize() {
        ConvTranspose2d up = ConvTranspose2d.builder(2, 3, 3).stride(2).padding(1).generator(new Generator(1)).build();
        Tensor x = Tensor.randn(new Generator(2), 1, 2, 4, 4);
        assertArrayEquals(new int[] {1, 3, 7, 7}, up.call(x).shape());
        assertArrayEquals(new int[] {1, 3, 8, 7}, up.forward(x, new int[] {8, 7}).shape());
        assertArrayEquals(up.call(x).toFloatArray(), up.forward(x, new int[] {1, 3, 7, 7}).toFloatArray());
        var e = assertThrows(IllegalArgumentException.class, () -> up.forward(x, new int[] {9, 7}));
        assertTrue(e.getMessage().contains("valid sizes range from [7] to [8]"), e.getMessage());
    }

    @Test
    void normsOfOtherShapes() {
        BatchNorm3d bn3 = new BatchNorm3d(2);
        assertArrayEquals(new int[] {2, 2, 2, 2, 2}, bn3.call(Tensor.randn(new Generator(1), 2, 2, 2, 2, 2)).shape());
        assertThrows(IllegalArgumentException.class, () -> bn3.call(Tensor.zeros(2, 2, 2, 2)));
        InstanceNorm2d in = new InstanceNorm2d(3);
        assertEquals(List.of(), new ArrayList<>(in.stateDict().keySet()));
        assertEquals("InstanceNorm2d(3, eps=1e-05, momentum=0.1, affine=False, track_running_stats=False)", in.toString());
        Tensor x = Tensor.randn(new Generator(2), 2, 3, 4, 5).mul(3.0).add(1.0);
        Tensor y = in.call(x);
        for (int n = 0; n < 2; n++) {
            for (int c = 0; c < 3; c++) {
                Tensor plane = y.select(0, n).select(0, c);
                assertEquals(0, plane.mean().item(), 1e-5);
                assertEquals(1, plane.var(new int[] {0, 1}, false, false).item(), 1e-3);
            }
        }
        assertArrayEquals(y.select(0, 1).toFloatArray(), in.call(x.select(0, 1)).toFloatArray(), 1e-6f);
        InstanceNorm1d tracked = new InstanceNorm1d(3, 1e-5, 0.1, true, true);
        assertEquals(List.of("weight", "bias", "running_mean", "running_var", "num_batches_tracked"),
                new ArrayList<>(tracked.stateDict().keySet()));
        tracked.call(Tensor.randn(new Generator(3), 2, 3, 6).add(5.0));
        assertTrue(tracked.runningMean.get(0) > 0.3, "running mean moves toward 5");
        assertThrows(IllegalArgumentException.class, () -> tracked.call(Tensor.zeros(2, 4, 6)));
    }

    @Test
    void paddingLayers() {
        Tensor x = Tensor.of(new float[] {1, 2, 3}, 1, 1, 3);
        assertArrayEquals(new float[] {3, 2, 1, 2, 3, 2}, Pad.reflection1d(2, 1).call(x).toFloatArray());
        assertArrayEquals(new float[] {1, 1, 2, 3, 3, 3}, Pad.replication1d(1, 2).call(x).toFloatArray());
        assertArrayEquals(new float[] {3, 1, 2, 3, 1}, Pad.circular1d(1).call(x).toFloatArray());
        assertArrayEquals(new float[] {9, 1, 2, 3, 9}, Pad.constant1d(9, 1).call(x).toFloatArray());
        assertArrayEquals(new int[] {1, 1, 5, 4}, Pad.zero2d(1, 0, 2, 2).call(Tensor.zeros(1, 1, 1, 3)).shape());
        assertEquals("ZeroPad2d((1, 1, 2, 0))", Pad.zero2d(1, 1, 2, 0).toString());
        assertEquals("ConstantPad2d(padding=(1, 1, 1, 1), value=3.5)", Pad.constant2d(3.5, 1).toString());
        assertEquals("ReflectionPad1d((2, 1))", Pad.reflection1d(2, 1).toString());
        assertThrows(IllegalArgumentException.class, () -> Pad.reflection2d(1, 2, 3));
    }

    @Test
    void transformerDecoderStack() {
        Generator g = new Generator(4);
        TransformerDecoderLayer layer = new TransformerDecoderLayer(8, 2, 16, 0.0, "relu", 1e-5, false, false, true, g);
        TransformerDecoder dec = new TransformerDecoder(layer, 2, new LayerNorm(8));
        List<String> keys = new ArrayList<>(dec.stateDict().keySet());
        assertEquals("layers.0.self_attn.in_proj_weight", keys.get(0));
        assertEquals("layers.1.multihead_attn.out_proj.bias", keys.get(18 + 7));
        assertEquals(List.of("norm.weight", "norm.bias"), keys.subList(36, 38));
        dec.eval();
        Tensor tgt = Tensor.randn(g, 5, 2, 8);
        Tensor mem = Tensor.randn(g, 3, 2, 8);
        Tensor a = dec.forwardCausal(tgt, mem);
        assertArrayEquals(new int[] {5, 2, 8}, a.shape());
        Tensor changed = Tensor.cat(new Tensor[] {tgt.narrow(0, 0, 4), Tensor.randn(g, 1, 2, 8)}, 0);
        assertArrayEquals(a.narrow(0, 0, 4).toFloatArray(), dec.forwardCausal(changed, mem).narrow(0, 0, 4)
                .toFloatArray(), 1e-6f);
    }

    @Test
    void fullTransformer() {
        Generator g = new Generator(10);
        Transformer t = new Transformer(8, 2, 2, 1, 16, 0.0, "relu", 1e-5, true, false, true, g);
        List<String> keys = new ArrayList<>(t.stateDict().keySet());
        assertEquals("encoder.layers.0.self_attn.in_proj_weight", keys.get(0));
        assertTrue(keys.contains("encoder.layers.1.norm2.bias"));
        assertTrue(keys.contains("encoder.norm.weight"));
        assertTrue(keys.contains("decoder.layers.0.multihead_attn.out_proj.weight"));
        assertEquals("decoder.norm.bias", keys.get(keys.size() - 1));
        assertEquals(2 * 12 + 2 + 18 + 2, keys.size());
        // every matrix re-drawn with xavier_uniform: linear1 (16, 8) is bounded by sqrt(6 / 24)
        Tensor w = t.stateDict().get("encoder.layers.0.linear1.weight");
        double max = 0;
        for (float v : w.toFloatArray()) {
            max = Math.max(max, Math.abs(v));
        }
        assertTrue(max <= Math.sqrt(6.0 / 24) && max > 0.8 * Math.sqrt(6.0 / 24), "max " + max);
        // and the copies of a layer are no longer identical after the re-draw, as in PyTorch
        assertTrue(!java.util.Arrays.equals(w.toFloatArray(),
                t.stateDict().get("encoder.layers.1.linear1.weight").toFloatArray()));
        t.eval();
        Tensor src = Tensor.randn(g, 2, 5, 8);
        Tensor tgt = Tensor.randn(g, 2, 3, 8);
        Tensor out = t.forward(src, tgt);
        assertArrayEquals(new int[] {2, 3, 8}, out.shape());
        Tensor masked = t.forward(src, tgt, null, Transformer.generateSquareSubsequentMask(3), null, null, null, null);
        assertArrayEquals(out.toFloatArray(), masked.toFloatArray(), 1e-6f);
        var e = assertThrows(IllegalArgumentException.class, () -> t.forward(src, Tensor.zeros(3, 3, 8), null, null,
                null, null, null, null));
        assertTrue(e.getMessage().contains("batch number"), e.getMessage());
    }

    @Test
    void embeddingMaxNormRenormalisesLookedUpRows() {
        Embedding e = Embedding.fromPretrained(Tensor.of(new float[] {3, 4, 0.3f, 0.4f, 6, 8}, 3, 2), false, null);
        Embedding capped = new Embedding(3, 2, null, 1.0, 2.0, new Generator(1));
        capped.loadStateDict(e.stateDict());
        Tensor out = capped.call(Tensor.ofLongs(new long[] {0, 1, 0}, 3));
        assertArrayEquals(new float[] {0.6f, 0.8f, 0.3f, 0.4f, 0.6f, 0.8f}, out.toFloatArray(), 1e-6f);
        // looked-up rows are changed in the table; the others are left alone
        assertArrayEquals(new float[] {0.6f, 0.8f, 0.3f, 0.4f, 6, 8}, capped.weight.toFloatArray(), 1e-6f);
        assertEquals("Embedding(3, 2, max_norm=1.0)", capped.toString());
    }

    @Test
    void foldUnfoldAndConvTranspose1d() {
        Tensor img = Tensor.arange(16).toFloat().reshape(1, 1, 4, 4);
        Unfold unfold = new Unfold(2);
        Tensor cols = unfold.call(img); // (1, 4, 9)
        assertArrayEquals(new int[] {1, 4, 9}, cols.shape());
        assertArrayEquals(new float[] {0, 1, 2, 4, 5, 6, 8, 9, 10}, cols.select(1, 0).toFloatArray());
        Fold fold = new Fold(new int[] {4, 4}, 2);
        // each pixel is summed once per block that covers it: corners once, the centre four times
        Tensor back = fold.call(cols);
        assertEquals(0, back.get(0, 0, 0, 0));
        assertEquals(4 * 5, back.get(0, 0, 1, 1));
        assertEquals("Unfold(kernel_size=2, dilation=1, padding=0, stride=1)", unfold.toString());
        assertEquals("Fold(output_size=(4, 4), kernel_size=2, dilation=1, padding=0, stride=1)", fold.toString());

        ConvTranspose1d up = new ConvTranspose1d(2, 3, 4, 2, 1, 0, 1, true, 1, new Generator(1));
        assertArrayEquals(new int[] {2, 3, 4}, up.weight.shape());
        assertTrue(up.call(Tensor.zeros(1, 2, 5)).shape()[2] == 10); // (5 - 1) * 2 - 2 + 3 + 1
        assertEquals("ConvTranspose1d(2, 3, kernel_size=(4,), stride=(2,), padding=(1,))", up.toString());
        double bound = 1 / Math.sqrt(3 * 4);
        for (float v : up.weight.toFloatArray()) {
            assertTrue(Math.abs(v) <= bound);
        }
    }
}
