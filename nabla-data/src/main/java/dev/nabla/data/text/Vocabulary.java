package dev.nabla.data.text;

import dev.nabla.data.sources.Downloads;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A token-to-index table with three specials: {@code <pad>} = 0, {@code <unk>} = 1 (every unknown
 * token) and {@code <eos>} = 2. Built from tokenized texts: tokens seen at least {@code minFreq}
 * times, most frequent first, ties in alphabetical order (as torchtext's
 * {@code build_vocab_from_iterator}), at most {@code maxSize} entries including the specials.
 * Saved as UTF-8 text, one token per line in index order.
 *
 * <pre>{@code
 * Vocabulary v = Vocabulary.build(texts.stream().map(tok::tokenize).toList(), 2, 20000);
 * long[] ids = v.encode(tok.tokenize("a new sentence"), true);   // ends with EOS
 * }</pre>
 */
public final class Vocabulary {
    public static final String PAD = "<pad>";
    public static final String UNK = "<unk>";
    public static final String EOS = "<eos>";
    public static final int PAD_INDEX = 0;
    public static final int UNK_INDEX = 1;
    public static final int EOS_INDEX = 2;
    private static final List<String> SPECIALS = List.of(PAD, UNK, EOS);

    private final List<String> tokens;
    private final Map<String, Integer> index;

    private Vocabulary(List<String> tokens) {
        this.tokens = List.copyOf(tokens);
        this.index = new HashMap<>(tokens.size() * 2);
        for (int i = 0; i < tokens.size(); i++) {
            if (index.put(tokens.get(i), i) != null) {
                throw new IllegalArgumentException("Vocabulary: duplicate token '" + tokens.get(i) + "' at index " + i);
            }
        }
    }

    /** Builds from tokenized texts (see the class comment for the order). */
    public static Vocabulary build(Iterable<? extends List<String>> texts, int minFreq, int maxSize) {
        if (minFreq < 1) {
            throw new IllegalArgumentException("Vocabulary.build: minFreq must be at least 1, got " + minFreq);
        }
        if (maxSize < SPECIALS.size()) {
            throw new IllegalArgumentException("Vocabulary.build: maxSize must leave room for the " + SPECIALS.size()
                    + " specials, got " + maxSize);
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (List<String> text : texts) {
            for (String t : text) {
                counts.merge(t, 1, Integer::sum);
            }
        }
        List<Map.Entry<String, Integer>> entries = new ArrayList<>(counts.entrySet());
        entries.removeIf(e -> e.getValue() < minFreq || SPECIALS.contains(e.getKey()));
        entries.sort((a, b) -> a.getValue().equals(b.getValue()) ? a.getKey().compareTo(b.getKey())
                : Integer.compare(b.getValue(), a.getValue()));
        List<String> tokens = new ArrayList<>(SPECIALS);
        for (Map.Entry<String, Integer> e : entries) {
            if (tokens.size() >= maxSize) {
                break;
            }
            tokens.add(e.getKey());
        }
        return new Vocabulary(tokens);
    }

    /** A vocabulary from tokens in index order; the first three must be the specials. */
    public static Vocabulary of(List<String> tokens) {
        if (tokens.size() < 3 || !tokens.subList(0, 3).equals(SPECIALS)) {
            throw new IllegalArgumentException("Vocabulary: the first tokens must be " + SPECIALS + ", got "
                    + tokens.subList(0, Math.min(3, tokens.size())));
        }
        return new Vocabulary(tokens);
    }

    public int size() {
        return tokens.size();
    }

    /** The index of a token, {@link #UNK_INDEX} when unknown. */
    public int indexOf(String token) {
        Integer i = index.get(token);
        return i == null ? UNK_INDEX : i;
    }

    public boolean contains(String token) {
        return index.containsKey(token);
    }

    /** The token at an index. */
    public String token(int i) {
        if (i < 0 || i >= tokens.size()) {
            throw new IndexOutOfBoundsException("Vocabulary: index " + i + " is out of range for a vocabulary of size "
                    + tokens.size());
        }
        return tokens.get(i);
    }

    /** Indices of the tokens, optionally followed by {@code <eos>}. */
    public long[] encode(List<String> text, boolean addEos) {
        long[] out = new long[text.size() + (addEos ? 1 : 0)];
        for (int i = 0; i < text.size(); i++) {
            out[i] = indexOf(text.get(i));
        }
        if (addEos) {
            out[out.length - 1] = EOS_INDEX;
        }
        return out;
    }

    /** Tokens of the indices, space-separated; {@code <pad>} is skipped and decoding stops at {@code <eos>}. */
    public String decode(long[] ids) {
        StringBuilder sb = new StringBuilder();
        for (long id : ids) {
            if (id == EOS_INDEX) {
                break;
            }
            if (id == PAD_INDEX) {
                continue;
            }
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(token(Math.toIntExact(id)));
        }
        return sb.toString();
    }

    /** All tokens in index order. */
    public List<String> tokens() {
        return tokens;
    }

    /** Writes one token per line (UTF-8) through a temporary file and a rename. */
    public void save(Path path) throws IOException {
        for (String t : tokens) {
            if (t.isEmpty() || t.indexOf('\n') >= 0 || t.indexOf('\r') >= 0) {
                throw new IllegalArgumentException("Vocabulary.save: token '" + t + "' is empty or holds a line break");
            }
        }
        Path dir = path.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, path.getFileName().toString(), ".part");
        try {
            try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                for (String t : tokens) {
                    w.write(t);
                    w.write('\n');
                }
            }
            Downloads.moveAtomically(tmp, path);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Reads a file written by {@link #save}. */
    public static Vocabulary load(Path path) throws IOException {
        List<String> lines = Files.readAllLines(path, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isEmpty()) {
                throw new IOException(path + ":" + (i + 1) + ": empty token line in vocabulary file");
            }
        }
        try {
            return of(lines);
        } catch (IllegalArgumentException e) {
            throw new IOException(path + ": " + e.getMessage(), e);
        }
    }
}
