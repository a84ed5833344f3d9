package dev.nabla.optim;

import dev.nabla.tensor.Tensor;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An optimizer's state for one parameter: named buffers of the parameter's shape (exp_avg,
 * momentum_buffer, ...), each contiguous and owned by the optimizer, and an optional step count.
 */
public final class ParamState {
    private final LinkedHashMap<String, Tensor> buffers = new LinkedHashMap<>();
    private boolean hasStep;
    private long step;

    /** True when the optimizer has not stored anything for this parameter yet. */
    public boolean isEmpty() {
        return buffers.isEmpty() && !hasStep;
    }

    /** The buffer, or null. */
    public Tensor buffer(String name) {
        return buffers.get(name);
    }

    /** The buffer's float array (contiguous from index 0), or an error if the buffer is absent. */
    public float[] data(String name) {
        Tensor t = buffers.get(name);
        if (t == null) {
            throw new IllegalStateException("optimizer state has no buffer '" + name + "' (it has " + buffers.keySet() + ")");
        }
        return t.storageFloats();
    }

    /** Stores a buffer; it must be a contiguous float32 tensor at offset 0 that nobody else writes. */
    public void put(String name, Tensor buffer) {
        if (buffer.offset() != 0 || !buffer.isContiguous()) {
            throw new IllegalArgumentException("optimizer state buffer '" + name + "' must be contiguous from offset 0");
        }
        buffers.put(name, buffer);
    }

    public Map<String, Tensor> buffers() {
        return Collections.unmodifiableMap(buffers);
    }

    public boolean hasStep() {
        return hasStep;
    }

    public long step() {
        return step;
    }

    public void setStep(long step) {
        this.hasStep = true;
        this.step = step;
    }

    /** Increments the step count and returns the new value. */
    public long incrementStep() {
        hasStep = true;
        return ++step;
    }
}
