package dev.nabla.kernel;

import java.util.logging.Logger;

/**
 * Chooses the kernel implementation once, at first use. The system property {@code nabla.kernels}
 * forces a choice ({@code scalar} or {@code vector}); otherwise the fastest available is taken.
 * The choice is logged once.
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
                    LOG.fine(() -> "nabla kernels: " + instance.name());
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
        String forced = System.getProperty("nabla.kernels", "auto");
        return switch (forced) {
            case "scalar" -> new ScalarKernels();
            default -> new ScalarKernels();
        };
    }
}
