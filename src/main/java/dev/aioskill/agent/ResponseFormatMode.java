package dev.aioskill.agent;

import dev.aioskill.config.ConfigurationException;
import java.util.Locale;
import java.util.Optional;

/**
 * How a structured answer is asked for, strongest first. A server that answers 400 to one rung is asked
 * again one rung lower: some OpenAI-compatible servers know {@code json_object} but not {@code json_schema},
 * and a few know neither.
 */
public enum ResponseFormatMode {
    /** {@code response_format: json_schema} with the target type's schema. */
    JSON_SCHEMA("json_schema"),
    /** {@code response_format: json_object}; the schema travels in the prompt. */
    JSON_OBJECT("json_object"),
    /** No response format; the prompt asks for JSON and the answer is parsed leniently. */
    TEXT("text");

    private final String id;

    ResponseFormatMode(String id) {
        this.id = id;
    }

    /** The setting's spelling ({@code json_schema}, {@code json_object}, {@code text}). */
    public String id() {
        return id;
    }

    /** The next weaker rung, empty below {@link #TEXT}. */
    public Optional<ResponseFormatMode> weaker() {
        return switch (this) {
            case JSON_SCHEMA -> Optional.of(JSON_OBJECT);
            case JSON_OBJECT -> Optional.of(TEXT);
            case TEXT -> Optional.empty();
        };
    }

    /** Parses the setting value, case-insensitively. */
    public static ResponseFormatMode fromId(String value) {
        String wanted = value.trim().toLowerCase(Locale.ROOT).replace('-', '_');
        for (ResponseFormatMode mode : values()) {
            if (mode.id.equals(wanted)) {
                return mode;
            }
        }
        throw new ConfigurationException(ModelSettings.AIOSKILL_RESPONSE_FORMAT
                + " must be json_schema, json_object or text, was '" + value + "'");
    }
}
