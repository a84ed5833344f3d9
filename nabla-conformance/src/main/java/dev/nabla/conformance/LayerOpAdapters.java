package dev.nabla.conformance;

/** Adapters for convolution, pooling, resampling, normalization and embedding. */
final class LayerOpAdapters implements AdapterFamily {
    @Override
    public void register(OpRegistry r) {
    }
}
