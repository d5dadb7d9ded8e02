package dev.aioskill.route;

/**
 * Decides whether a request asks to build, to review, or is not clear yet. Implementations must accept
 * any text, including empty text, and never throw for content.
 */
@FunctionalInterface
public interface ModeClassifier {

    Classification classify(Request request);

    /** Classifies text that came without an attached file. */
    default Classification classify(String text) {
        return classify(Request.of(text));
    }
}
