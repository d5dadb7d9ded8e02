package dev.aioskill.review;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * The reviewed source split into lines numbered as Python's parser numbers them ({@code \n}, {@code \r\n} and
 * {@code \r} end a line), with the whitespace-insensitive quote matching that grounding needs. Immutable.
 */
public final class SourceText {

    private static final Pattern LINE_END = Pattern.compile("\r\n|\r|\n");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    // Models quote from the numbered listing they were given ("12: x = 1", "12 | x = 1"); that prefix is not code.
    private static final Pattern LISTING_PREFIX = Pattern.compile("^\\s*\\d+\\s*[:|]\\s?");

    private final List<String> lines;
    private final List<String> squeezed;

    private SourceText(List<String> lines) {
        this.lines = List.copyOf(lines);
        List<String> s = new ArrayList<>(lines.size());
        for (String line : lines) {
            s.add(squeeze(line));
        }
        this.squeezed = List.copyOf(s);
    }

    public static SourceText of(String source) {
        String text = source == null ? "" : source;
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<String> lines = new ArrayList<>(List.of(LINE_END.split(text, -1)));
        // A final line end does not start another line, just as in Python.
        if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        return new SourceText(lines);
    }

    public int lineCount() {
        return lines.size();
    }

    public boolean hasLine(int line) {
        return line >= 1 && line <= lines.size();
    }

    /** The text of a 1-based line, or "" outside the file. */
    public String line(int line) {
        return hasLine(line) ? lines.get(line - 1) : "";
    }

    /**
     * Whether the quote is on the source starting at {@code line}: each non-blank quoted line must occur in the
     * matching source line, ignoring all whitespace. An empty quote matches nowhere.
     */
    public boolean quoteMatchesAt(String quote, int line) {
        List<String> parts = quoteLines(quote);
        if (parts.isEmpty()) {
            return false;
        }
        if (matches(parts, line)) {
            return true;
        }
        List<String> unprefixed = new ArrayList<>(parts.size());
        for (String p : parts) {
            unprefixed.add(squeeze(LISTING_PREFIX.matcher(p).replaceFirst("")));
        }
        return !unprefixed.contains("") && matches(unprefixed, line);
    }

    /**
     * The line nearest to {@code line}, at most {@code radius} lines away and inside the file, where the quote
     * is; nearer lines first, the earlier one on a tie. {@code line} itself is not searched.
     */
    public OptionalInt findQuoteNear(String quote, int line, int radius) {
        for (int d = 1; d <= radius; d++) {
            for (int candidate : new int[] {line - d, line + d}) {
                if (hasLine(candidate) && quoteMatchesAt(quote, candidate)) {
                    return OptionalInt.of(candidate);
                }
            }
        }
        return OptionalInt.empty();
    }

    /** True when the quote holds any code at all. */
    public static boolean hasCode(String quote) {
        return !quoteLines(quote).isEmpty();
    }

    private boolean matches(List<String> parts, int line) {
        if (!hasLine(line) || line + parts.size() - 1 > lines.size()) {
            return false;
        }
        for (int i = 0; i < parts.size(); i++) {
            if (!squeezed.get(line - 1 + i).contains(parts.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static List<String> quoteLines(String quote) {
        List<String> parts = new ArrayList<>();
        if (quote == null) {
            return parts;
        }
        for (String raw : LINE_END.split(quote, -1)) {
            String s = squeeze(raw);
            if (!s.isEmpty()) {
                parts.add(s);
            }
        }
        return parts;
    }

    private static String squeeze(String s) {
        return WHITESPACE.matcher(s).replaceAll("");
    }
}
