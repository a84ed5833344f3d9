package dev.nabla.data.sources;

import dev.nabla.data.Dataset;
import dev.nabla.data.Sample;
import dev.nabla.tensor.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Fashion-MNIST (Xiao, Rasul and Vollgraf, 2017): 28x28 grayscale images of 10 kinds of clothing,
 * 60,000 for training and 10,000 for testing, as {@code torchvision.datasets.FashionMNIST}.
 *
 * <p>Examples are {@link Sample}s of a (1, 28, 28) float image scaled to [0, 1] (pixel / 255) and
 * an int64 class index. {@link #load(boolean)} looks for the four IDX files in
 * {@code /usr/share/datasets/fashion-mnist} (Debian's {@code dataset-fashion-mnist}), then
 * {@code ~/.nabla/datasets/fashion-mnist}, else downloads them there from the official address
 * with their published MD5 checksums. {@link #sample(boolean)} needs nothing: the first 2,000
 * training and 1,000 test examples ship inside this jar.
 *
 * <pre>{@code
 * FashionMnist train = FashionMnist.load(true);     // or FashionMnist.sample(true)
 * train.images();                                    // (60000, 1, 28, 28) float32 in [0, 1]
 * train.labels();                                    // (60000) int64 in 0..9
 * }</pre>
 */
public final class FashionMnist implements Dataset<Sample> {
    /** Class names by index. */
    public static final List<String> CLASSES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    /** Mean pixel value of the 60,000 training images after scaling to [0, 1] (for Normalize). */
    public static final double MEAN = 0.2860406;

    /** Standard deviation of the training pixels after scaling to [0, 1] (population, over all pixels). */
    public static final double STD = 0.3530242;

    /** The official download address. */
    public static final String DEFAULT_BASE_URL = "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/";

    /** Where Debian's {@code dataset-fashion-mnist} package installs the files. */
    public static final Path SYSTEM_DIR = Path.of("/usr/share/datasets/fashion-mnist");

    /**
     * A file of the set with two checksums: {@code gzMd5} of the .gz as published (what a download
     * must match), and {@code contentMd5} of the decompressed IDX bytes, which does not depend on
     * how the file was compressed (Debian's copies are recompressed, so their .gz checksums
     * differ from the published ones while the contents are identical).
     */
    public record FileInfo(String name, String gzMd5, String contentMd5) {
    }

    /** The published checksums, confirmed against Debian's dataset-fashion-mnist files. */
    public static final Map<String, FileInfo> FILES = Map.of(
            "train-images-idx3-ubyte.gz", new FileInfo("train-images-idx3-ubyte.gz",
                    "8d4fb7e6c68d591d4c3dfef9ec88bf0d", "f4a8712d7a061bf5bd6d2ca38dc4d50a"),
            "train-labels-idx1-ubyte.gz", new FileInfo("train-labels-idx1-ubyte.gz",
                    "25c81989df183df01b3e8a0aad5dffbe", "9018921c3c673c538a1fc5bad174d6f9"),
            "t10k-images-idx3-ubyte.gz", new FileInfo("t10k-images-idx3-ubyte.gz",
                    "bef4ecab320f06d8554ea6380940ec79", "8181f5470baa50b63fa0f6fddb340f0a"),
            "t10k-labels-idx1-ubyte.gz", new FileInfo("t10k-labels-idx1-ubyte.gz",
                    "bb300cfdad3c16e7a12a480ee83cd310", "15d484375f8d13e6eb1aabb0c3f46965"));

    private static final String SAMPLE_RESOURCE = "/dev/nabla/data/fashion-mnist-sample/";

    private final Tensor images; // (N, 1, 28, 28)
    private final Tensor labels; // (N)
    private final boolean train;

    private FashionMnist(Tensor images, Tensor labels, boolean train) {
        this.images = images;
        this.labels = labels;
        this.train = train;
    }

    /** The names of the image and label files of a split. */
    public static String[] fileNames(boolean train) {
        String p = train ? "train" : "t10k";
        return new String[] {p + "-images-idx3-ubyte.gz", p + "-labels-idx1-ubyte.gz"};
    }

    /** {@code ~/.nabla/datasets/fashion-mnist}. */
    public static Path userDir() {
        return Path.of(System.getProperty("user.home"), ".nabla", "datasets", "fashion-mnist");
    }

    /** The full split, found or downloaded as the class comment says. */
    public static FashionMnist load(boolean train) throws IOException {
        return locator().load(train);
    }

    /** A locator with the default places, address and checksums, to adjust. */
    public static Locator locator() {
        return new Locator();
    }

    /** The shipped sample: the first 2,000 training or 1,000 test examples of the real set. */
    public static FashionMnist sample(boolean train) {
        String[] names = fileNames(train);
        try {
            IdxArray img = readResource(names[0]);
            IdxArray lab = readResource(names[1]);
            return fromIdx(img, lab, train);
        } catch (IOException e) {
            throw new UncheckedIOException("FashionMnist.sample: cannot read the bundled sample: " + e.getMessage(), e);
        }
    }

    private static IdxArray readResource(String name) throws IOException {
        try (InputStream in = FashionMnist.class.getResourceAsStream(SAMPLE_RESOURCE + name)) {
            if (in == null) {
                throw new IOException("resource " + SAMPLE_RESOURCE + name + " is missing from the class path");
            }
            return IdxReader.read(in, "classpath:" + SAMPLE_RESOURCE + name);
        }
    }

    /**
     * Reads a split from a directory holding its two files (each either {@code .gz} or
     * decompressed). With {@code verify}, their decompressed contents must match
     * {@code checksums} (files not listed there are only checked for structure).
     */
    public static FashionMnist fromDirectory(Path dir, boolean train, Map<String, FileInfo> checksums)
            throws IOException {
        IdxArray[] parts = readChecked(dir, train, checksums);
        return fromIdx(parts[0], parts[1], train);
    }

    /**
     * The split's two files as {@link #fromDirectory} reads and checks them, pixels left as the file's
     * unsigned bytes: {images (N, 28, 28), labels (N)}. For callers that keep the set compact (47 MB
     * instead of 188 MB of floats for the train split) and scale batches as they take them.
     */
    public static IdxArray[] readChecked(Path dir, boolean train, Map<String, FileInfo> checksums)
            throws IOException {
        String[] names = fileNames(train);
        IdxArray[] parts = new IdxArray[2];
        for (int i = 0; i < 2; i++) {
            Path f = find(dir, names[i]);
            if (f == null) {
                throw new java.nio.file.NoSuchFileException(dir.resolve(names[i]).toString(), null,
                        "FashionMnist: file not found (nor without .gz)");
            }
            parts[i] = IdxReader.read(f);
            FileInfo info = checksums == null ? null : checksums.get(names[i]);
            if (info != null && info.contentMd5() != null && !info.contentMd5().equalsIgnoreCase(parts[i].md5())) {
                throw new IOException("FashionMnist: " + f + " is corrupt: the MD5 of its decompressed contents is "
                        + parts[i].md5() + ", expected " + info.contentMd5() + "; delete it to download it again");
            }
        }
        checkParts(parts[0], parts[1]);
        return parts;
    }

    /** The file (.gz or decompressed) in {@code dir}, or null. */
    static Path find(Path dir, String gzName) {
        Path gz = dir.resolve(gzName);
        if (Files.isRegularFile(gz)) {
            return gz;
        }
        Path plain = dir.resolve(gzName.substring(0, gzName.length() - 3));
        return Files.isRegularFile(plain) ? plain : null;
    }

    /** Checks shapes and label range, then scales the pixels by 1/255. */
    static FashionMnist fromIdx(IdxArray img, IdxArray lab, boolean train) throws IdxFormatException {
        checkParts(img, lab);
        int[] d = img.dims();
        Tensor images = img.toFloatTensor(1 / 255.0).reshape(d[0], 1, 28, 28);
        return new FashionMnist(images, lab.toLongTensor(), train);
    }

    /** Images (N, 28, 28) of unsigned bytes and as many unsigned-byte labels, each a class index. */
    private static void checkParts(IdxArray img, IdxArray lab) throws IdxFormatException {
        int[] d = img.dims();
        if (img.type() != IdxType.UBYTE || d.length != 3 || d[1] != 28 || d[2] != 28) {
            throw new IdxFormatException("FashionMnist: " + img.source() + " should hold unsigned bytes of shape "
                    + "[N, 28, 28], got " + img.type() + " " + Arrays.toString(d));
        }
        int[] ld = lab.dims();
        if (lab.type() != IdxType.UBYTE || ld.length != 1 || ld[0] != d[0]) {
            throw new IdxFormatException("FashionMnist: " + lab.source() + " should hold " + d[0]
                    + " unsigned-byte labels (one per image), got " + lab.type() + " " + Arrays.toString(ld));
        }
        byte[] lb = lab.data();
        for (int i = 0; i < lb.length; i++) {
            if ((lb[i] & 0xFF) >= CLASSES.size()) {
                throw new IdxFormatException("FashionMnist: " + lab.source() + ": label " + (lb[i] & 0xFF) + " at index "
                        + i + " is not a class index 0..9");
            }
        }
    }

    @Override
    public int size() {
        return images.size(0);
    }

    /** Example {@code index}: a (1, 28, 28) view of the image and a 0-dim int64 label. */
    @Override
    public Sample get(int index) {
        Dataset.checkIndex("FashionMnist", index, size());
        return new Sample(images.select(0, index), labels.select(0, index));
    }

    /** All images, (N, 1, 28, 28) float32 in [0, 1]. */
    public Tensor images() {
        return images;
    }

    /** All labels, (N) int64. */
    public Tensor labels() {
        return labels;
    }

    public boolean isTrain() {
        return train;
    }

    /**
     * Writes the first {@code nTrain} training and {@code nTest} test examples of the full set in
     * {@code fullDir} to {@code outDir} as gzipped IDX (how the bundled sample was made).
     */
    public static void writeSample(Path fullDir, Path outDir, int nTrain, int nTest) throws IOException {
        for (boolean train : new boolean[] {true, false}) {
            int n = train ? nTrain : nTest;
            for (String name : fileNames(train)) {
                Path f = find(fullDir, name);
                if (f == null) {
                    throw new java.nio.file.NoSuchFileException(fullDir.resolve(name).toString());
                }
                IdxArray a = IdxReader.read(f);
                int[] dims = a.dims().clone();
                if (n > dims[0]) {
                    throw new IllegalArgumentException("FashionMnist.writeSample: asked for " + n + " examples, " + f
                            + " has " + dims[0]);
                }
                int per = (int) (a.numel() / dims[0]);
                dims[0] = n;
                IdxArray head = new IdxArray(f.toString(), a.type(), dims, Arrays.copyOf(a.data(), n * per), null);
                IdxWriter.write(head, outDir.resolve(name), true);
            }
        }
    }

    /** Where to look for the files, where and from where to download them, and how to check them. */
    public static final class Locator {
        private List<Path> searchDirs = new ArrayList<>(List.of(SYSTEM_DIR, userDir()));
        private Path downloadDir = userDir();
        private String baseUrl = DEFAULT_BASE_URL;
        private boolean download = true;
        private Map<String, FileInfo> checksums = FILES;

        private Locator() {
        }

        /** Directories searched in order for an existing copy. */
        public Locator searchDirs(List<Path> dirs) {
            this.searchDirs = new ArrayList<>(dirs);
            return this;
        }

        /** Where missing files are downloaded (default {@code ~/.nabla/datasets/fashion-mnist}). */
        public Locator downloadDir(Path dir) {
            this.downloadDir = dir;
            return this;
        }

        /** The address files are downloaded from (a mirror, or a local server in tests). */
        public Locator baseUrl(String url) {
            this.baseUrl = url.endsWith("/") ? url : url + "/";
            return this;
        }

        /** Whether to download when no copy is found (default true). */
        public Locator download(boolean download) {
            this.download = download;
            return this;
        }

        /** Checksums to verify against, keyed by .gz file name (default {@link #FILES}). */
        public Locator checksums(Map<String, FileInfo> checksums) {
            this.checksums = Map.copyOf(checksums);
            return this;
        }

        /** The directory holding both files of the split, downloading them first if needed. */
        public Path resolve(boolean train) throws IOException {
            String[] names = fileNames(train);
            for (Path dir : searchDirs) {
                if (find(dir, names[0]) != null && find(dir, names[1]) != null) {
                    return dir;
                }
            }
            if (!download) {
                throw new java.nio.file.NoSuchFileException("FashionMnist: " + String.join(", ", names)
                        + " not found in " + searchDirs + " and downloading is off");
            }
            for (String name : names) {
                if (find(downloadDir, name) == null) {
                    FileInfo info = checksums.get(name);
                    Downloads.download(URI.create(baseUrl + name), downloadDir.resolve(name),
                            info == null ? null : info.gzMd5());
                }
            }
            return downloadDir;
        }

        /** Finds or downloads the split, then reads and verifies it. */
        public FashionMnist load(boolean train) throws IOException {
            return fromDirectory(resolve(train), train, checksums);
        }
    }
}
