package dev.aioskill.route;

import java.util.Objects;
import java.util.Optional;

/**
 * The classifier's decision.
 *
 * @param mode       what the request asks for
 * @param confidence how sure the classifier is, 0..1; a {@link FallbackClassifier} hands low values on
 * @param reason     the signals that fired, readable by a person ("review verb 'fix'; code: fenced block")
 * @param question   for {@link Mode#AMBIGUOUS} only: the one short question to ask the user; else null
 */
public record Classification(Mode mode, double confidence, String reason, String question) {

    public Classification {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(reason, "reason");
        if (Double.isNaN(confidence) || confidence < 0.0 || confidence > 1.0) {
            throw new IllegalArgumentException("confidence must be within 0..1, was " + confidence);
        }
        if (mode == Mode.AMBIGUOUS && (question == null || question.isBlank())) {
            throw new IllegalArgumentException("an ambiguous classification needs a clarifying question");
        }
        if (mode != Mode.AMBIGUOUS && question != null) {
            throw new IllegalArgumentException("only an ambiguous classification carries a question");
        }
    }

    /** A build or review decision. */
    public static Classification decided(Mode mode, double confidence, String reason) {
        return new Classification(mode, confidence, reason, null);
    }

    /** Not enough signal: ask the user one question instead of guessing. */
    public static Classification ambiguous(double confidence, String reason, String question) {
        return new Classification(Mode.AMBIGUOUS, confidence, reason, question);
    }

    /** The clarifying question, present only for {@link Mode#AMBIGUOUS}. */
    public Optional<String> clarifyingQuestion() {
        return Optional.ofNullable(question);
    }
}
