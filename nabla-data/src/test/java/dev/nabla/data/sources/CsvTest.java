package dev.nabla.data.sources;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.data.Sample;
import dev.nabla.tensor.DType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvTest {
    @TempDir
    Path dir;

    static List<List<String>> fields(String text) {
        return new CsvParser().parse(text, "t.csv").stream().map(CsvParser.Record::fields).toList();
    }

    @Test
    void rfc4180Quoting() {
        assertEquals(List.of(List.of("a", "b", "c"), List.of("1", "", "3")), fields("a,b,c\r\n1,,3\r\n"));
        assertEquals(List.of(List.of("x, y", "say \"hi\"", "two\nlines")),
                fields("\"x, y\",\"say \"\"hi\"\"\",\"two\r\nlines\""));
        // Blank lines skipped, a trailing empty field kept, no final newline, CR-only endings, a BOM.
        assertEquals(List.of(List.of("a", ""), List.of("b", "c"), List.of("d")), fields("\uFEFFa,\n\n\rb,c\rd"));
        assertEquals(List.of(List.of("")), fields("\"\"\n"));
        assertEquals(List.of(List.of("5\"", "x")), fields("5\",x")); // a stray quote inside unquoted text is text
        List<CsvParser.Record> recs = new CsvParser().parse("h\n\"a\nb\"\nc\n", "t");
        assertEquals(List.of(1, 2, 4), recs.stream().map(CsvParser.Record::line).toList());
        assertEquals(List.of(List.of("a", "b")), new CsvParser(';').parse("a;b", "t").stream()
                .map(CsvParser.Record::fields).toList());
    }

    @Test
    void malformedCsvNamesTheLine() {
        CsvFormatException open = assertThrows(CsvFormatException.class, () -> fields("a,b\n1,\"unclosed\n2,3\n"));
        assertEquals(2, open.line());
        assertTrue(open.getMessage().startsWith("t.csv:2: unterminated quoted field 2"), open.getMessage());
        CsvFormatException after = assertThrows(CsvFormatException.class, () -> fields("a,b\n\"x\"y,2\n"));
        assertTrue(after.getMessage().contains("t.csv:2: unexpected character 'y' after the closing quote of field 1"),
                after.getMessage());
        CsvFormatException width = assertThrows(CsvFormatException.class,
                () -> CsvTable.parse("a,b,c\n1,2,3\n4,5\n", "t.csv"));
        assertEquals("t.csv:3: row has 2 fields but the header has 3 [a, b, c]", width.getMessage());
        assertThrows(CsvFormatException.class, () -> CsvTable.parse("", "t.csv"));
        assertTrue(assertThrows(CsvFormatException.class, () -> CsvTable.parse("a,a\n1,2\n", "t.csv")).getMessage()
                .contains("duplicate column name 'a'"));
    }

    static final String TRAIN = """
            age,city,income,label
            20,paris,1000,no
            30,rome,3000,yes
            40,paris,2000,yes
            50,berlin,2000,no
            """;

    @Test
    void encoderStandardizesOneHotsAndReusesTrainingStatistics() throws Exception {
        Path trainFile = dir.resolve("train.csv");
        Files.writeString(trainFile, TRAIN);
        CsvTable train = CsvTable.read(trainFile);
        TabularEncoder enc = TabularEncoder.builder().numeric("age", "income").categorical("city").classTarget("label")
                .fit(train);
        assertArrayEquals(new double[] {35, 2000}, enc.means(), 1e-12);
        // Population std: age sqrt(125), income sqrt(500000).
        assertArrayEquals(new double[] {Math.sqrt(125), Math.sqrt(500000)}, enc.stds(), 1e-9);
        assertEquals(List.of("age", "income", "city=berlin", "city=paris", "city=rome"), enc.featureNames());
        CsvDataset ds = enc.encode(train);
        assertEquals(List.of("no", "yes"), ds.classes());
        assertArrayEquals(new int[] {4, 5}, ds.features().shape());
        Sample s = ds.get(1);
        assertArrayEquals(new float[] {(float) (-5 / Math.sqrt(125)), (float) (1000 / Math.sqrt(500000)), 0, 0, 1},
                s.input().toFloatArray(), 1e-6f);
        assertEquals(DType.INT64, ds.targets().dtype());
        assertArrayEquals(new long[] {0, 1, 1, 0}, ds.targets().toLongArray());
        // Standardized training columns: mean 0, population variance 1.
        assertEquals(0f, ds.features().narrow(1, 0, 1).mean().item(), 1e-6f);
        assertEquals(1f, ds.features().narrow(1, 0, 1).var(new int[] {0}, false, false).item(), 1e-5f);

        CsvTable test = CsvTable.parse("label,income,age,city\nyes,2000,35,rome\n", "test.csv");
        CsvDataset te = enc.encode(test);
        assertArrayEquals(new float[] {0, 0, 0, 0, 1}, te.get(0).input().toFloatArray(), 1e-6f);

        CsvTable badNumber = CsvTable.parse("age,city,income,label\n20,paris,1000,no\n2o,rome,5,yes\n", "bad.csv");
        CsvFormatException e = assertThrows(CsvFormatException.class, () -> enc.encode(badNumber));
        assertEquals("bad.csv:3: column 'age': '2o' is not a finite number", e.getMessage());
        CsvTable javaSuffix = CsvTable.parse("age,city,income,label\n20d,paris,1000,no\n", "j.csv");
        assertEquals("j.csv:2: column 'age': '20d' is not a finite number",
                assertThrows(CsvFormatException.class, () -> enc.encode(javaSuffix)).getMessage());
        CsvTable infinite = CsvTable.parse("age,city,income,label\n1,paris,1e999,no\n", "i.csv");
        assertTrue(assertThrows(CsvFormatException.class, () -> enc.encode(infinite)).getMessage()
                .contains("'1e999' is not a finite number"));
        CsvTable missing = CsvTable.parse("age,city,income,label\n,paris,1000,no\n", "m.csv");
        assertEquals("m.csv:2: column 'age': missing value",
                assertThrows(CsvFormatException.class, () -> enc.encode(missing)).getMessage());
        CsvTable unseen = CsvTable.parse("age,city,income,label\n1,oslo,1,no\n", "u.csv");
        assertTrue(assertThrows(CsvFormatException.class, () -> enc.encode(unseen)).getMessage()
                .contains("u.csv:2: column 'city': category 'oslo' was not seen when fitting"));
        CsvTable unseenClass = CsvTable.parse("age,city,income,label\n1,rome,1,maybe\n", "c.csv");
        assertTrue(assertThrows(CsvFormatException.class, () -> enc.encode(unseenClass)).getMessage()
                .contains("class 'maybe'"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> TabularEncoder.builder().numeric("agee").valueTarget("income").fit(train)).getMessage()
                .contains("no column named 'agee'"));

        CsvDataset reg = TabularEncoder.builder().numeric("age").valueTarget("income").standardize(false).fit(train)
                .encode(train);
        assertEquals(DType.FLOAT32, reg.targets().dtype());
        assertArrayEquals(new float[] {1000, 3000, 2000, 2000}, reg.targets().toFloatArray());
        assertArrayEquals(new float[] {20, 30, 40, 50}, reg.features().toFloatArray());
    }
}
