package dev.nabla.conformance;

/** The outcome of one conformance case: passed, or failed with the reason. */
public record CaseResult(String id, boolean passed, String detail) {
    public static CaseResult pass(String id) {
        return new CaseResult(id, true, "");
    }

    public static CaseResult fail(String id, String why) {
        return new CaseResult(id, false, why);
    }

    /** {@code PASS id} or {@code FAIL id: why}. */
    public String line() {
        return passed ? "PASS " + id : "FAIL " + id + ": " + detail;
    }
}
