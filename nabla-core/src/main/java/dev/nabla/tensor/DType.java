package dev.nabla.tensor;

/** Element types a tensor can hold. FLOAT32 is the default and the only differentiable one. */
public enum DType {
    FLOAT32("float32"),
    INT64("int64"),
    BOOL("bool");

    private final String torchName;

    DType(String torchName) {
        this.torchName = torchName;
    }

    /** The name PyTorch prints and the conformance files use, e.g. {@code float32}. */
    public String torchName() {
        return torchName;
    }

    /** Parses a PyTorch dtype name ({@code float32}, {@code int64}, {@code bool}). */
    public static DType fromTorchName(String name) {
        for (DType d : values()) {
            if (d.torchName.equals(name)) {
                return d;
            }
        }
        throw new IllegalArgumentException("unknown dtype '" + name + "' (expected float32, int64 or bool)");
    }
}
