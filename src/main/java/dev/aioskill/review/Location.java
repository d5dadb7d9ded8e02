package dev.aioskill.review;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Where a finding points: a file, a 1-based inclusive line range and the quoted source. After grounding the
 * quote is always the real text of {@code startLine} (trimmed), so a rendered review never shows code that is
 * not in the file.
 *
 * @param path      the file as the user named it ({@code -} or {@code <stdin>} for standard input)
 * @param startLine first line, 1-based
 * @param endLine   last line, inclusive, never before {@code startLine}
 * @param quote     the quoted source line; may be empty in a draft, never null
 */
public record Location(
        @JsonProperty("path") String path,
        @JsonProperty("start_line") int startLine,
        @JsonProperty("end_line") int endLine,
        @JsonProperty("quote") String quote) {

    public Location {
        path = path == null ? "" : path;
        quote = quote == null ? "" : quote;
        if (endLine < startLine) {
            endLine = startLine;
        }
    }

    /** A one-line location with no quote yet (drafts; grounding fills the quote in). */
    public static Location at(String path, int line) {
        return new Location(path, line, line, "");
    }

    /** The same span moved so it starts at {@code line}; the quote is replaced. */
    Location movedTo(int line, int lastLineOfFile, String realQuote) {
        int span = endLine - startLine;
        return new Location(path, line, Math.min(lastLineOfFile, line + span), realQuote);
    }

    /** How many lines the span covers (at least one). */
    public int lineCount() {
        return endLine - startLine + 1;
    }

    /** {@code path:12} or {@code path:12-14}. */
    public String display() {
        return path + ":" + (endLine > startLine ? startLine + "-" + endLine : String.valueOf(startLine));
    }

    /** Longest quote shown to a person; the record keeps the whole line for grounding. */
    static final int SHOWN_QUOTE_CHARS = 160;

    /** The quote as renderers show it: control characters and undecodable bytes as '?', cut after 160 chars. */
    public String shownQuote() {
        return forDisplay(quote);
    }

    /** A source line made safe for a terminal or a document (binary input, minified code). */
    public static String forDisplay(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), SHOWN_QUOTE_CHARS + 1));
        for (int i = 0; i < text.length() && out.length() < SHOWN_QUOTE_CHARS; i++) {
            char c = text.charAt(i);
            out.append(c == '\t' ? ' ' : Character.isISOControl(c) || c == '\uFFFD' ? '?' : c);
        }
        if (text.length() > SHOWN_QUOTE_CHARS) {
            out.append('…');
        }
        return out.toString();
    }
}
