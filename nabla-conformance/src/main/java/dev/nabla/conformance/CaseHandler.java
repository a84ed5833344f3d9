package dev.nabla.conformance;

import com.fasterxml.jackson.databind.JsonNode;

/** Runs one whole case of a given {@code op} kind (ops, optimizers, schedules, clipping). */
@FunctionalInterface
public interface CaseHandler {
    CaseResult run(String id, JsonNode testCase);
}
