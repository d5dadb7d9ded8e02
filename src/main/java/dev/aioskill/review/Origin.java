package dev.aioskill.review;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Who put a finding into a review. {@link #CHECKER}: the AST checker reported it, either because the engine
 * is the checker itself (offline) or because grounding added a checker error or warning the model's draft
 * missed. {@link #MODEL}: the model's draft reported it (checker facts may have corrected its line or rule).
 */
public enum Origin {
    CHECKER,
    MODEL;

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Origin fromId(String id) {
        return valueOf(id.trim().toUpperCase(Locale.ROOT));
    }
}
