package dev.nabla.data.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.data.DataLoader;
import dev.nabla.data.Sample;
import dev.nabla.data.sources.CsvFormatException;
import dev.nabla.data.sources.CsvTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextTest {
    @TempDir
    Path dir;

    @Test
    void tokenizerKeepsInnerApostrophes() {
        Tokenizer t = new Tokenizer();
        assertEquals(List.of("don't", "panic", "it's", "4", "20"), t.tokenize("Don't PANIC -- it's 4:20!"));
        assertEquals(List.of("quoted", "the", "students", "books"), t.tokenize("'Quoted' the students' books"));
        assertEquals(List.of("rock'n'roll", "o'clock", "café", "naïve"), t.tokenize("rock'n'roll o’clock Café naïve"));
        assertEquals(List.of(), t.tokenize("  ... ''' "));
        assertEquals(List.of("Hello", "World"), new Tokenizer(false).tokenize("Hello, World"));
    }

    @Test
    void vocabularyOrderSpecialsAndRoundTrip() throws IOException {
        Tokenizer t = new Tokenizer();
        List<List<String>> texts = List.of(t.tokenize("b a c a"), t.tokenize("a b d"), t.tokenize("e <pad> c"));
        Vocabulary v = Vocabulary.build(texts, 2, 100);
        // a:3, then b and c with 2 each (alphabetical), d and e dropped by minFreq.
        assertEquals(List.of("<pad>", "<unk>", "<eos>", "a", "b", "c"), v.tokens());
        assertEquals(List.of("<pad>", "<unk>", "<eos>", "a", "b"), Vocabulary.build(texts, 1, 5).tokens());
        assertArrayEquals(new long[] {3, 1, 5, 2}, v.encode(List.of("a", "zebra", "c"), true));
        assertEquals("a <unk> c", v.decode(new long[] {3, 1, 5, 2, 4, 4}));
        assertEquals("a b", v.decode(new long[] {3, 0, 4, 0}));
        Path p = dir.resolve("vocab.txt");
        v.save(p);
        assertEquals("<pad>\n<unk>\n<eos>\na\nb\nc\n", Files.readString(p));
        assertEquals(v.tokens(), Vocabulary.load(p).tokens());
        Files.writeString(p, "<unk>\n<pad>\n<eos>\na\n");
        assertTrue(assertThrows(IOException.class, () -> Vocabulary.load(p)).getMessage()
                .contains("the first tokens must be [<pad>, <unk>, <eos>]"));
        Files.writeString(p, "<pad>\n<unk>\n<eos>\na\na\n");
        assertTrue(assertThrows(IOException.class, () -> Vocabulary.load(p)).getMessage().contains("duplicate token 'a'"));
        assertThrows(IllegalArgumentException.class, () -> Vocabulary.build(texts, 0, 10));
    }

    @Test
    void tsvDatasetWithPaddingCollate() throws IOException {
        Path train = dir.resolve("train.tsv");
        Files.writeString(train, "pos\tgreat fun movie\nneg\tboring movie\n\npos\tfun fun\nneg\tawful, boring!\n");
        var ds = TextClassificationDataset.fit(TextClassificationDataset.Texts.readTsv(train), new Tokenizer(), 1, 100);
        assertEquals(List.of("neg", "pos"), ds.classes());
        assertEquals(4, ds.size());
        Sample s = ds.get(0);
        assertEquals("great fun movie", ds.vocabulary().decode(s.input().toLongArray()));
        assertEquals(1L, (long) s.target().get());

        var loader = DataLoader.builder(ds, new PadCollate()).batchSize(3).build();
        List<TextBatch> batches = new ArrayList<>();
        loader.forEach(batches::add);
        TextBatch b = batches.get(0);
        assertArrayEquals(new int[] {3, 3}, b.ids().shape());
        assertArrayEquals(new long[] {3, 2, 2}, b.lengths().toLongArray());
        assertArrayEquals(new long[] {1, 0, 1}, b.targets().toLongArray());
        long[] ids = b.ids().toLongArray();
        assertEquals(0L, ids[5]); // "boring movie" padded with <pad>
        assertEquals(0L, ids[8]);
        assertArrayEquals(new int[] {1, 2}, batches.get(1).ids().shape());

        Path test = dir.resolve("test.tsv");
        Files.writeString(test, "neg\tterrible movie\n");
        var te = ds.encodeLike(TextClassificationDataset.Texts.readTsv(test));
        assertEquals("<unk> movie", ds.vocabulary().decode(te.get(0).input().toLongArray()));

        Files.writeString(test, "neg\tok\nthis line has no tab\n");
        CsvFormatException e = assertThrows(CsvFormatException.class,
                () -> TextClassificationDataset.Texts.readTsv(test));
        assertEquals(test + ":2: expected 'label<TAB>text', found no tab", e.getMessage());
        Files.writeString(test, "meh\tok\n");
        assertTrue(assertThrows(CsvFormatException.class,
                () -> ds.encodeLike(TextClassificationDataset.Texts.readTsv(test))).getMessage()
                .contains(":1: label 'meh' is not one of the classes [neg, pos]"));

        // Truncation and bad input to the collate.
        TextBatch cut = new PadCollate(0, 2).collate(List.of(ds.get(0)));
        assertArrayEquals(new long[] {2}, cut.lengths().toLongArray());
        assertThrows(IllegalArgumentException.class,
                () -> new PadCollate().collate(List.of(new Sample(dev.nabla.tensor.Tensor.zeros(3), s.target()))));
    }

    @Test
    void csvTextColumns() {
        CsvTable t = CsvTable.parse("id,text,label\n1,\"Hello, world\",greet\n2,bye now,leave\n", "t.csv");
        var texts = TextClassificationDataset.Texts.fromCsv(t, "label", "text");
        var ds = TextClassificationDataset.fit(texts, new Tokenizer(), 1, 10);
        assertEquals(List.of("greet", "leave"), ds.classes());
        assertEquals("hello world", ds.vocabulary().decode(ds.get(0).input().toLongArray()));
        assertEquals(1L, (long) ds.get(1).target().get());
    }
}
