package dev.nabla.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainConfigTest {
    @TempDir
    Path dir;

    private Map<String, String> minimal() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("data", "fashion-mnist-sample");
        m.put("model", "mlp");
        m.put("epochs", "2");
        m.put("output", "out");
        return m;
    }

    private String error(Map<String, String> m) {
        return assertThrows(TrainConfig.ConfigException.class, () -> TrainConfig.parse(Path.of("c.properties"), m, dir))
                .getMessage();
    }

    @Test
    void defaultsAndRelativePaths() throws IOException {
        Path f = dir.resolve("c.properties");
        Files.writeString(f, "# comment\ndata = fashion-mnist\nmodel = ConvNet\nepochs = 5\noutput = runs/a\nlr = 2e-3\n");
        TrainConfig c = TrainConfig.load(f);
        assertEquals("convnet", c.model());
        assertEquals(0.002, c.lr());
        assertEquals("adam", c.optimizer());
        assertEquals(100, c.batchSize());
        assertEquals(dir.resolve("runs/a").toAbsolutePath(), c.output());
        assertEquals(TrainConfig.DEFAULT_DATA_DIR, c.dataDir());
        assertTrue(c.deterministic());
        assertEquals("val_loss", c.monitor());
        // the map form parses back to the same settings
        TrainConfig again = TrainConfig.parse(f, c.toMap(), dir);
        assertEquals(c.toMap(), again.toMap());
    }

    @Test
    void missingKeysAreNamed() {
        Map<String, String> m = minimal();
        m.remove("model");
        String msg = error(m);
        assertTrue(msg.contains("missing required key 'model'") && msg.contains("mlp | convnet"), msg);
        Map<String, String> m2 = minimal();
        m2.remove("epochs");
        assertTrue(error(m2).contains("missing required key 'epochs'"));
    }

    @Test
    void badValuesAreNamed() {
        Map<String, String> m = minimal();
        m.put("model", "resnet");
        String msg = error(m);
        assertTrue(msg.contains("unknown model 'resnet' (expected one of mlp, convnet)"), msg);
        m = minimal();
        m.put("lr", "fast");
        assertTrue(error(m).contains("lr must be a number, got 'fast'"));
        m = minimal();
        m.put("lr", "0");
        assertTrue(error(m).contains("lr must be > 0"));
        m = minimal();
        m.put("epochs", "0");
        assertTrue(error(m).contains("epochs must be >= 1, got 0"));
        m = minimal();
        m.put("deterministic", "maybe");
        assertTrue(error(m).contains("deterministic must be true or false"));
        m = minimal();
        m.put("learning_rate", "0.1");
        msg = error(m);
        assertTrue(msg.contains("unknown key(s) [learning_rate]") && msg.contains("lr"), msg);
    }

    @Test
    void unreadableFile() {
        var e = assertThrows(TrainConfig.ConfigException.class, () -> TrainConfig.load(dir.resolve("nope.properties")));
        assertTrue(e.getMessage().contains("nope.properties: cannot read it"), e.getMessage());
    }

    @Test
    void describeKeysListsEveryKey() {
        String d = TrainConfig.describeKeys();
        for (String k : TrainConfig.parse(Path.of("x"), minimal(), dir).toMap().keySet()) {
            assertTrue(d.contains(k), k);
        }
    }
}
