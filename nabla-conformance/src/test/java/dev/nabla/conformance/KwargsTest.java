package dev.nabla.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** Kwargs reads numbers as the format writes them, non-finite strings included, and refuses other text. */
class KwargsTest {
    private static Kwargs parse(String json) throws Exception {
        return new Kwargs(new ObjectMapper().readTree(json));
    }

    @Test
    void nonFiniteStringsAndNumericTextAreNumbers() throws Exception {
        Kwargs kw = parse("{\"a\": \"inf\", \"b\": \"-Infinity\", \"c\": \"nan\", \"d\": \"2.5\", \"e\": 3, \"f\": true,"
                + " \"l\": [1, \"inf\", \"-inf\"]}");
        assertEquals(Double.POSITIVE_INFINITY, kw.getDouble("a", 0));
        assertEquals(Double.NEGATIVE_INFINITY, kw.getDouble("b", 0));
        assertTrue(Double.isNaN(kw.getDouble("c", 0)));
        assertEquals(2.5, kw.getDouble("d", 0));
        assertEquals(3.0, kw.getDouble("e", 0));
        assertEquals(1.0, kw.getDouble("f", 0));
        assertEquals(7.0, kw.getDouble("missing", 7));
        assertEquals(Float.POSITIVE_INFINITY, kw.getFloat("a", 0));
        assertArrayEquals(new double[] {1, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}, kw.getDoubles("l"));
    }

    @Test
    void otherTextIsAnErrorNotZero() throws Exception {
        Kwargs kw = parse("{\"a\": \"mean\"}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> kw.getDouble("a", 1));
        assertTrue(e.getMessage().contains("\"mean\""), e.getMessage());
    }
}
