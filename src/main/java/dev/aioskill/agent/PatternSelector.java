package dev.aioskill.agent;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Picks the build pattern(s) for a request by deterministic keyword scoring; no model involved.
 *
 * <h2>Scoring</h2>
 * The request and every keyword phrase of a pattern ({@code pattern.json} {@code keywords}) are split
 * into words and stemmed the same way ({@link RequestWords}: lower case, runs of letters, digits,
 * {@code _} and {@code *}; one suffix stripped, so "retries", "retrying" and "retry" are equal).
 * A phrase matches when its stems occur as consecutive words of the request. Phrases with equal stems
 * count once per pattern. Each matching
 * <ul>
 *   <li>primary phrase scores {@value #PRIMARY_WEIGHT} plus 1 per extra word (a longer phrase is
 *       more specific: "exponential backoff" scores 4, "backoff" 3);</li>
 *   <li>secondary phrase scores {@value #SECONDARY_WEIGHT};</li>
 *   <li>negative phrase scores {@value #NEGATIVE_WEIGHT}.</li>
 * </ul>
 * A pattern is a candidate when at least one primary phrase matched and its score is at least
 * {@value #MIN_SCORE}. Candidates are ranked by score, then by number of primary matches, then by
 * index order, so the result is the same for the same request every time. The best candidate is the
 * primary; up to {@value #MAX_SECONDARY} further candidates become secondary patterns if either
 * pattern's {@code combines_with} names the other (the primary's sentence is preferred). With no
 * candidate the choice is empty and lists every pattern.
 */
public final class PatternSelector {

    static final int PRIMARY_WEIGHT = 3;
    static final int SECONDARY_WEIGHT = 1;
    static final int NEGATIVE_WEIGHT = -2;
    static final int MIN_SCORE = 3;
    /** Most secondary patterns in one choice: an answer that combines more stops being focused. */
    public static final int MAX_SECONDARY = 2;

    private final PatternLibrary library;

    public PatternSelector(PatternLibrary library) {
        this.library = Objects.requireNonNull(library, "library");
    }

    /** Chooses the pattern(s) for {@code request}; never null, never throws for any text. */
    public PatternChoice select(String request) {
        RequestWords words = RequestWords.of(request == null ? "" : request);
        List<BuildPattern> all = library.all();
        List<Scored> candidates = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            Scored scored = score(all.get(i), i, words);
            if (scored.primaryHits > 0 && scored.score >= MIN_SCORE) {
                candidates.add(scored);
            }
        }
        if (candidates.isEmpty()) {
            return new PatternChoice(null, List.of(), 0, List.of(), noMatchReason(all), all);
        }
        candidates.sort(Comparator.comparingInt((Scored s) -> -s.score)
                .thenComparingInt(s -> -s.primaryHits)
                .thenComparingInt(s -> s.order));
        Scored best = candidates.get(0);
        List<PatternChoice.Combination> secondary = new ArrayList<>();
        for (Scored other : candidates.subList(1, candidates.size())) {
            if (secondary.size() == MAX_SECONDARY) {
                break;
            }
            String how = best.pattern.combinesWith().get(other.pattern.id());
            if (how == null) {
                how = other.pattern.combinesWith().get(best.pattern.id());
            }
            if (how != null) {
                secondary.add(new PatternChoice.Combination(other.pattern, other.score, other.matched, how));
            }
        }
        return new PatternChoice(best.pattern, secondary, best.score, best.matched, reason(best, secondary), all);
    }

    private static Scored score(BuildPattern pattern, int order, RequestWords words) {
        Scored scored = new Scored(pattern, order);
        Set<List<String>> seen = new HashSet<>();
        BuildPattern.Keywords keywords = pattern.keywords();
        for (String phrase : keywords.primary()) {
            int hitLength = match(words, phrase, seen, scored.matched);
            if (hitLength > 0) {
                scored.score += PRIMARY_WEIGHT + (hitLength - 1);
                scored.primaryHits++;
            }
        }
        for (String phrase : keywords.secondary()) {
            if (match(words, phrase, seen, scored.matched) > 0) {
                scored.score += SECONDARY_WEIGHT;
            }
        }
        for (String phrase : keywords.negative()) {
            if (match(words, phrase, seen, scored.negatives) > 0) {
                scored.score += NEGATIVE_WEIGHT;
            }
        }
        scored.matched = dropContained(scored.matched);
        return scored;
    }

    /** Length in words of the match of {@code phrase} in {@code words}, or 0; records the user's words. */
    private static int match(RequestWords words, String phrase, Set<List<String>> seen, List<String> matched) {
        RequestWords keyword = RequestWords.of(phrase);
        if (keyword.isEmpty() || !seen.add(keyword.stems())) {
            return 0;
        }
        int at = words.find(keyword);
        if (at < 0) {
            return 0;
        }
        matched.add(words.original(at, at + keyword.size()));
        return keyword.size();
    }

    /** "exponential backoff" already says "backoff": keep the reason short. */
    private static List<String> dropContained(List<String> matched) {
        Set<String> unique = new LinkedHashSet<>(matched);
        List<String> kept = new ArrayList<>();
        for (String word : unique) {
            boolean inLonger = unique.stream()
                    .anyMatch(other -> other.length() > word.length() && (" " + other + " ").contains(" " + word + " "));
            if (!inLonger) {
                kept.add(word);
            }
        }
        return kept;
    }

    private static String reason(Scored best, List<PatternChoice.Combination> secondary) {
        StringBuilder text = new StringBuilder();
        text.append("Chose ").append(best.pattern.id()).append(" (").append(best.pattern.title())
                .append("; score ").append(best.score).append(") because the request mentions ")
                .append(quoted(best.matched));
        if (!best.negatives.isEmpty()) {
            text.append(" (counted against it: ").append(quoted(best.negatives)).append(')');
        }
        text.append('.');
        for (PatternChoice.Combination combination : secondary) {
            text.append(" Combined with ").append(combination.pattern().id()).append(" (score ")
                    .append(combination.score()).append(", for ").append(quoted(combination.matchedWords()))
                    .append("): ").append(combination.howTheyCombine());
        }
        return text.toString();
    }

    private static String noMatchReason(List<BuildPattern> all) {
        return "No build pattern fits this request; the offline engine has: "
                + all.stream().map(p -> p.id() + " (" + p.title() + ")").collect(Collectors.joining(", ")) + ".";
    }

    private static String quoted(List<String> words) {
        return words.stream().map(w -> "\"" + w + "\"").collect(Collectors.joining(", "));
    }

    /** Working state while scoring one pattern. */
    private static final class Scored {
        final BuildPattern pattern;
        final int order;
        int score;
        int primaryHits;
        List<String> matched = new ArrayList<>();
        final List<String> negatives = new ArrayList<>();

        Scored(BuildPattern pattern, int order) {
            this.pattern = pattern;
            this.order = order;
        }
    }
}
