package dev.nabla.conformance;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Maps a case's {@code op} to the adapter or whole-case handler that runs it. */
public final class OpRegistry {
    private final Map<String, OpAdapter> adapters = new HashMap<>();
    private final Map<String, CaseHandler> handlers = new HashMap<>();

    /** Every family Nabla implements. */
    public static OpRegistry standard() {
        OpRegistry r = new OpRegistry();
        for (AdapterFamily f : List.of(new CoreOpAdapters(), new LayerOpAdapters(), new LossOpAdapters(),
                new SequenceOpAdapters(), new TrainingCaseHandlers())) {
            f.register(r);
        }
        return r;
    }

    public void register(String op, OpAdapter adapter) {
        if (adapters.putIfAbsent(op, adapter) != null) {
            throw new IllegalStateException("op '" + op + "' registered twice");
        }
    }

    /** Registers a handler for cases that are not plain op calls (optimizer steps, schedules, clipping). */
    public void registerHandler(String op, CaseHandler handler) {
        if (handlers.putIfAbsent(op, handler) != null) {
            throw new IllegalStateException("handler '" + op + "' registered twice");
        }
    }

    public OpAdapter adapter(String op) {
        return adapters.get(op);
    }

    public CaseHandler handler(String op) {
        return handlers.get(op);
    }
}
