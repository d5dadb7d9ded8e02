package dev.aioskill.review;

import dev.aioskill.check.Category;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The skill's Review Output Format (references/SKILL.md): {@code ## Summary}, then one
 * {@code ## <Section> Issues} heading per review section that has issues, in the skill's order, each issue as
 * Topic, Location, Problem and Fix (with a fenced python snippet when there is one), then
 * {@code ## Recommendations}, numbered. A file that does not parse is reported in the summary alone (the
 * format has no section for it); a review with no recommendations has no Recommendations heading.
 */
public final class MarkdownRenderer implements ReviewRenderer {

    @Override
    public String render(Review review) {
        StringBuilder md = new StringBuilder();
        md.append("## Summary\n\n");
        md.append('_').append(review.engineLine()).append("_\n\n");
        if (!review.groundingLine().isEmpty()) {
            md.append('_').append(review.groundingLine()).append("_\n\n");
        }
        md.append(review.summary()).append('\n');

        for (Map.Entry<Category, List<ReviewFinding>> section : review.findingsByCategory().entrySet()) {
            if (section.getKey() == Category.SYNTAX) {
                continue;
            }
            md.append("\n## ").append(section.getKey().title()).append(" Issues\n");
            for (ReviewFinding f : section.getValue()) {
                md.append('\n');
                appendIssue(md, f, !review.isOffline());
            }
        }

        if (!review.recommendations().isEmpty()) {
            md.append("\n## Recommendations\n\n");
            for (Recommendation r : review.recommendations()) {
                md.append(r.priority()).append(". ").append(indentContinuation(r.text(), "   "));
                if (!r.chapter().isEmpty()) {
                    md.append(" (").append(r.chapter()).append(')');
                }
                md.append('\n');
            }
        }
        return md.toString();
    }

    @Override
    public String renderAll(List<Review> reviews) {
        if (reviews.size() == 1) {
            return render(reviews.get(0));
        }
        return reviews.stream()
                .map(r -> "# Review of " + r.path() + "\n\n" + render(r))
                .collect(Collectors.joining("\n"));
    }

    private static void appendIssue(StringBuilder md, ReviewFinding f, boolean markCheckerAdditions) {
        md.append("- **Topic**: ").append(f.chapter()).append(", ").append(f.label())
                .append(", ").append(f.severity().id());
        if (markCheckerAdditions && f.origin() == Origin.CHECKER) {
            md.append(" (added from the checker)");
        }
        md.append('\n');
        md.append("- **Location**: ").append(code(f.location().display()));
        if (!f.location().quote().isEmpty()) {
            md.append(": ").append(code(f.location().shownQuote()));
        }
        md.append('\n');
        md.append("- **Problem**: ").append(indentContinuation(f.problem(), "  ")).append('\n');
        md.append("- **Fix**: ").append(indentContinuation(f.fix(), "  ")).append('\n');
        if (f.hasSnippet()) {
            String fence = fenceFor(f.snippet());
            md.append('\n').append("  ").append(fence).append("python\n");
            for (String line : f.snippet().split("\n", -1)) {
                md.append(line.isEmpty() ? "" : "  " + line).append('\n');
            }
            md.append("  ").append(fence).append('\n');
        }
    }

    /** Inline code that survives backticks inside it (CommonMark: a longer backtick run as delimiter). */
    static String code(String text) {
        int longest = longestRun(text, '`');
        String ticks = "`".repeat(longest + 1);
        String pad = text.startsWith("`") || text.endsWith("`") ? " " : "";
        return ticks + pad + text + pad + ticks;
    }

    private static String fenceFor(String snippet) {
        return "`".repeat(Math.max(3, longestRun(snippet, '`') + 1));
    }

    private static int longestRun(String text, char c) {
        int best = 0;
        int run = 0;
        for (int i = 0; i < text.length(); i++) {
            run = text.charAt(i) == c ? run + 1 : 0;
            best = Math.max(best, run);
        }
        return best;
    }

    private static String indentContinuation(String text, String indent) {
        return text.replace("\n", "\n" + indent);
    }
}
