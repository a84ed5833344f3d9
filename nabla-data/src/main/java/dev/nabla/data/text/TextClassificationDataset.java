package dev.nabla.data.text;

import dev.nabla.data.Dataset;
import dev.nabla.data.Sample;
import dev.nabla.data.sources.CsvFormatException;
import dev.nabla.data.sources.CsvTable;
import dev.nabla.tensor.Tensor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Labelled texts for classification: each example is a {@link Sample} of 1-D int64 token ids
 * and a 0-dim int64 class index. Use with {@link PadCollate}.
 *
 * <p>Read from lines {@code label<TAB>text} (blank lines skipped) or from two CSV columns. The
 * vocabulary and the class list come from the training split ({@link #fit}) and are reused for
 * the others, where unknown words become {@code <unk>} and an unknown label is an error.
 *
 * <pre>{@code
 * var train = TextClassificationDataset.Texts.readTsv(Path.of("train.tsv"));
 * var ds = TextClassificationDataset.fit(train, new Tokenizer(), 2, 20000);
 * var test = ds.encodeLike(TextClassificationDataset.Texts.readTsv(Path.of("test.tsv")));
 * }</pre>
 */
public final class TextClassificationDataset implements Dataset<Sample> {
    /** Raw labelled texts with the source line of each (for messages). */
    public record Texts(String source, List<String> labels, List<String> texts, int[] lines) {

        /** Reads {@code label<TAB>text} lines (UTF-8). */
        public static Texts readTsv(Path path) throws IOException {
            List<String> all = Files.readAllLines(path, StandardCharsets.UTF_8);
            List<String> labels = new ArrayList<>();
            List<String> texts = new ArrayList<>();
            List<Integer> lines = new ArrayList<>();
            for (int i = 0; i < all.size(); i++) {
                String line = all.get(i);
                if (line.isBlank()) {
                    continue;
                }
                int tab = line.indexOf('\t');
                if (tab <= 0) {
                    throw new CsvFormatException(path.toString(), i + 1, tab == 0 ? "empty label before the tab"
                            : "expected 'label<TAB>text', found no tab");
                }
                labels.add(line.substring(0, tab).strip());
                texts.add(line.substring(tab + 1));
                lines.add(i + 1);
            }
            return new Texts(path.toString(), labels, texts, lines.stream().mapToInt(Integer::intValue).toArray());
        }

        /** Takes the label and text columns of a CSV table. */
        public static Texts fromCsv(CsvTable table, String labelColumn, String textColumn) {
            int lc = table.columnIndex(labelColumn);
            int tc = table.columnIndex(textColumn);
            List<String> labels = new ArrayList<>();
            List<String> texts = new ArrayList<>();
            int[] lines = new int[table.rowCount()];
            for (int r = 0; r < table.rowCount(); r++) {
                String label = table.get(r, lc).strip();
                if (label.isEmpty()) {
                    throw new CsvFormatException(table.source(), table.line(r), "empty label in column '" + labelColumn
                            + "'");
                }
                labels.add(label);
                texts.add(table.get(r, tc));
                lines[r] = table.line(r);
            }
            return new Texts(table.source(), labels, texts, lines);
        }
    }

    private final List<long[]> ids;
    private final long[] targets;
    private final Vocabulary vocabulary;
    private final Tokenizer tokenizer;
    private final List<String> classes;
    private final boolean addEos;

    private TextClassificationDataset(List<long[]> ids, long[] targets, Vocabulary vocabulary, Tokenizer tokenizer,
            List<String> classes, boolean addEos) {
        this.ids = ids;
        this.targets = targets;
        this.vocabulary = vocabulary;
        this.tokenizer = tokenizer;
        this.classes = List.copyOf(classes);
        this.addEos = addEos;
    }

    /** Builds the vocabulary (minFreq, maxSize) and the sorted class list from training texts. */
    public static TextClassificationDataset fit(Texts train, Tokenizer tokenizer, int minFreq, int maxSize) {
        List<List<String>> tokens = new ArrayList<>(train.texts().size());
        for (String t : train.texts()) {
            tokens.add(tokenizer.tokenize(t));
        }
        Vocabulary vocab = Vocabulary.build(tokens, minFreq, maxSize);
        List<String> classes = List.copyOf(new TreeSet<>(train.labels()));
        return encode(train, tokenizer, vocab, classes, false);
    }

    /** Encodes texts with a given vocabulary and class list. */
    public static TextClassificationDataset encode(Texts texts, Tokenizer tokenizer, Vocabulary vocabulary,
            List<String> classes, boolean addEos) {
        List<long[]> ids = new ArrayList<>(texts.texts().size());
        long[] targets = new long[texts.texts().size()];
        for (int i = 0; i < targets.length; i++) {
            int k = classes.indexOf(texts.labels().get(i));
            if (k < 0) {
                throw new CsvFormatException(texts.source(), texts.lines()[i], "label '" + texts.labels().get(i)
                        + "' is not one of the classes " + classes);
            }
            targets[i] = k;
            ids.add(vocabulary.encode(tokenizer.tokenize(texts.texts().get(i)), addEos));
        }
        return new TextClassificationDataset(ids, targets, vocabulary, tokenizer, classes, addEos);
    }

    /** Encodes other texts (validation, test) with this data set's tokenizer, vocabulary and classes. */
    public TextClassificationDataset encodeLike(Texts texts) {
        return encode(texts, tokenizer, vocabulary, classes, addEos);
    }

    @Override
    public int size() {
        return targets.length;
    }

    /** Example {@code index}: (T) int64 ids and a 0-dim int64 class. */
    @Override
    public Sample get(int index) {
        Dataset.checkIndex("TextClassificationDataset", index, targets.length);
        long[] s = ids.get(index);
        return new Sample(Tensor.ofLongs(s, s.length), Tensor.ofLongs(new long[] {targets[index]}));
    }

    public Vocabulary vocabulary() {
        return vocabulary;
    }

    public List<String> classes() {
        return classes;
    }
}
