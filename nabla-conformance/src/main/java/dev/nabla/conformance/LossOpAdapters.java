package dev.nabla.conformance;

/** Adapters for losses. */
final class LossOpAdapters implements AdapterFamily {
    @Override
    public void register(OpRegistry r) {
    }
}
