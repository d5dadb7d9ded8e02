package dev.aioskill.review;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.aioskill.check.Category;
import dev.aioskill.check.Severity;
import java.util.Comparator;
import java.util.Locale;
import java.util.Objects;

/**
 * One issue of a review, in the shape the skill's Review Output Format asks for (Topic, Location, Problem,
 * Fix).
 *
 * @param rule     checker rule id such as {@code AIO100}; null for a topic a model raised that no rule covers
 * @param title    the concept: the rule's name ({@code blocking-sleep}) or the model's topic
 * @param category the review section it belongs to
 * @param chapter  the book chapter, e.g. {@code Ch 2-3}
 * @param severity how serious it is
 * @param location file, line range and quoted source line
 * @param problem  what is wrong, specific to this code
 * @param fix      what to change, in prose
 * @param snippet  corrected Python code, or null when there is none
 * @param origin   who reported it
 */
public record ReviewFinding(
        @JsonProperty("rule") String rule,
        @JsonProperty("title") String title,
        @JsonProperty("category") Category category,
        @JsonProperty("chapter") String chapter,
        @JsonProperty("severity") Severity severity,
        @JsonProperty("location") Location location,
        @JsonProperty("problem") String problem,
        @JsonProperty("fix") String fix,
        @JsonProperty("snippet") String snippet,
        @JsonProperty("origin") Origin origin) {

    /** Most serious first: severity, then the most lines touched, then the earliest line. */
    public static final Comparator<ReviewFinding> IMPORTANCE = Comparator
            .comparing(ReviewFinding::severity)
            .thenComparing(Comparator.comparingInt((ReviewFinding f) -> f.location().lineCount()).reversed())
            .thenComparingInt(f -> f.location().startLine())
            .thenComparing(ReviewFinding::key);

    /** The order findings are shown in: the skill's section order, then line, then rule or topic. */
    public static final Comparator<ReviewFinding> REVIEW_ORDER = Comparator
            .comparing(ReviewFinding::category)
            .thenComparingInt(f -> f.location().startLine())
            .thenComparing(ReviewFinding::key);

    public ReviewFinding {
        Objects.requireNonNull(category, "a review finding needs a category");
        Objects.requireNonNull(severity, "a review finding needs a severity");
        Objects.requireNonNull(location, "a review finding needs a location");
        Objects.requireNonNull(origin, "a review finding needs an origin");
        rule = rule == null || rule.isBlank() ? null : rule.trim();
        title = title == null || title.isBlank() ? (rule == null ? "unnamed topic" : rule) : title.trim();
        chapter = chapter == null || chapter.isBlank() ? category.chapters() : chapter.trim();
        problem = problem == null ? "" : problem.strip();
        fix = fix == null ? "" : fix.strip();
        snippet = snippet == null || snippet.isBlank() ? null : snippet.stripTrailing();
    }

    /** True when a corrected code snippet comes with the fix. */
    public boolean hasSnippet() {
        return snippet != null;
    }

    /** The rule id, or for a model topic its lower-cased title: what duplicates are recognised by. */
    @JsonIgnore
    public String key() {
        return rule != null ? rule : "topic:" + title.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
    }

    /** {@code blocking-sleep (AIO100)}, or the bare topic for a model topic. */
    @JsonIgnore
    public String label() {
        return rule == null ? title : title + " (" + rule + ")";
    }

    /** The skill's "Topic: chapter and concept", e.g. {@code Ch 2-3, Blocking & Performance: blocking-sleep (AIO100)}. */
    @JsonIgnore
    public String topic() {
        return chapter + ", " + category.title() + ": " + label();
    }

    ReviewFinding withLocation(Location newLocation) {
        return new ReviewFinding(rule, title, category, chapter, severity, newLocation, problem, fix, snippet, origin);
    }
}
