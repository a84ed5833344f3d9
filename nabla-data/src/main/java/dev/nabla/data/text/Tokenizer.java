package dev.nabla.data.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits text into lower-case word tokens: runs of letters and digits (any script), where an
 * apostrophe between two letters or digits stays inside the word ({@code don't}, {@code o'clock},
 * {@code rock'n'roll}) and any other apostrophe is a separator ({@code 'quoted'} gives
 * {@code quoted}, {@code students'} gives {@code students}). The typographic apostrophe U+2019 is
 * treated as {@code '}.
 *
 * <pre>{@code
 * new Tokenizer().tokenize("Don't PANIC -- it's 4:20!")   // [don't, panic, it's, 4, 20]
 * }</pre>
 */
public final class Tokenizer {
    private final boolean lowercase;

    public Tokenizer() {
        this(true);
    }

    public Tokenizer(boolean lowercase) {
        this.lowercase = lowercase;
    }

    public List<String> tokenize(String text) {
        String s = lowercase ? text.toLowerCase(Locale.ROOT) : text;
        List<String> out = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        int n = s.length();
        int i = 0;
        while (i < n) {
            int cp = s.codePointAt(i);
            int len = Character.charCount(cp);
            if (Character.isLetterOrDigit(cp)) {
                word.appendCodePoint(cp);
            } else if ((cp == '\'' || cp == '\u2019') && word.length() > 0 && i + len < n
                    && Character.isLetterOrDigit(s.codePointAt(i + len))) {
                word.append('\'');
            } else if (word.length() > 0) {
                out.add(word.toString());
                word.setLength(0);
            }
            i += len;
        }
        if (word.length() > 0) {
            out.add(word.toString());
        }
        return out;
    }
}
