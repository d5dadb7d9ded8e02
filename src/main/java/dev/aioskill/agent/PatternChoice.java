package dev.aioskill.agent;

import java.util.List;
import java.util.Optional;

/**
 * What {@link PatternSelector} picked for a build request.
 *
 * @param primary      the best-fitting pattern, or {@code null} when nothing fits
 * @param secondary    further patterns the request also asks for, each with the sentence saying how it
 *                     combines with the primary; best first, at most {@link PatternSelector#MAX_SECONDARY}
 * @param score        the primary's score (0 when nothing fits)
 * @param matchedWords the request's words that selected the primary, as the user wrote them
 * @param reason       one or two human sentences: what was chosen and because of which words, or
 *                     that nothing fits and which patterns exist
 * @param available    every pattern in the library, in index order, so an answer can list them
 */
public record PatternChoice(
        BuildPattern primary,
        List<Combination> secondary,
        int score,
        List<String> matchedWords,
        String reason,
        List<BuildPattern> available) {

    public PatternChoice {
        secondary = List.copyOf(secondary);
        matchedWords = List.copyOf(matchedWords);
        available = List.copyOf(available);
    }

    /** True when a pattern fits the request. */
    public boolean matched() {
        return primary != null;
    }

    /** The primary pattern, if any. */
    public Optional<BuildPattern> primaryPattern() {
        return Optional.ofNullable(primary);
    }

    /** Ids of the secondary patterns, best first. */
    public List<String> secondaryIds() {
        return secondary.stream().map(c -> c.pattern().id()).toList();
    }

    /**
     * A pattern to use together with the primary.
     *
     * @param pattern        the secondary pattern
     * @param score          its score for the request
     * @param matchedWords   the request's words that selected it
     * @param howTheyCombine the primary's {@code combines_with} sentence for it
     */
    public record Combination(BuildPattern pattern, int score, List<String> matchedWords, String howTheyCombine) {
        public Combination {
            matchedWords = List.copyOf(matchedWords);
        }
    }
}
