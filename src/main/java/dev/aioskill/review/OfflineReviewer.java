package dev.aioskill.review;

import dev.aioskill.check.Category;
import dev.aioskill.check.Finding;
import dev.aioskill.check.RuleInfo;
import dev.aioskill.check.Severity;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The offline engine's reviewer: a complete, deterministic {@link Review} from the checker's findings and the
 * rule catalog, with no model. Its draft is the checker's findings explained with each rule's "why", fix and
 * corrected code; the draft goes through {@link Grounding} like a model's would. Stateless and thread-safe.
 */
public final class OfflineReviewer {

    private final RuleExplainer explainer;
    private final Grounding grounding;

    public OfflineReviewer(RuleDocs docs) {
        this.explainer = new RuleExplainer(Objects.requireNonNull(docs, "rule docs"));
        this.grounding = new Grounding(explainer);
    }

    /**
     * @param path     the file as the user named it (shown in the review)
     * @param source   its text
     * @param findings what the checker reported for it
     */
    public Review review(String path, String source, List<Finding> findings) {
        SourceText text = SourceText.of(source);
        List<Finding> facts = findings == null ? List.of() : findings;
        Optional<Finding> syntaxError = facts.stream().filter(f -> f.category() == Category.SYNTAX).findFirst();
        if (syntaxError.isPresent()) {
            return unparseable(path, text, syntaxError.get());
        }
        List<ReviewFinding> draft = new ArrayList<>();
        for (Finding f : facts) {
            draft.add(explainer.explain(f, text, Origin.CHECKER));
        }
        GroundedFindings grounded = grounding.ground(path, text, draft, facts);
        List<ReviewFinding> kept = grounded.findings();
        String summary = kept.isEmpty() ? cleanSummary(path, text) : summary(path, kept, facts);
        return Review.of(Review.OFFLINE_ENGINE, path, summary, kept, Recommendation.rankedFrom(kept), grounded.stats());
    }

    /** A file that does not parse gets only that fact: where, and what the parser said. */
    private Review unparseable(String path, SourceText text, Finding error) {
        GroundedFindings grounded = grounding.ground(path, text,
                List.of(explainer.explain(error, text, Origin.CHECKER)), List.of(error));
        String quoted = Location.forDisplay(text.line(error.line()).strip());
        String summary = path + " could not be parsed: " + stripPeriod(error.message()) + " (line " + error.line()
                + ", column " + (error.col() + 1) + (quoted.isEmpty() ? "" : ": `" + quoted + "`")
                + "). Nothing else was checked; fix the syntax and review the file again.";
        return Review.of(Review.OFFLINE_ENGINE, path, summary, grounded.findings(), List.of(), grounded.stats());
    }

    private String cleanSummary(String path, SourceText text) {
        var rules = explainer.docs().all();
        Set<RuleFamily> families = EnumSet.noneOf(RuleFamily.class);
        rules.stream().map(RuleInfo::id).map(RuleFamily::of).flatMap(Optional::stream).forEach(families::add);
        if (families.isEmpty()) {
            families = EnumSet.allOf(RuleFamily.class);
        }
        String scanned = families.stream().map(RuleFamily::description).collect(Collectors.joining("; "));
        String count = rules.isEmpty() ? "its rules" : "its " + rules.size() + " rules";
        return "No issues found in " + path + " (" + text.lineCount() + (text.lineCount() == 1 ? " line" : " lines")
                + "). The AST checker ran " + count + " over the file, looking for " + scanned
                + ". Nothing was flagged, so there is nothing to fix.";
    }

    private static String summary(String path, List<ReviewFinding> kept, List<Finding> facts) {
        int n = kept.size();
        StringBuilder s = new StringBuilder();
        s.append(path).append(": ").append(n).append(n == 1 ? " issue" : " issues").append(" (")
                .append(severityCounts(kept)).append("), ");
        Map<Category, Long> byCategory = kept.stream()
                .collect(Collectors.groupingBy(ReviewFinding::category, () -> new EnumMap<>(Category.class),
                        Collectors.counting()));
        s.append(byCategory.entrySet().stream()
                .map(e -> e.getValue() + " in " + e.getKey().title())
                .collect(Collectors.joining(", "))).append(". ");

        ReviewFinding top = kept.stream().min(ReviewFinding.IMPORTANCE).orElseThrow();
        String message = facts.stream()
                .filter(f -> Objects.equals(f.rule(), top.rule()) && f.line() == top.location().startLine())
                .map(Finding::message)
                .findFirst()
                .orElse(top.problem());
        s.append("The most important problem is ").append(top.label()).append(" at line ")
                .append(top.location().startLine());
        if (!top.location().quote().isEmpty()) {
            s.append(" (`").append(top.location().shownQuote()).append("`)");
        }
        s.append(": ").append(stripPeriod(message)).append(" (").append(top.chapter()).append(").");
        return s.toString();
    }

    private static String severityCounts(List<ReviewFinding> findings) {
        List<String> parts = new ArrayList<>();
        for (Severity sev : Severity.values()) {
            long c = findings.stream().filter(f -> f.severity() == sev).count();
            if (c > 0) {
                parts.add(c + " " + sev.id() + (c == 1 ? "" : "s"));
            }
        }
        return String.join(", ", parts);
    }

    private static String stripPeriod(String s) {
        String t = RuleExplainer.oneParagraph(s);
        return t.endsWith(".") ? t.substring(0, t.length() - 1) : t;
    }
}
