package dev.aioskill.review;

import dev.aioskill.check.Finding;
import dev.aioskill.check.RuleInfo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Holds a draft review to the source and to the checker. Every path (offline engine, recorded or live model)
 * sends its draft through here before anything is rendered:
 * <ol>
 *   <li>A draft finding at the same rule and line as a checker finding is taken as confirmed.</li>
 *   <li>Any other draft finding must point at a line of the file, and its quoted code (if it quotes any) must be
 *   on that line, whitespace ignored. If the quote is within {@value #SEARCH_RADIUS} lines instead, the finding
 *   moves there (repaired); a rule finding with no quote moves to that rule's checker finding within the same
 *   radius. Otherwise it is dropped.</li>
 *   <li>Findings at the same rule (or topic) and line merge: the richer text wins, checker facts win for rule,
 *   line, severity, category and chapter.</li>
 *   <li>Checker errors and warnings that the draft missed are added with origin {@link Origin#CHECKER};
 *   missed suggestions are left out, they are the reviewer's call.</li>
 *   <li>A draft finding naming a rule takes that rule's name, category and chapter from the catalog; a rule id
 *   the catalog does not list (when the catalog can list its rules) becomes a plain topic, so no invented id
 *   reaches SARIF.</li>
 *   <li>The result is sorted by the skill's section order, then line.</li>
 * </ol>
 * Every grounded finding's quote is the real text of its line. Stateless and thread-safe.
 */
public final class Grounding {

    /** How far (in lines) a quote or a rule is searched for around the line a draft named. */
    public static final int SEARCH_RADIUS = 3;

    private final RuleExplainer explainer;

    public Grounding(RuleExplainer explainer) {
        this.explainer = Objects.requireNonNull(explainer, "explainer");
    }

    public Grounding(RuleDocs docs) {
        this(new RuleExplainer(docs));
    }

    /**
     * Grounds a draft and names every finding's file {@code path}: a review covers one file, whatever file
     * name a model wrote.
     */
    public GroundedFindings ground(String path, SourceText source, List<ReviewFinding> draft, List<Finding> checker) {
        GroundedFindings grounded = ground(source, draft, checker);
        List<ReviewFinding> named = grounded.findings().stream()
                .map(f -> f.location().path().equals(path) ? f
                        : f.withLocation(new Location(path, f.location().startLine(), f.location().endLine(),
                                f.location().quote())))
                .toList();
        return new GroundedFindings(named, grounded.stats());
    }

    /**
     * @param source  the reviewed file's text
     * @param draft   the reviewer's findings (model output, or the offline engine's draft)
     * @param checker the checker's findings for the same file
     */
    public GroundedFindings ground(SourceText source, List<ReviewFinding> draft, List<Finding> checker) {
        Objects.requireNonNull(source, "source");
        List<ReviewFinding> drafts = draft == null ? List.of() : draft;
        List<Finding> facts = checker == null ? List.of() : checker;

        Map<String, Finding> checkerByKey = new LinkedHashMap<>();
        for (Finding f : facts) {
            checkerByKey.putIfAbsent(f.rule() + "@" + f.line(), f);
        }

        int repaired = 0;
        int dropped = 0;
        List<ReviewFinding> placed = new ArrayList<>();
        for (ReviewFinding f : drafts) {
            Placement p = place(withCatalogFacts(f), source, checkerByKey, facts);
            switch (p.outcome) {
                case KEPT -> placed.add(p.finding);
                case MOVED -> {
                    placed.add(p.finding);
                    repaired++;
                }
                case DROPPED -> dropped++;
            }
        }

        // Merge duplicates within the draft, keeping first-seen order so the result does not depend on hash order.
        Map<String, ReviewFinding> merged = new LinkedHashMap<>();
        int mergedCount = 0;
        for (ReviewFinding f : placed) {
            String key = key(f.key(), f.location().startLine());
            ReviewFinding earlier = merged.get(key);
            if (earlier == null) {
                merged.put(key, f);
            } else {
                merged.put(key, merge(earlier, f));
                mergedCount++;
            }
        }

        // Checker facts: confirm what the draft has, add the errors and warnings it missed.
        int added = 0;
        Set<String> seen = new HashSet<>();
        for (Finding c : facts) {
            String key = key(c.rule(), c.line());
            if (!seen.add(key)) {
                continue;
            }
            ReviewFinding fromChecker = explainer.explain(c, source, Origin.CHECKER);
            ReviewFinding inDraft = merged.get(key);
            if (inDraft != null) {
                merged.put(key, preferChecker(fromChecker, inDraft));
            } else if (c.severity().mustReport()) {
                merged.put(key, fromChecker);
                added++;
            }
        }

        List<ReviewFinding> result = new ArrayList<>(merged.values());
        result.sort(ReviewFinding.REVIEW_ORDER);
        return new GroundedFindings(result,
                new GroundingStats(drafts.size(), repaired, dropped, mergedCount, added));
    }

    private ReviewFinding withCatalogFacts(ReviewFinding f) {
        if (f.rule() == null || f.origin() == Origin.CHECKER) {
            return f;
        }
        RuleDocs docs = explainer.docs();
        Optional<RuleInfo> info = docs.find(f.rule());
        if (info.isPresent()) {
            RuleInfo r = info.get();
            return new ReviewFinding(r.id(), r.name(), r.category(), r.chapter(), f.severity(), f.location(),
                    f.problem(), f.fix(), f.snippet(), f.origin());
        }
        boolean catalogListsRules = !docs.all().isEmpty();
        if (catalogListsRules) {
            return new ReviewFinding(null, f.title().equals(f.rule()) ? "unlisted rule " + f.rule() : f.title(),
                    f.category(), f.chapter(), f.severity(), f.location(), f.problem(), f.fix(), f.snippet(),
                    f.origin());
        }
        return f;
    }

    private enum Outcome { KEPT, MOVED, DROPPED }

    private record Placement(Outcome outcome, ReviewFinding finding) {}

    private static Placement place(ReviewFinding f, SourceText source, Map<String, Finding> checkerByKey,
            List<Finding> facts) {
        int line = f.location().startLine();
        String quote = f.location().quote();
        // The checker's own line is a fact even where it is past the last line (a syntax error at end of file).
        if (f.rule() != null && checkerByKey.containsKey(key(f.rule(), line))) {
            return new Placement(Outcome.KEPT, at(f, line, source));
        }
        if (SourceText.hasCode(quote)) {
            if (source.quoteMatchesAt(quote, line)) {
                return new Placement(Outcome.KEPT, at(f, line, source));
            }
            OptionalInt near = source.findQuoteNear(quote, line, SEARCH_RADIUS);
            return near.isPresent()
                    ? new Placement(Outcome.MOVED, at(f, near.getAsInt(), source))
                    : new Placement(Outcome.DROPPED, f);
        }
        if (f.rule() != null) {
            OptionalInt ruleLine = nearestCheckerLine(f.rule(), line, facts);
            if (ruleLine.isPresent() && source.hasLine(ruleLine.getAsInt())) {
                return new Placement(Outcome.MOVED, at(f, ruleLine.getAsInt(), source));
            }
        }
        return source.hasLine(line) ? new Placement(Outcome.KEPT, at(f, line, source)) : new Placement(Outcome.DROPPED, f);
    }

    private static OptionalInt nearestCheckerLine(String rule, int line, List<Finding> facts) {
        return facts.stream()
                .filter(c -> rule.equals(c.rule()) && Math.abs(c.line() - line) <= SEARCH_RADIUS)
                .min(Comparator.comparingInt((Finding c) -> Math.abs(c.line() - line)).thenComparingInt(Finding::line))
                .map(c -> OptionalInt.of(c.line()))
                .orElse(OptionalInt.empty());
    }

    private static ReviewFinding at(ReviewFinding f, int line, SourceText source) {
        return f.withLocation(f.location().movedTo(line, Math.max(line, source.lineCount()), source.line(line).strip()));
    }

    private static String key(String ruleOrTopic, int line) {
        return ruleOrTopic + "@" + line;
    }

    /** Two draft findings at one rule (or topic) and line: richer text, the graver severity, first one's facts. */
    private static ReviewFinding merge(ReviewFinding a, ReviewFinding b) {
        ReviewFinding graver = b.severity().compareTo(a.severity()) < 0 ? b : a;
        return new ReviewFinding(a.rule(), a.title(), a.category(), a.chapter(), graver.severity(),
                a.location().lineCount() >= b.location().lineCount() ? a.location() : b.location(),
                richer(a.problem(), b.problem()), richer(a.fix(), b.fix()), richer(a.snippet(), b.snippet()),
                a.origin() == Origin.CHECKER || b.origin() == Origin.CHECKER ? Origin.CHECKER : a.origin());
    }

    /** The draft's text where it says more, the checker's facts always; the draft keeps its origin. */
    private static ReviewFinding preferChecker(ReviewFinding checker, ReviewFinding draft) {
        return new ReviewFinding(checker.rule(), checker.title(), checker.category(), checker.chapter(),
                checker.severity(), checker.location(), richer(draft.problem(), checker.problem()),
                richer(draft.fix(), checker.fix()), richer(draft.snippet(), checker.snippet()), draft.origin());
    }

    private static String richer(String a, String b) {
        if (a == null || a.isBlank()) {
            return b;
        }
        if (b == null || b.isBlank()) {
            return a;
        }
        return b.strip().length() > a.strip().length() ? b : a;
    }
}
