package dev.nabla.conformance;

/** Adapters for recurrent layers and multi-head attention. */
final class SequenceOpAdapters implements AdapterFamily {
    @Override
    public void register(OpRegistry r) {
    }
}
