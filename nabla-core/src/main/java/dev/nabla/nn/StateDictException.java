package dev.nabla.nn;

import java.util.List;

/**
 * A state dict that does not fit a module, as PyTorch's "Error(s) in loading state_dict": one
 * exception listing every missing, unexpected and mis-shaped key, so a user fixes them all at once.
 */
public final class StateDictException extends IllegalArgumentException {
    private final List<String> missingKeys;
    private final List<String> unexpectedKeys;
    private final List<String> mismatches;

    public StateDictException(String owner, List<String> missingKeys, List<String> unexpectedKeys,
            List<String> mismatches) {
        super(message(owner, missingKeys, unexpectedKeys, mismatches));
        this.missingKeys = List.copyOf(missingKeys);
        this.unexpectedKeys = List.copyOf(unexpectedKeys);
        this.mismatches = List.copyOf(mismatches);
    }

    /** Keys the module has but the state dict lacks. */
    public List<String> missingKeys() {
        return missingKeys;
    }

    /** Keys in the state dict that the module does not have. */
    public List<String> unexpectedKeys() {
        return unexpectedKeys;
    }

    /** One line per key whose shape or dtype differs, e.g. {@code size mismatch for fc.weight: ...}. */
    public List<String> mismatches() {
        return mismatches;
    }

    private static String message(String owner, List<String> missing, List<String> unexpected, List<String> bad) {
        StringBuilder sb = new StringBuilder("Error(s) in loading state_dict for ").append(owner).append(':');
        if (!missing.isEmpty()) {
            sb.append("\n\tMissing key(s) in state_dict: ").append(quoted(missing)).append('.');
        }
        if (!unexpected.isEmpty()) {
            sb.append("\n\tUnexpected key(s) in state_dict: ").append(quoted(unexpected)).append('.');
        }
        for (String m : bad) {
            sb.append("\n\t").append(m);
        }
        return sb.toString();
    }

    private static String quoted(List<String> keys) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < keys.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append('"').append(keys.get(i)).append('"');
        }
        return sb.toString();
    }
}
