package dev.aioskill.agent;

/**
 * The model could not be reached after the SDK's own retries, and no fallback to the offline engine was
 * allowed. The message is the one line of the {@link ModelCallException} underneath (its cause).
 */
public final class ModelUnavailableException extends EngineException {
    private static final long serialVersionUID = 1L;

    public ModelUnavailableException(ModelCallException cause) {
        super(cause.getMessage(), cause);
    }
}
