package dev.nabla.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.io.Checkpoint;
import dev.nabla.train.callbacks.ModelCheckpoint;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a training JVM with SIGKILL mid-epoch, resumes it from its last checkpoint in a new JVM,
 * and checks that the final weights are bit-identical to those of an uninterrupted run.
 */
class KillResumeTest {
    @TempDir
    Path dir;

    private Process start(Path out, String mode) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "--add-modules", "jdk.incubator.vector",
                "-cp", System.getProperty("java.class.path"), ResumeWorker.class.getName(), out.toString(), mode));
        return new ProcessBuilder(cmd).redirectErrorStream(true).start();
    }

    private List<String> finish(Process p) throws Exception {
        List<String> lines = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                lines.add(line);
            }
        }
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "child finished");
        assertEquals(0, p.exitValue(), String.join("\n", lines));
        return lines;
    }

    @Test
    void sigkillMidEpochThenResumeEndsBitIdentical() throws Exception {
        Path a = Files.createDirectories(dir.resolve("uninterrupted"));
        Path b = Files.createDirectories(dir.resolve("killed"));
        finish(start(a, "fresh"));

        // 40 batches per epoch: kill right after the checkpoint at global step 55 (epoch 2, step 15).
        Process victim = start(b, "fresh");
        try (BufferedReader r = new BufferedReader(new InputStreamReader(victim.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null && !line.equals("SAVED 55")) {
                assertFalse(line.startsWith("DONE"), "the run ended before it could be killed");
            }
            victim.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no flush
            assertTrue(victim.waitFor(30, TimeUnit.SECONDS));
        }
        assertEquals(137, victim.exitValue(), "killed by SIGKILL");
        assertFalse(Files.exists(b.resolve("final.bin")));
        Checkpoint.Info info = Checkpoint.readInfo(b.resolve(ModelCheckpoint.LAST));
        long step = Long.parseLong(info.metadata().get("step_in_epoch"));
        assertEquals(1, info.epoch(), "the checkpoint is inside the second epoch (0-based 1)");
        assertTrue(step > 0 && step < 40, "mid-epoch checkpoint, step " + step);

        List<String> resumed = finish(start(b, "resume"));
        assertTrue(resumed.get(resumed.size() - 1).startsWith("DONE"), resumed.toString());
        byte[] wa = Files.readAllBytes(a.resolve("final.bin"));
        byte[] wb = Files.readAllBytes(b.resolve("final.bin"));
        assertEquals(4 * (784 * 64 + 64 + 64 * 10 + 10), wa.length);
        assertArrayEquals(wa, wb, "final weights after kill + resume equal the uninterrupted run's");
    }
}
