package dev.aioskill.review;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The output formats of a review, by the names the CLI's {@code --format} takes. */
public enum ReviewFormat {
    MARKDOWN,
    JSON,
    SARIF,
    TEXT;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException naming the accepted formats */
    public static ReviewFormat fromId(String id) {
        String wanted = id == null ? "" : id.trim().toUpperCase(Locale.ROOT);
        for (ReviewFormat f : values()) {
            if (f.name().equals(wanted)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown review format '" + id + "'; use one of "
                + Arrays.stream(values()).map(ReviewFormat::id).collect(Collectors.joining(", ")));
    }

    /**
     * @param docs   rule documentation (SARIF rule metadata)
     * @param colour ANSI colour in the text format; set it only when stdout is a terminal
     */
    public ReviewRenderer renderer(RuleDocs docs, boolean colour) {
        return switch (this) {
            case MARKDOWN -> new MarkdownRenderer();
            case JSON -> new JsonRenderer();
            case SARIF -> new SarifRenderer(docs);
            case TEXT -> new TextRenderer(colour);
        };
    }
}
