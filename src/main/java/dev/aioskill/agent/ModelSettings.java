package dev.aioskill.agent;

import dev.aioskill.config.ConfigurationException;
import dev.aioskill.config.Secrets;
import dev.aioskill.config.Settings;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How to reach the model: the OpenAI API, or any OpenAI-compatible server (Ollama, vLLM, LM Studio).
 * The key never appears in {@link #toString()}.
 *
 * @param apiKey          OPENAI_API_KEY; empty for local servers that need none
 * @param baseUrl         OPENAI_BASE_URL as written by the user; empty means OpenAI itself
 * @param model           AIOSKILL_MODEL, default {@value #DEFAULT_MODEL}
 * @param timeout         AIOSKILL_TIMEOUT_SECONDS per HTTP attempt, default {@value #DEFAULT_TIMEOUT_SECONDS} s
 * @param maxRetries      AIOSKILL_MAX_RETRIES, the SDK's own retries of 408/409/429/5xx and I/O failures,
 *                        default {@value #DEFAULT_MAX_RETRIES}
 * @param responseFormat  AIOSKILL_RESPONSE_FORMAT, the first rung of the structured-output ladder
 * @param maxToolCalls    AIOSKILL_MAX_TOOL_CALLS, tool calls the model may make in one turn,
 *                        default {@value #DEFAULT_MAX_TOOL_CALLS}
 */
public record ModelSettings(
        Optional<String> apiKey,
        Optional<String> baseUrl,
        String model,
        Duration timeout,
        int maxRetries,
        ResponseFormatMode responseFormat,
        int maxToolCalls) {

    public static final String AIOSKILL_TIMEOUT_SECONDS = "AIOSKILL_TIMEOUT_SECONDS";
    public static final String AIOSKILL_MAX_RETRIES = "AIOSKILL_MAX_RETRIES";
    public static final String AIOSKILL_RESPONSE_FORMAT = "AIOSKILL_RESPONSE_FORMAT";
    public static final String AIOSKILL_MAX_TOOL_CALLS = "AIOSKILL_MAX_TOOL_CALLS";

    public static final String DEFAULT_MODEL = "gpt-4.1-mini";
    public static final int DEFAULT_TIMEOUT_SECONDS = 60;
    public static final int DEFAULT_MAX_RETRIES = 3;
    public static final int DEFAULT_MAX_TOOL_CALLS = 8;

    /**
     * Sent as the key to servers configured by base URL alone: the SDK refuses to run without a key, and
     * when given none it would read OPENAI_API_KEY from the environment behind our back.
     */
    static final String PLACEHOLDER_KEY = "no-key-configured";

    public ModelSettings {
        Objects.requireNonNull(apiKey, "apiKey");
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(responseFormat, "responseFormat");
        apiKey = apiKey.map(String::strip).filter(key -> !key.isEmpty());
        baseUrl = baseUrl.map(String::strip).filter(url -> !url.isEmpty());
        apiKey.ifPresent(Secrets::register);
        if (model.isBlank()) {
            throw new ConfigurationException(Settings.AIOSKILL_MODEL + " is blank; unset it or name a model, e.g. "
                    + DEFAULT_MODEL);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new ConfigurationException(AIOSKILL_TIMEOUT_SECONDS + " must be above 0, was " + timeout.toSeconds());
        }
        if (maxRetries < 0 || maxRetries > 10) {
            throw new ConfigurationException(AIOSKILL_MAX_RETRIES + " must be between 0 and 10, was " + maxRetries);
        }
        if (maxToolCalls < 1 || maxToolCalls > 100) {
            throw new ConfigurationException(AIOSKILL_MAX_TOOL_CALLS + " must be between 1 and 100, was " + maxToolCalls);
        }
    }

    /**
     * Reads the model settings. Fails with a message naming the variable when a value is malformed.
     * Whether a model is configured at all is {@link #configured()}.
     */
    public static ModelSettings from(Settings settings) {
        return new ModelSettings(
                settings.get(Settings.OPENAI_API_KEY),
                settings.get(Settings.OPENAI_BASE_URL),
                settings.getOrDefault(Settings.AIOSKILL_MODEL, DEFAULT_MODEL),
                Duration.ofSeconds(number(settings, AIOSKILL_TIMEOUT_SECONDS, DEFAULT_TIMEOUT_SECONDS)),
                number(settings, AIOSKILL_MAX_RETRIES, DEFAULT_MAX_RETRIES),
                settings.get(AIOSKILL_RESPONSE_FORMAT).map(ResponseFormatMode::fromId).orElse(ResponseFormatMode.JSON_SCHEMA),
                number(settings, AIOSKILL_MAX_TOOL_CALLS, DEFAULT_MAX_TOOL_CALLS));
    }

    /** Settings for a server at this base URL with this key (tests, embedding apps). */
    public static ModelSettings of(String baseUrl, String apiKey, String model) {
        return new ModelSettings(Optional.ofNullable(apiKey), Optional.ofNullable(baseUrl), model,
                Duration.ofSeconds(DEFAULT_TIMEOUT_SECONDS), DEFAULT_MAX_RETRIES, ResponseFormatMode.JSON_SCHEMA,
                DEFAULT_MAX_TOOL_CALLS);
    }

    private static int number(Settings settings, String key, int fallback) {
        Optional<String> value = settings.get(key);
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.get());
        } catch (NumberFormatException e) {
            throw new ConfigurationException(key + " must be a whole number, was '" + value.get() + "'");
        }
    }

    /** True when a key or a base URL says where the model is. */
    public boolean configured() {
        return apiKey.isPresent() || baseUrl.isPresent();
    }

    /** The base URL the SDK gets: normalised, or OpenAI's when only a key is set. */
    public String effectiveBaseUrl() {
        return baseUrl.map(BaseUrls::normalise).orElse(BaseUrls.OPENAI);
    }

    /** The key the SDK gets: the configured one, or a placeholder for a keyless local server. */
    String effectiveApiKey() {
        return apiKey.orElse(PLACEHOLDER_KEY);
    }

    public ModelSettings withTimeout(Duration newTimeout) {
        return new ModelSettings(apiKey, baseUrl, model, newTimeout, maxRetries, responseFormat, maxToolCalls);
    }

    public ModelSettings withMaxRetries(int retries) {
        return new ModelSettings(apiKey, baseUrl, model, timeout, retries, responseFormat, maxToolCalls);
    }

    public ModelSettings withResponseFormat(ResponseFormatMode format) {
        return new ModelSettings(apiKey, baseUrl, model, timeout, maxRetries, format, maxToolCalls);
    }

    public ModelSettings withMaxToolCalls(int calls) {
        return new ModelSettings(apiKey, baseUrl, model, timeout, maxRetries, responseFormat, calls);
    }

    /** Never shows the key. */
    @Override
    public String toString() {
        return "ModelSettings{apiKey=" + (apiKey.isPresent() ? "<set>" : "<unset>")
                + ", baseUrl=" + baseUrl.map(url -> Secrets.mask(url.replaceFirst("//[^/@]*@", "//****@"))).orElse("<unset>")
                + ", model=" + model
                + ", timeout=" + timeout.toSeconds() + "s"
                + ", maxRetries=" + maxRetries
                + ", responseFormat=" + responseFormat.id()
                + ", maxToolCalls=" + maxToolCalls + "}";
    }
}
