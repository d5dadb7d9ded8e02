package dev.aioskill.agent;

/**
 * The model did not give a usable structured answer, even when asked again. The message names the type
 * and the last parse error; the model's text is kept out of it (it can be long) and is available from
 * {@link #rawText()}.
 */
public final class StructuredOutputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient String rawText;

    public StructuredOutputException(String message, String rawText) {
        super(message);
        this.rawText = rawText;
    }

    public String rawText() {
        return rawText;
    }
}
