package dev.aioskill.config;

/** A configuration problem a user can fix; its message says what and how. */
public class ConfigurationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConfigurationException(String message) {
        super(message);
    }
}
