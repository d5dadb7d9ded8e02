package dev.aioskill.route;

import java.util.Objects;

/**
 * Asks a primary classifier (the cheap rules) first and calls the secondary one (later: an LLM) only when
 * the primary's confidence is below the threshold, so most requests never cost a model call.
 */
public final class FallbackClassifier implements ModeClassifier {

    private final ModeClassifier primary;
    private final ModeClassifier secondary;
    private final double threshold;

    /**
     * @param threshold confidence in 0..1 at or above which the primary's answer is kept
     */
    public FallbackClassifier(ModeClassifier primary, ModeClassifier secondary, double threshold) {
        this.primary = Objects.requireNonNull(primary, "primary");
        this.secondary = Objects.requireNonNull(secondary, "secondary");
        if (Double.isNaN(threshold) || threshold < 0.0 || threshold > 1.0) {
            throw new IllegalArgumentException("threshold must be within 0..1, was " + threshold);
        }
        this.threshold = threshold;
    }

    @Override
    public Classification classify(Request request) {
        Classification first = primary.classify(request);
        if (first.confidence() >= threshold) {
            return first;
        }
        Classification second = secondary.classify(request);
        String reason = String.format(java.util.Locale.ROOT,
                "rules unsure (%.2f < %.2f: %s); decided by fallback: %s",
                first.confidence(), threshold, first.reason(), second.reason());
        return new Classification(second.mode(), second.confidence(), reason, second.question());
    }

    public double threshold() {
        return threshold;
    }
}
