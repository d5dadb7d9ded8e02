package dev.aioskill.check;

/**
 * The checker cannot run at all (not packaged, cache not writable, worker cannot start). Its message
 * says what to do. A single file that fails to check is not this: it comes back as a
 * {@link CheckResult} with an error.
 */
public class CheckerException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CheckerException(String message) {
        super(message);
    }

    public CheckerException(String message, Throwable cause) {
        super(message, cause);
    }
}
