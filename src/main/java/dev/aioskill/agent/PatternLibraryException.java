package dev.aioskill.agent;

/** The packaged pattern library is missing or malformed: a packaging problem, not a user error. */
public class PatternLibraryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public PatternLibraryException(String message) {
        super(message);
    }

    public PatternLibraryException(String message, Throwable cause) {
        super(message, cause);
    }
}
