package dev.aioskill.route;

import java.util.Objects;

/**
 * A user's request as the classifier sees it: the text, and whether a file came with it (an upload in
 * Slack, a path on the command line). Code pasted into the text is found by the classifier itself.
 */
public record Request(String text, boolean hasAttachment) {

    public Request {
        Objects.requireNonNull(text, "text");
    }

    /** A request made of text alone. */
    public static Request of(String text) {
        return new Request(text, false);
    }

    /** A request with a file attached (the file's content is not needed to pick the mode). */
    public static Request withAttachment(String text) {
        return new Request(text, true);
    }
}
