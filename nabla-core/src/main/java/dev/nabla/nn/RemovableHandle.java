package dev.nabla.nn;

/**
 * Removes a hook it was returned for, as {@code torch.utils.hooks.RemovableHandle}. Removing twice
 * is harmless.
 *
 * <pre>{@code
 * RemovableHandle h = model.registerForwardHook((m, in, out) -> { seen.add(out); return null; });
 * model.call(x);
 * h.remove();
 * }</pre>
 */
public final class RemovableHandle implements AutoCloseable {
    private final Runnable remover;
    private boolean removed;

    RemovableHandle(Runnable remover) {
        this.remover = remover;
    }

    /** Unregisters the hook. */
    public void remove() {
        if (!removed) {
            removed = true;
            remover.run();
        }
    }

    /** Same as {@link #remove()}, so a hook can live for one try-with-resources block. */
    @Override
    public void close() {
        remove();
    }
}
