package dev.aioskill.review;

import dev.aioskill.check.Category;
import dev.aioskill.check.Severity;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A review for a terminal. ANSI colour only when asked: the CLI passes {@code colour = true} when
 * {@code System.console()} is a terminal, so pipes and files get plain text.
 */
public final class TextRenderer implements ReviewRenderer {

    private static final String RESET = "\u001B[0m";
    private static final String BOLD = "\u001B[1m";
    private static final String DIM = "\u001B[2m";
    private static final String RED = "\u001B[31m";
    private static final String YELLOW = "\u001B[33m";
    private static final String CYAN = "\u001B[36m";

    private final boolean colour;

    public TextRenderer(boolean colour) {
        this.colour = colour;
    }

    public boolean colour() {
        return colour;
    }

    @Override
    public String render(Review review) {
        StringBuilder out = new StringBuilder();
        out.append(paint(BOLD, "Review of " + review.path())).append('\n');
        out.append(paint(DIM, review.engineLine())).append('\n');
        if (!review.groundingLine().isEmpty()) {
            out.append(paint(DIM, review.groundingLine())).append('\n');
        }
        out.append('\n');
        out.append(paint(BOLD, "Summary")).append('\n');
        out.append("  ").append(review.summary().replace("\n", "\n  ")).append('\n');

        for (Map.Entry<Category, List<ReviewFinding>> section : review.findingsByCategory().entrySet()) {
            String heading = section.getKey() == Category.SYNTAX ? "Syntax" : section.getKey().title() + " Issues";
            out.append('\n').append(paint(BOLD, heading)).append('\n');
            for (ReviewFinding f : section.getValue()) {
                appendIssue(out, f);
            }
        }

        if (!review.recommendations().isEmpty()) {
            out.append('\n').append(paint(BOLD, "Recommendations")).append('\n');
            for (Recommendation r : review.recommendations()) {
                out.append("  ").append(r.priority()).append(". ").append(r.text());
                if (!r.chapter().isEmpty()) {
                    out.append(" (").append(r.chapter()).append(')');
                }
                out.append('\n');
            }
        }
        return out.toString();
    }

    @Override
    public String renderAll(List<Review> reviews) {
        return reviews.stream().map(this::render).collect(Collectors.joining("\n"));
    }

    private void appendIssue(StringBuilder out, ReviewFinding f) {
        out.append("  ").append(f.location().display()).append("  ")
                .append(paint(severityColour(f.severity()), f.severity().id())).append("  ")
                .append(f.label()).append("  ").append(paint(DIM, "[" + f.chapter() + "]")).append('\n');
        if (!f.location().quote().isEmpty()) {
            out.append("    ").append(paint(DIM, f.location().startLine() + " | ")).append(f.location().shownQuote()).append('\n');
        }
        out.append("    Problem: ").append(f.problem()).append('\n');
        out.append("    Fix: ").append(f.fix()).append('\n');
        if (f.hasSnippet()) {
            for (String line : f.snippet().split("\n", -1)) {
                out.append("      ").append(paint(CYAN, line)).append('\n');
            }
        }
    }

    private static String severityColour(Severity severity) {
        return switch (severity) {
            case ERROR -> RED;
            case WARNING -> YELLOW;
            case SUGGESTION -> CYAN;
        };
    }

    private String paint(String code, String text) {
        return colour && !text.isEmpty() ? code + text + RESET : text;
    }
}
