package dev.aioskill.agent;

/** An answer could not be produced; the message says why, in one line, and is safe to show. */
public class EngineException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public EngineException(String message) {
        super(message);
    }

    public EngineException(String message, Throwable cause) {
        super(message, cause);
    }
}
