package dev.aioskill.review;

import java.util.List;

/** Turns reviews into one output format. Implementations are immutable and thread-safe. */
public interface ReviewRenderer {

    String render(Review review);

    /** Several files' reviews as one document (a directory review); one review renders as {@link #render}. */
    String renderAll(List<Review> reviews);
}
