package dev.nabla.kernel;

import java.util.logging.Logger;

/**
 * Chooses the kernel implementation once, at first use. The system property {@code nabla.kernels}
 * forces a choice ({@code scalar} or {@code vector}); otherwise {@link VectorKernels} is taken when the
 * {@code jdk.incubator.vector} module is present (run with {@code --add-modules jdk.incubator.vector}),
 * else {@link ScalarKernels} with a one-time warning. The choice, vector width and thread count are
 * logged once at INFO.
 */
public final class KernelProvider {
    private static final Logger LOG = Logger.getLogger("dev.nabla.kernel");
    private static volatile Kernels instance;

    private KernelProvider() {
    }

    /** The kernels in use. */
    public static Kernels get() {
        Kernels k = instance;
        if (k == null) {
            synchronized (KernelProvider.class) {
                k = instance;
                if (k == null) {
                    k = choose();
                    instance = k;
                    Kernels chosen = k;
                    LOG.info(() -> "nabla kernels: " + chosen.name() + ", threads: " + Parallel.threads()
                            + (chosen instanceof VectorKernels ? ", gemm " + VectorGemm.describe() : ""));
                }
            }
        }
        return k;
    }

    /** Replaces the kernels (tests use this to compare implementations). */
    public static synchronized void set(Kernels kernels) {
        instance = kernels;
    }

    private static Kernels choose() {
        return choose(System.getProperty("nabla.kernels", "auto"));
    }

    /** The kernels for a {@code nabla.kernels} value: scalar, vector or auto. */
    static Kernels choose(String property) {
        String forced = property.trim();
        return switch (forced) {
            case "scalar" -> new ScalarKernels();
            case "vector" -> vectorOrScalar(true);
            case "auto", "" -> vectorOrScalar(false);
            default -> throw new IllegalArgumentException(
                    "nabla.kernels must be scalar, vector or auto, got '" + forced + "'");
        };
    }

    private static Kernels vectorOrScalar(boolean forced) {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            LOG.warning("nabla: jdk.incubator.vector is not available" + (forced ? " (nabla.kernels=vector)" : "")
                    + "; using the slow scalar kernels. Run the JVM with --add-modules jdk.incubator.vector.");
            return new ScalarKernels();
        }
        try {
            // Touch the vector classes here so a linkage problem surfaces now, not mid-op.
            VectorKernels v = new VectorKernels();
            VectorKernels.vectorBits();
            return v;
        } catch (LinkageError e) {
            LOG.warning("nabla: Vector API kernels failed to load (" + e + "); using the slow scalar kernels.");
            return new ScalarKernels();
        }
    }
}
