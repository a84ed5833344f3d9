package dev.nabla.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Kernels use one vector shape, the preferred one: a fixed-width species (FloatVector.SPECIES_256 and the
 * like) running next to the preferred one on a 16-lane machine pollutes the type profiles in the Vector
 * API's shared code, and C2 then compiles some kernels without their intrinsics (nabla-bench/README.md:
 * the convnet's weight-gradient kernel 10x slower in one run of two). This keeps new fixed-width uses out.
 */
class OneVectorShapeTest {
    /** Files allowed a fixed width, and why it is safe there. */
    private static final Map<String, String> ALLOWED = Map.of(
            "RegisterTranspose.java", "its 8-lane transpose runs only when the preferred shape has 8 lanes");

    @Test
    void mainSourcesUseOnlyThePreferredShape() throws IOException {
        Path main = Path.of("src/main/java");
        assertTrue(Files.isDirectory(main), "run from the nabla-core module: " + main.toAbsolutePath());
        Pattern fixed = Pattern.compile("SPECIES_(64|128|256|512|MAX)\\b");
        List<String> found = new ArrayList<>();
        int files = 0;
        try (Stream<Path> paths = Files.walk(main)) {
            for (Path p : (Iterable<Path>) paths.filter(f -> f.toString().endsWith(".java"))::iterator) {
                files++;
                if (ALLOWED.containsKey(p.getFileName().toString())) {
                    continue;
                }
                List<String> lines = Files.readAllLines(p);
                for (int i = 0; i < lines.size(); i++) {
                    Matcher m = fixed.matcher(lines.get(i));
                    if (m.find()) {
                        found.add(p + ":" + (i + 1) + ": " + lines.get(i).trim());
                    }
                }
            }
        }
        assertTrue(files > 100, "found only " + files + " source files under " + main.toAbsolutePath());
        assertEquals(List.of(), found, "fixed-width vector species outside the allowed files");
    }
}
