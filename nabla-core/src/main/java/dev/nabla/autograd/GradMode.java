package dev.nabla.autograd;

/**
 * Whether ops record the graph, per thread. Open a {@link NoGradScope} with
 * {@code try (var s = GradMode.noGrad()) { ... }} to run inference or parameter updates.
 */
public final class GradMode {
    private static final ThreadLocal<boolean[]> ENABLED = ThreadLocal.withInitial(() -> new boolean[] {true});

    private GradMode() {
    }

    public static boolean isEnabled() {
        return ENABLED.get()[0];
    }

    /** Turns recording off until the returned scope is closed (as {@code torch.no_grad()}). */
    public static NoGradScope noGrad() {
        return setEnabled(false);
    }

    /** Turns recording on until the returned scope is closed (as {@code torch.enable_grad()}). */
    public static NoGradScope enableGrad() {
        return setEnabled(true);
    }

    private static NoGradScope setEnabled(boolean on) {
        boolean[] flag = ENABLED.get();
        boolean previous = flag[0];
        flag[0] = on;
        return new NoGradScope(flag, previous);
    }

    /** Restores the previous recording state when closed. */
    public static final class NoGradScope implements AutoCloseable {
        private final boolean[] flag;
        private final boolean previous;

        private NoGradScope(boolean[] flag, boolean previous) {
            this.flag = flag;
            this.previous = previous;
        }

        @Override
        public void close() {
            flag[0] = previous;
        }
    }
}
