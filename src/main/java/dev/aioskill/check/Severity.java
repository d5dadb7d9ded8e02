package dev.aioskill.check;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How serious a finding is; the checker writes these in lower case. */
public enum Severity {
    ERROR,
    WARNING,
    SUGGESTION;

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Severity fromId(String id) {
        return valueOf(id.trim().toUpperCase(Locale.ROOT));
    }

    /** Errors and warnings are the ones a review must never miss. */
    public boolean mustReport() {
        return this != SUGGESTION;
    }
}
