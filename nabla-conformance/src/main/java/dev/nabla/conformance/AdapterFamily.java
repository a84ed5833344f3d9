package dev.nabla.conformance;

/** A group of op adapters (one per op family) that registers itself with the registry. */
public interface AdapterFamily {
    void register(OpRegistry registry);
}
