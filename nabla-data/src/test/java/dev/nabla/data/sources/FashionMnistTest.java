package dev.nabla.data.sources;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import dev.nabla.data.Sample;
import dev.nabla.tensor.DType;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FashionMnistTest {
    @TempDir
    Path dir;

    @Test
    void sampleShapesScalingAndKnownLabels() {
        FashionMnist train = FashionMnist.sample(true);
        FashionMnist test = FashionMnist.sample(false);
        assertEquals(2000, train.size());
        assertEquals(1000, test.size());
        assertArrayEquals(new int[] {2000, 1, 28, 28}, train.images().shape());
        assertEquals(DType.INT64, train.labels().dtype());
        // The first labels of the real set (Fashion-MNIST train starts 9 0 0 3 0 2 7 2 5 5, test 9 2 1 1 6).
        assertArrayEquals(new long[] {9, 0, 0, 3, 0, 2, 7, 2, 5, 5}, train.labels().narrow(0, 0, 10).toLongArray());
        assertArrayEquals(new long[] {9, 2, 1, 1, 6}, test.labels().narrow(0, 0, 5).toLongArray());
        Sample s = train.get(0);
        assertArrayEquals(new int[] {1, 28, 28}, s.input().shape());
        assertEquals(0, s.target().dim());
        assertEquals(9, (long) s.target().get());
        // First image: pixel sum 76247 / 255, centre pixel 217 / 255, maximum exactly 1.
        assertEquals(76247 / 255.0, s.input().sum().item(), 1e-2);
        assertEquals(217 / 255f, s.input().getFloat(0, 14, 14), 1e-7f);
        assertEquals(1f, train.images().max().item());
        assertEquals(0f, train.images().min().item());
        long[] counts = new long[10];
        for (long l : train.labels().toLongArray()) {
            counts[(int) l]++;
        }
        assertArrayEquals(new long[] {194, 216, 202, 195, 186, 200, 194, 215, 198, 200}, counts);
        assertThrows(IndexOutOfBoundsException.class, () -> train.get(2000));
    }

    @Test
    void fullSetWhenInstalledMatchesChecksumsAndStartsWithTheSample() throws Exception {
        assumeTrue(Files.isDirectory(FashionMnist.SYSTEM_DIR), "dataset-fashion-mnist is not installed");
        FashionMnist test = FashionMnist.fromDirectory(FashionMnist.SYSTEM_DIR, false, FashionMnist.FILES);
        assertEquals(10000, test.size());
        FashionMnist sample = FashionMnist.sample(false);
        assertArrayEquals(sample.images().toFloatArray(), test.images().narrow(0, 0, 1000).toFloatArray());
        assertArrayEquals(sample.labels().toLongArray(), test.labels().narrow(0, 0, 1000).toLongArray());
        FashionMnist train = FashionMnist.fromDirectory(FashionMnist.SYSTEM_DIR, true, FashionMnist.FILES);
        assertEquals(60000, train.size());
        double sum = 0;
        double sq = 0;
        for (float v : train.images().contiguousFloats()) {
            sum += v;
            sq += (double) v * v;
        }
        double n = 60000.0 * 784;
        assertEquals(FashionMnist.MEAN, sum / n, 1e-6);
        assertEquals(FashionMnist.STD, Math.sqrt(sq / n - (sum / n) * (sum / n)), 1e-6);
    }

    /** Copies the bundled sample files into {@code target} and returns their checksums. */
    static Map<String, FashionMnist.FileInfo> copySample(Path target) throws Exception {
        Files.createDirectories(target);
        Map<String, FashionMnist.FileInfo> sums = new HashMap<>();
        for (boolean train : new boolean[] {true, false}) {
            for (String name : FashionMnist.fileNames(train)) {
                try (InputStream in = FashionMnist.class.getResourceAsStream(
                        "/dev/nabla/data/fashion-mnist-sample/" + name)) {
                    Files.copy(in, target.resolve(name));
                }
                Path f = target.resolve(name);
                sums.put(name, new FashionMnist.FileInfo(name, Downloads.md5(f), IdxReader.read(f).md5()));
            }
        }
        return sums;
    }

    HttpServer serve(Path root, AtomicInteger requests) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/fm/", ex -> {
            requests.incrementAndGet();
            Path f = root.resolve(ex.getRequestURI().getPath().substring("/fm/".length()));
            if (!Files.isRegularFile(f)) {
                ex.sendResponseHeaders(404, -1);
                ex.close();
                return;
            }
            byte[] body = Files.readAllBytes(f);
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.start();
        return server;
    }

    @Test
    void downloadsVerifiesAndWritesAtomically() throws Exception {
        Path served = dir.resolve("served");
        Map<String, FashionMnist.FileInfo> sums = copySample(served);
        AtomicInteger requests = new AtomicInteger();
        HttpServer server = serve(served, requests);
        try {
            Path cache = dir.resolve("cache");
            FashionMnist.Locator loc = FashionMnist.locator().searchDirs(List.of(dir.resolve("nowhere"), cache))
                    .downloadDir(cache).checksums(sums)
                    .baseUrl("http://127.0.0.1:" + server.getAddress().getPort() + "/fm");
            FashionMnist test = loc.load(false);
            assertEquals(2, requests.get());
            assertEquals(1000, test.size());
            assertArrayEquals(FashionMnist.sample(false).labels().toLongArray(), test.labels().toLongArray());
            try (var files = Files.list(cache)) {
                assertEquals(List.of("t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"),
                        files.map(p -> p.getFileName().toString()).sorted().toList());
            }
            // Found in the cache the second time: no new request.
            loc.load(false);
            assertEquals(2, requests.get());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void checksumMismatchFailsAndLeavesNoFile() throws Exception {
        Path served = dir.resolve("served");
        Map<String, FashionMnist.FileInfo> sums = new HashMap<>(copySample(served));
        String bad = "train-images-idx3-ubyte.gz";
        sums.put(bad, new FashionMnist.FileInfo(bad, "00000000000000000000000000000000", null));
        AtomicInteger requests = new AtomicInteger();
        HttpServer server = serve(served, requests);
        try {
            Path cache = dir.resolve("cache");
            FashionMnist.Locator loc = FashionMnist.locator().searchDirs(List.of()).downloadDir(cache).checksums(sums)
                    .baseUrl("http://127.0.0.1:" + server.getAddress().getPort() + "/fm/");
            IOException e = assertThrows(IOException.class, () -> loc.load(true));
            assertTrue(e.getMessage().contains("checksum mismatch") && e.getMessage().contains(bad)
                    && e.getMessage().contains("expected MD5 00000000000000000000000000000000, got "
                    + Downloads.md5(served.resolve(bad))), e.getMessage());
            try (var files = Files.list(cache)) {
                assertEquals(List.of(), files.toList(), "neither the file nor a .part file may remain");
            }
            // A missing file on the server: the HTTP status is reported.
            FashionMnist.Locator missing = FashionMnist.locator().searchDirs(List.of()).downloadDir(cache)
                    .baseUrl("http://127.0.0.1:" + server.getAddress().getPort() + "/nothing/");
            IOException e404 = assertThrows(IOException.class, () -> missing.load(false));
            assertTrue(e404.getMessage().contains("HTTP status 404"), e404.getMessage());
            assertThrows(IOException.class,
                    () -> FashionMnist.locator().searchDirs(List.of()).download(false).load(true));
        } finally {
            server.stop(0);
        }
    }

    @Test
    void corruptLocalCopyIsReported() throws Exception {
        Map<String, FashionMnist.FileInfo> sums = copySample(dir);
        Path labels = dir.resolve("t10k-labels-idx1-ubyte.gz");
        // Replace the labels with valid IDX holding different values: structure passes, checksum fails.
        byte[] other = new byte[1000];
        IdxWriter.write(IdxArray.ofUnsignedBytes(other, 1000), labels, true);
        IOException e = assertThrows(IOException.class, () -> FashionMnist.fromDirectory(dir, false, sums));
        assertTrue(e.getMessage().contains(labels.toString()) && e.getMessage().contains("is corrupt"), e.getMessage());
        // Labels that are not class indices.
        other[3] = 12;
        IdxWriter.write(IdxArray.ofUnsignedBytes(other, 1000), labels, true);
        IdxFormatException e2 = assertThrows(IdxFormatException.class,
                () -> FashionMnist.fromDirectory(dir, false, Map.of()));
        assertTrue(e2.getMessage().contains("label 12 at index 3"), e2.getMessage());
        // Wrong count.
        IdxWriter.write(IdxArray.ofUnsignedBytes(new byte[999], 999), labels, true);
        IdxFormatException e3 = assertThrows(IdxFormatException.class,
                () -> FashionMnist.fromDirectory(dir, false, Map.of()));
        assertTrue(e3.getMessage().contains("should hold 1000 unsigned-byte labels"), e3.getMessage());
    }
}
