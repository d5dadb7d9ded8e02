package dev.aioskill.sandbox;

/** The files handed to the sandbox cannot be written safely (a bad path, too large, none at all). */
public class InvalidSandboxFilesException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public InvalidSandboxFilesException(String message) {
        super(message);
    }
}
