package dev.nabla.kernel;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The kernel choice honours nabla.kernels and prefers the Vector API when the module is present. */
class KernelProviderTest {
    @Test
    void choosesByProperty() {
        // Tests run with --add-modules jdk.incubator.vector, so auto and vector give the vector kernels.
        assertInstanceOf(VectorKernels.class, KernelProvider.choose("auto"));
        assertInstanceOf(VectorKernels.class, KernelProvider.choose("vector"));
        assertInstanceOf(ScalarKernels.class, KernelProvider.choose("scalar"));
        assertTrue(KernelProvider.choose(" auto ").name().startsWith("vector-"));
    }

    @Test
    void rejectsUnknownValues() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KernelProvider.choose("gpu"));
        assertEquals("nabla.kernels must be scalar, vector or auto, got 'gpu'", e.getMessage());
    }
}
