package dev.aioskill.cli;

/** A user error: printed as one line on stderr, exit code 2, no stack trace unless --debug. */
public class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }

    public UsageException(String message, Throwable cause) {
        super(message, cause);
    }
}
