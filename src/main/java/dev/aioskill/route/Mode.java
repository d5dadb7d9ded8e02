package dev.aioskill.route;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What a request asks for: new code (or an explanation), a review of existing code, or not clear yet. */
public enum Mode {
    BUILD("build"),
    REVIEW("review"),
    AMBIGUOUS("ambiguous");

    private final String id;

    Mode(String id) {
        this.id = id;
    }

    /** The lower-case id used in JSON, labelled eval files and the CLI. */
    @JsonValue
    public String id() {
        return id;
    }

    /** The mode for a JSON id such as {@code "review"}; case-insensitive. */
    @JsonCreator
    public static Mode fromId(String id) {
        if (id != null) {
            String wanted = id.trim().toLowerCase(Locale.ROOT);
            for (Mode mode : values()) {
                if (mode.id.equals(wanted)) {
                    return mode;
                }
            }
        }
        throw new IllegalArgumentException("Unknown mode '" + id + "'; expected build, review or ambiguous");
    }
}
