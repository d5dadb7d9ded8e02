package dev.aioskill.review;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.List;

/**
 * The review record as JSON with stable snake_case keys (the names on the records' components), and the
 * reader for it. One review is an object; {@link #renderAll} writes an array.
 */
public final class JsonRenderer implements ReviewRenderer {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    @Override
    public String render(Review review) {
        return write(review);
    }

    @Override
    public String renderAll(List<Review> reviews) {
        return write(reviews);
    }

    /** Reads a review written by {@link #render}; unknown keys (from newer versions) are ignored. */
    public static Review read(String json) {
        try {
            return MAPPER.readValue(json, Review.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a review in aioskill's JSON format: " + e.getOriginalMessage(), e);
        }
    }

    private static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value) + "\n";
        } catch (JsonProcessingException e) {
            // Only our own records reach here; failing to write them is a programming error.
            throw new IllegalStateException("could not write review JSON", e);
        }
    }
}
