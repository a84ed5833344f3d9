package dev.nabla.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PyFloatTest {
    @Test
    void formatsLikePythonRepr() {
        assertEquals("-1.0", PyFloat.repr(-1.0));
        assertEquals("1.2", PyFloat.repr(1.2));
        assertEquals("1e-08", PyFloat.repr(1e-8));
        assertEquals("0.0001", PyFloat.repr(1e-4));
        assertEquals("1e-05", PyFloat.repr(1e-5));
        assertEquals("0.001", PyFloat.repr(1e-3));
        assertEquals("123456.0", PyFloat.repr(123456));
        assertEquals("1e+16", PyFloat.repr(1e16));
        assertEquals("1234567890123456.0", PyFloat.repr(1234567890123456.0));
        assertEquals("2.5e-10", PyFloat.repr(2.5e-10));
        assertEquals("0.1", PyFloat.repr(0.1));
        assertEquals("0.30000000000000004", PyFloat.repr(0.1 + 0.2));
        assertEquals("0.0", PyFloat.repr(0));
        assertEquals("-0.0", PyFloat.repr(-0.0));
        assertEquals("inf", PyFloat.repr(Double.POSITIVE_INFINITY));
        assertEquals("nan", PyFloat.repr(Double.NaN));
    }
}
