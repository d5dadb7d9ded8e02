package dev.aioskill.check;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * The skill's review sections, in the order its Review Output Format lists them. {@link #SYNTAX}
 * holds only AIO000 (a file that cannot be parsed), which belongs to no review section.
 */
public enum Category {
    CONCURRENCY("Concurrency Model", "Ch 1-2"),
    TASKS("Coroutine & Task", "Ch 3"),
    RESOURCES("Resource Management", "Ch 3-4"),
    LIFECYCLE("Shutdown & Lifecycle", "Ch 3"),
    BLOCKING("Blocking & Performance", "Ch 2-3"),
    LIBRARY("Library Usage", "Ch 4"),
    SYNTAX("Syntax", "-");

    private final String title;
    private final String chapters;

    Category(String title, String chapters) {
        this.title = title;
        this.chapters = chapters;
    }

    /** The section title without the word "Issues", e.g. {@code Coroutine & Task}. */
    public String title() {
        return title;
    }

    /** The chapters the skill's review format names for this section. */
    public String chapters() {
        return chapters;
    }

    @JsonValue
    public String id() {
        return name();
    }

    @JsonCreator
    public static Category fromId(String id) {
        return valueOf(id.trim().toUpperCase(Locale.ROOT));
    }
}
