package dev.nabla.data.sources;

import dev.nabla.data.Dataset;
import dev.nabla.data.Sample;
import dev.nabla.tensor.Tensor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * Images sorted into one folder per class ({@code root/<class>/<file>.png|jpg|jpeg|bmp|gif}), as
 * {@code torchvision.datasets.ImageFolder}. Classes are the sub-folder names in sorted order and
 * their index is the position in that order; files are listed recursively, sorted by path.
 * Images are read lazily in {@link #get} as (C, H, W) float in [0, 1] and passed through an
 * optional transform.
 *
 * <pre>{@code
 * ImageFolder train = new ImageFolder(Path.of("data/train"), Images.Mode.RGB,
 *         new Compose(new Resize(256), new CenterCrop(224)));
 * train.classes();     // [cat, dog]
 * }</pre>
 */
public final class ImageFolder implements Dataset<Sample> {
    /** Extensions read, lower case (as torchvision's IMG_EXTENSIONS that javax.imageio can decode). */
    public static final Set<String> EXTENSIONS = Set.of("png", "jpg", "jpeg", "bmp", "gif");

    private final Path root;
    private final List<String> classes;
    private final Map<String, Integer> classToIndex;
    private final List<Path> files;
    private final int[] targets;
    private final Images.Mode mode;
    private final UnaryOperator<Tensor> transform;

    /** All images under {@code root}, channels by {@link Images.Mode#AUTO}, no transform. */
    public ImageFolder(Path root) throws IOException {
        this(root, Images.Mode.AUTO, null);
    }

    /**
     * @param mode      channel conversion (use RGB or GRAY when a folder mixes kinds, so batches stack)
     * @param transform applied to each (C, H, W) image, or null
     */
    public ImageFolder(Path root, Images.Mode mode, UnaryOperator<Tensor> transform) throws IOException {
        if (!Files.isDirectory(root)) {
            throw new java.nio.file.NoSuchFileException(root.toString(), null, "ImageFolder: root is not a directory");
        }
        this.root = root;
        this.mode = mode;
        this.transform = transform;
        List<String> names = new ArrayList<>();
        try (Stream<Path> s = Files.list(root)) {
            s.filter(Files::isDirectory).forEach(p -> names.add(p.getFileName().toString()));
        }
        Collections.sort(names);
        if (names.isEmpty()) {
            throw new IOException("ImageFolder: couldn't find any class folder in " + root);
        }
        classes = List.copyOf(names);
        classToIndex = new HashMap<>();
        List<Path> fs = new ArrayList<>();
        List<Integer> ts = new ArrayList<>();
        for (int c = 0; c < names.size(); c++) {
            classToIndex.put(names.get(c), c);
            List<Path> inClass;
            try (Stream<Path> s = Files.walk(root.resolve(names.get(c)))) {
                inClass = s.filter(Files::isRegularFile).filter(ImageFolder::hasImageExtension).sorted().toList();
            }
            for (Path p : inClass) {
                fs.add(p);
                ts.add(c);
            }
        }
        if (fs.isEmpty()) {
            throw new IOException("ImageFolder: found no valid file for the classes " + names + " in " + root
                    + ". Supported extensions are: " + EXTENSIONS.stream().sorted().toList());
        }
        files = List.copyOf(fs);
        targets = ts.stream().mapToInt(Integer::intValue).toArray();
    }

    static boolean hasImageExtension(Path p) {
        String n = p.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot >= 0 && EXTENSIONS.contains(n.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    @Override
    public int size() {
        return files.size();
    }

    /** Reads image {@code index}; a corrupt file raises an {@link UncheckedIOException} naming it. */
    @Override
    public Sample get(int index) {
        Dataset.checkIndex("ImageFolder", index, files.size());
        Tensor img;
        try {
            img = Images.read(files.get(index), mode);
        } catch (IOException e) {
            throw new UncheckedIOException("ImageFolder: " + e.getMessage(), e);
        }
        if (transform != null) {
            img = transform.apply(img);
        }
        return new Sample(img, Tensor.ofLongs(new long[] {targets[index]}));
    }

    /** Class names in index order. */
    public List<String> classes() {
        return classes;
    }

    /** Class name to index, as {@code class_to_idx}. */
    public Map<String, Integer> classToIndex() {
        return Map.copyOf(classToIndex);
    }

    /** The image files in index order. */
    public List<Path> files() {
        return files;
    }

    /** The class index of each file. */
    public int[] targets() {
        return targets.clone();
    }

    public Path root() {
        return root;
    }
}
