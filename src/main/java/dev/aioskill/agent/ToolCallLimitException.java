package dev.aioskill.agent;

/**
 * The model kept calling tools after it was told the turn's limit was reached, so the turn was ended.
 * The message says what to change.
 */
public final class ToolCallLimitException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int limit;

    public ToolCallLimitException(int limit, String detail) {
        super("the model kept calling tools past the limit of " + limit + " calls per turn (" + detail
                + "); the turn was stopped. Raise " + ModelSettings.AIOSKILL_MAX_TOOL_CALLS
                + " or use a model that follows tool results");
        this.limit = limit;
    }

    public int limit() {
        return limit;
    }
}
