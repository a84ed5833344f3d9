package dev.nabla.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads conformance files (one JSON case per line) and runs each case against Nabla. */
public final class Conformance {
    /** Python's json writes NaN, Infinity and -Infinity as bare tokens; accept them. */
    private static final ObjectMapper JSON = com.fasterxml.jackson.databind.json.JsonMapper.builder()
            .enable(com.fasterxml.jackson.core.json.JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();
    private final OpRegistry registry;
    private final OpCaseHandler opHandler;

    public Conformance(OpRegistry registry) {
        this.registry = registry;
        this.opHandler = new OpCaseHandler(registry);
    }

    public Conformance() {
        this(OpRegistry.standard());
    }

    /** The cases of a file, in order. Blank lines are skipped; a malformed line is reported with its number. */
    public static List<JsonNode> readCases(Path file) {
        List<JsonNode> cases = new ArrayList<>();
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).strip();
                if (line.isEmpty()) {
                    continue;
                }
                try {
                    cases.add(JSON.readTree(line));
                } catch (IOException e) {
                    throw new IllegalArgumentException(file + ":" + (i + 1) + ": not valid JSON: " + e.getMessage(), e);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read conformance file " + file, e);
        }
        return cases;
    }

    /** Runs one case; never throws for a failing op, it reports it. */
    public CaseResult run(JsonNode c) {
        String id = c.path("id").asText("<no id>");
        String op = c.path("op").asText("");
        try {
            CaseHandler special = registry.handler(op);
            return special != null ? special.run(id, c) : opHandler.run(id, c);
        } catch (RuntimeException | AssertionError | StackOverflowError e) {
            return CaseResult.fail(id, "threw " + e);
        }
    }
}
