package dev.nabla.data.sources;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;

/**
 * Downloads files with an MD5 check, writing to a temporary file in the target directory and
 * renaming it into place, so an interrupted or corrupted download never leaves a file that looks
 * complete.
 */
public final class Downloads {
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(30))
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();

    private Downloads() {
    }

    /**
     * Fetches {@code uri} into {@code target}, checking the MD5 of the bytes received.
     *
     * @param expectedMd5 lower- or upper-case hex MD5; null skips the check
     * @throws IOException on an HTTP error status, a network failure or a checksum mismatch (the
     *                     partial file is deleted and {@code target} is left untouched)
     */
    public static Path download(URI uri, Path target, String expectedMd5) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, target.getFileName().toString(), ".part");
        try {
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(10)).GET().build();
            HttpResponse<InputStream> response;
            try {
                response = CLIENT.send(request, HttpResponse.BodyHandlers.ofInputStream());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("download of " + uri + " was interrupted", e);
            }
            MessageDigest md5 = IdxReader.md5();
            long size = 0;
            try (InputStream in = response.body(); OutputStream out = Files.newOutputStream(tmp)) {
                if (response.statusCode() != 200) {
                    throw new IOException("download of " + uri + " failed: HTTP status " + response.statusCode());
                }
                byte[] buf = new byte[1 << 16];
                int r;
                while ((r = in.read(buf)) > 0) {
                    md5.update(buf, 0, r);
                    out.write(buf, 0, r);
                    size += r;
                }
            }
            String actual = HexFormat.of().formatHex(md5.digest());
            if (expectedMd5 != null && !actual.equalsIgnoreCase(expectedMd5)) {
                throw new IOException("checksum mismatch for " + uri + ": expected MD5 " + expectedMd5.toLowerCase()
                        + ", got " + actual + " (" + size + " bytes); the file was not saved");
            }
            moveAtomically(tmp, target);
            return target;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Renames {@code tmp} to {@code target} atomically where the file system allows it. */
    public static void moveAtomically(Path tmp, Path target) throws IOException {
        // createTempFile makes the file owner-only (0600); the finished file gets ordinary rights.
        try {
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: keep its defaults
        }
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** The hex MD5 of a file's bytes. */
    public static String md5(Path file) throws IOException {
        MessageDigest md5 = IdxReader.md5();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            int r;
            while ((r = in.read(buf)) > 0) {
                md5.update(buf, 0, r);
            }
        }
        return HexFormat.of().formatHex(md5.digest());
    }
}
