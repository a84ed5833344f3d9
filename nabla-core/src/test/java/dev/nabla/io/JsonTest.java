package dev.nabla.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void parsesAllValueKinds() {
        Object v = Json.parse(" {\"a\": [1, -2, 3.5, 1e3, true, false, null], \"b\": {\"c\": \"x\\n\\u00e9\\ud83d\\ude00\"},"
                + " \"d\": 0} ");
        Map<?, ?> m = (Map<?, ?>) v;
        assertEquals(List.of("a", "b", "d"), List.copyOf(m.keySet()));
        List<?> a = (List<?>) m.get("a");
        assertEquals(1L, a.get(0));
        assertEquals(-2L, a.get(1));
        assertEquals(3.5, a.get(2));
        assertEquals(1000.0, a.get(3));
        assertEquals(Boolean.TRUE, a.get(4));
        assertSame(Json.NULL, a.get(6));
        assertEquals("x\né\uD83D\uDE00", ((Map<?, ?>) m.get("b")).get("c"));
        assertEquals(0L, m.get("d"));
    }

    @Test
    void rejectsMalformedText() {
        String[] bad = {"", "{", "{\"a\":1,}", "[1,]", "{\"a\" 1}", "{a:1}", "01", "-", "1.", "1e", "\"abc", "\"\\x\"",
            "\"\\u12\"", "\"\\ud800\"", "tru", "{} x", "{\"a\":1}{", "\"tab\there\"", "[1 2]", "NaN", "+1",
            "99999999999999999999"};
        for (String s : bad) {
            assertThrows(Json.JsonException.class, () -> Json.parse(s), s);
        }
    }

    @Test
    void rejectsDuplicateKeysAndDeepNesting() {
        var e = assertThrows(Json.JsonException.class, () -> Json.parse("{\"k\":1,\"k\":2}"));
        assertTrue(e.getMessage().contains("duplicate key \"k\""), e.getMessage());
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        var d = assertThrows(Json.JsonException.class, () -> Json.parse(deep));
        assertTrue(d.getMessage().contains("nesting"), d.getMessage());
    }

    @Test
    void rejectsInvalidUtf8() {
        byte[] b = "{\"a\":\"xx\"}".getBytes(StandardCharsets.UTF_8);
        b[6] = (byte) 0xC3; // a lead byte followed by an ASCII byte
        var e = assertThrows(Json.JsonException.class, () -> Json.parse(b));
        assertTrue(e.getMessage().contains("UTF-8"), e.getMessage());
    }

    @Test
    void writesAndReadsBack() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name \"q\"\\", List.of(1L, 2L, 3L));
        m.put("s", "line\nbreak\u0001é");
        m.put("t", true);
        m.put("n", null);
        String text = Json.write(m);
        assertEquals("{\"name \\\"q\\\"\\\\\":[1,2,3],\"s\":\"line\\nbreak\\u0001é\",\"t\":true,\"n\":null}", text);
        Map<?, ?> back = (Map<?, ?>) Json.parse(text);
        assertEquals(m.get("s"), back.get("s"));
        assertEquals(List.of(1L, 2L, 3L), back.get("name \"q\"\\"));
        assertSame(Json.NULL, back.get("n"));
    }
}
