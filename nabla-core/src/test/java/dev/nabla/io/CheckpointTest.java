package dev.nabla.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.autograd.GradMode;
import dev.nabla.nn.Dropout;
import dev.nabla.nn.Linear;
import dev.nabla.nn.Module;
import dev.nabla.nn.ReLU;
import dev.nabla.nn.Sequential;
import dev.nabla.tensor.Generator;
import dev.nabla.tensor.Tensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointTest {
    @TempDir
    Path dir;

    private static Sequential model(long seed, Generator dropoutGen) {
        Generator g = new Generator(seed);
        return new Sequential(new Linear(6, 8, true, g), new ReLU(), new Dropout(0.3, dropoutGen),
                new Linear(8, 1, true, g));
    }

    private static void assertSameState(Map<String, Tensor> a, Map<String, Tensor> b) {
        assertEquals(a.keySet(), b.keySet());
        for (String k : a.keySet()) {
            float[] x = a.get(k).toFloatArray();
            float[] y = b.get(k).toFloatArray();
            assertEquals(x.length, y.length, k);
            for (int i = 0; i < x.length; i++) {
                assertEquals(Float.floatToRawIntBits(x[i]), Float.floatToRawIntBits(y[i]), k + "[" + i + "]");
            }
        }
    }

    /** SGD with momentum kept in a Stateful, so the test covers an optimizer-like part without the optim package. */
    static final class MomentumSgd implements Stateful {
        final List<Tensor> params;
        final Tensor[] velocity;
        long step;

        MomentumSgd(List<Tensor> params) {
            this.params = params;
            this.velocity = new Tensor[params.size()];
            for (int i = 0; i < velocity.length; i++) {
                velocity[i] = Tensor.zerosLike(params.get(i));
            }
        }

        void step() {
            try (var s = GradMode.noGrad()) {
                for (int i = 0; i < params.size(); i++) {
                    velocity[i].mulInPlace(0.9f).addInPlace(params.get(i).grad());
                    params.get(i).addInPlace(velocity[i], -0.05f);
                }
            }
            step++;
        }

        @Override
        public Map<String, Tensor> stateDict() {
            Map<String, Tensor> m = new LinkedHashMap<>();
            for (int i = 0; i < velocity.length; i++) {
                m.put("state." + i + ".momentum_buffer", velocity[i]);
            }
            m.put("step", Tensor.ofLongs(new long[] {step}));
            return m;
        }

        @Override
        public void loadStateDict(Map<String, Tensor> state) {
            try (var s = GradMode.noGrad()) {
                for (int i = 0; i < velocity.length; i++) {
                    TensorCopy.copyExact(velocity[i], state.get("state." + i + ".momentum_buffer"));
                }
            }
            step = TensorCopy.longs(state.get("step"))[0];
        }
    }

    private static float trainStep(Module m, MomentumSgd opt, Tensor x, Tensor y) {
        m.zeroGrad();
        Tensor loss = m.call(x).sub(y).square().mean();
        loss.backward();
        opt.step();
        return loss.item();
    }

    @Test
    void roundTripRestoresEveryPartBitExactly() throws IOException {
        Generator rng = new Generator(5);
        Sequential a = model(1, rng);
        rng.nextGaussian(); // leave a spare normal in the state
        Path p = dir.resolve("ckpt.safetensors");
        Map<String, Stateful> parts = new LinkedHashMap<>();
        parts.put("model", a);
        parts.put("rng", new GeneratorState(rng));
        Checkpoint.save(p, parts, 7, Map.of("run", "test"));

        Map<String, Tensor> raw = Safetensors.load(p);
        assertTrue(raw.containsKey("model.0.weight"), raw.keySet().toString());
        assertTrue(raw.containsKey("model.3.bias"));
        assertTrue(raw.containsKey("rng.state"));

        Generator rng2 = new Generator(99);
        Sequential b = model(2, rng2);
        Map<String, Stateful> target = new LinkedHashMap<>();
        target.put("model", b);
        target.put("rng", new GeneratorState(rng2));
        Checkpoint.Info info = Checkpoint.load(p, target);
        assertEquals(7, info.epoch());
        assertEquals(List.of("model", "rng"), info.parts());
        assertEquals(Map.of("run", "test"), info.metadata());
        assertSameState(a.stateDict(), b.stateDict());
        assertEquals(rng.nextGaussian(), rng2.nextGaussian());
        assertEquals(rng.nextLong(), rng2.nextLong());
        assertEquals(7, Checkpoint.readInfo(p).epoch());
    }

    @Test
    void resumeGivesExactlyTheUninterruptedRun() throws IOException {
        Generator data = new Generator(3);
        Tensor x = Tensor.randn(data, 32, 6);
        Tensor y = Tensor.randn(data, 32, 1);

        Generator rngA = new Generator(10);
        Sequential a = model(1, rngA);
        MomentumSgd optA = new MomentumSgd(a.parameters());
        float first = trainStep(a, optA, x, y);
        float last = first;
        for (int i = 1; i < 8; i++) {
            last = trainStep(a, optA, x, y);
        }
        assertTrue(last < first, first + " -> " + last);

        Generator rngB = new Generator(10);
        Sequential b = model(1, rngB);
        MomentumSgd optB = new MomentumSgd(b.parameters());
        for (int i = 0; i < 4; i++) {
            trainStep(b, optB, x, y);
        }
        Path p = dir.resolve("mid.safetensors");
        Checkpoint.save(p, Map.of("model", b, "optimizer", optB, "rng", new GeneratorState(rngB)), 4);

        // a fresh process: other seeds everywhere, then restore
        Generator rngC = new Generator(777);
        Sequential c = model(42, rngC);
        MomentumSgd optC = new MomentumSgd(c.parameters());
        Checkpoint.Info info = Checkpoint.load(p, Map.of("model", c, "optimizer", optC, "rng", new GeneratorState(rngC)));
        assertEquals(4, info.epoch());
        assertEquals(4, optC.step);
        for (int i = 4; i < 8; i++) {
            trainStep(c, optC, x, y);
        }
        assertSameState(a.stateDict(), c.stateDict());
    }

    /** A channel that accepts {@code limit} bytes and then fails, as a process dying mid-write. */
    private static WritableByteChannel failingAfter(WritableByteChannel inner, long limit) {
        return new WritableByteChannel() {
            long written;

            @Override
            public int write(ByteBuffer src) throws IOException {
                if (written + src.remaining() > limit) {
                    int allowed = (int) (limit - written);
                    ByteBuffer part = src.slice().limit(allowed);
                    inner.write(part);
                    written += allowed;
                    throw new IOException("simulated crash after " + written + " bytes");
                }
                int n = inner.write(src);
                written += n;
                return n;
            }

            @Override
            public boolean isOpen() {
                return inner.isOpen();
            }

            @Override
            public void close() throws IOException {
                inner.close();
            }
        };
    }

    @Test
    void failureMidWriteLeavesThePreviousCheckpointIntact() throws IOException {
        Generator g = new Generator(1);
        Sequential m = model(1, g);
        Path p = dir.resolve("ckpt.safetensors");
        Checkpoint.save(p, Map.of("model", m), 1);
        byte[] before = Files.readAllBytes(p);
        Map<String, Tensor> savedState = TensorCopyMap.copy(m.stateDict());

        // change the model, then crash halfway through saving it
        try (var s = GradMode.noGrad()) {
            for (Tensor t : m.parameters()) {
                t.addInPlace(1f);
            }
        }
        for (long limit : new long[] {0, 5, 100, before.length - 3}) {
            IOException e = assertThrows(IOException.class,
                    () -> Checkpoint.save(p, Map.of("model", m), 2, Map.of(), ch -> failingAfter(ch, limit)));
            assertTrue(e.getMessage().contains("simulated crash"));
            assertArrayEquals(before, Files.readAllBytes(p), "limit " + limit);
        }
        try (var s = Files.list(dir)) {
            assertEquals(List.of(p), s.toList(), "temporary files are removed");
        }
        // a process killed before cleanup leaves a partial temp file: the checkpoint still loads
        Files.write(dir.resolve(".ckpt.safetensors.123.tmp"), new byte[] {1, 2, 3});
        Sequential fresh = model(5, new Generator(5));
        assertEquals(1, Checkpoint.load(p, Map.of("model", fresh)).epoch());
        assertSameState(savedState, fresh.stateDict());
        // and the next successful save replaces it
        Checkpoint.save(p, Map.of("model", m), 2);
        assertEquals(2, Checkpoint.readInfo(p).epoch());
        // with the permissions any new file gets (not the owner-only ones of a temp file)
        if (java.nio.file.FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Path plain = Files.createFile(dir.resolve("plain.txt"));
            assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(p));
        }
    }

    /** Snapshot helper. */
    static final class TensorCopyMap {
        static Map<String, Tensor> copy(Map<String, Tensor> m) {
            Map<String, Tensor> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(k, TensorCopy.copyOf(v)));
            return out;
        }
    }

    @Test
    void errors() throws IOException {
        Sequential m = model(1, new Generator(1));
        Path p = dir.resolve("c.safetensors");
        Checkpoint.save(p, Map.of("model", m), 0);
        var missing = assertThrows(IllegalArgumentException.class,
                () -> Checkpoint.load(p, Map.of("model", m, "optimizer", new GeneratorState(new Generator(1)))));
        assertTrue(missing.getMessage().contains("[optimizer]"), missing.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Checkpoint.save(p, Map.of("a.b", m), 0));
        assertThrows(IllegalArgumentException.class, () -> Checkpoint.save(p, Map.of("model", m), 0,
                Map.of("epoch", "3")));
        // a plain safetensors file is not a checkpoint
        Path plain = dir.resolve("plain.safetensors");
        Safetensors.save(plain, m.stateDict());
        var e = assertThrows(SafetensorsException.class, () -> Checkpoint.load(plain, Map.of("model", m)));
        assertTrue(e.getMessage().contains("not a Nabla checkpoint"), e.getMessage());
        // a model of another shape: the module's own error names the keys
        Sequential other = new Sequential(new Linear(6, 3), new ReLU(), new Dropout(0.3), new Linear(3, 1));
        var bad = assertThrows(IllegalArgumentException.class, () -> Checkpoint.load(p, Map.of("model", other)));
        assertTrue(bad.getMessage().contains("size mismatch for 0.weight"), bad.getMessage());
        // all or nothing: the model part loads, the rng part fails, and the model is put back
        Path two = dir.resolve("two.safetensors");
        Generator saved = new Generator(5);
        Checkpoint.save(two, Map.of("model", m, "rng", new GeneratorState(saved)), 1);
        Sequential target = model(9, new Generator(9));
        Map<String, Tensor> before = TensorCopyMap.copy(target.stateDict());
        Map<String, Stateful> parts = new LinkedHashMap<>();
        parts.put("model", target);
        parts.put("rng", new Stateful() {
            @Override
            public Map<String, Tensor> stateDict() {
                return Map.of();
            }

            @Override
            public void loadStateDict(Map<String, Tensor> state) {
                throw new IllegalArgumentException("refused");
            }
        });
        var refused = assertThrows(IllegalArgumentException.class, () -> Checkpoint.load(two, parts));
        assertEquals("refused", refused.getMessage());
        assertSameState(before, target.stateDict());
        // generator state of the wrong shape
        var g = assertThrows(IllegalArgumentException.class,
                () -> new GeneratorState(new Generator(1)).loadStateDict(Map.of("state", Tensor.zeros(3))));
        assertTrue(g.getMessage().contains("int64"), g.getMessage());
    }
}
