package dev.aioskill;

import dev.aioskill.agent.BuildAnswer;
import dev.aioskill.review.Review;
import dev.aioskill.route.Classification;

/** What {@link Aioskill#ask} answers: a review, a build, or one clarifying question. */
public sealed interface Answer permits Answer.Reviewed, Answer.Built, Answer.Clarify {

    /** How the request was routed, and why. */
    Classification routing();

    /** The text asked for a review and carried code. */
    record Reviewed(Classification routing, Review review) implements Answer {}

    /** The text asked for new code. */
    record Built(Classification routing, BuildAnswer answer) implements Answer {}

    /** The request could not be routed or lacked what it needs: one short question back. */
    record Clarify(Classification routing, String question) implements Answer {}
}
