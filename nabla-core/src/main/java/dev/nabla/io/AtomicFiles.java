package dev.nabla.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.function.UnaryOperator;

/**
 * Writes a file so that readers see either the old content or the complete new one: the data go
 * to a temporary file in the same folder, which is fsync'd and then renamed over the target
 * (atomic on POSIX file systems), and the folder is fsync'd so the rename survives a power cut.
 */
final class AtomicFiles {
    private AtomicFiles() {
    }

    /** Produces the file content on a channel. */
    @FunctionalInterface
    interface Body {
        void write(WritableByteChannel out) throws IOException;
    }

    static void write(Path target, Body body) throws IOException {
        write(target, body, UnaryOperator.identity());
    }

    /** As {@link #write(Path, Body)}; {@code wrap} lets tests interpose a channel that fails mid-write. */
    static void write(Path target, Body body, UnaryOperator<WritableByteChannel> wrap) throws IOException {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        Path tmp = Files.createTempFile(dir, "." + abs.getFileName() + ".", ".tmp");
        boolean done = false;
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                body.write(wrap.apply(ch));
                ch.force(true);
            }
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
            done = true;
        } finally {
            if (!done) {
                Files.deleteIfExists(tmp);
            }
        }
        syncDirectory(dir);
    }

    private static void syncDirectory(Path dir) {
        // Opening a directory for reading works on Linux and macOS; elsewhere the rename is durable enough.
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // best effort
        }
    }
}
