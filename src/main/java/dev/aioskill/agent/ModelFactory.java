package dev.aioskill.agent;

import dev.aioskill.config.ConfigurationException;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.openaiofficial.OpenAiOfficialChatModel;
import dev.langchain4j.model.openaiofficial.OpenAiOfficialStreamingChatModel;
import java.util.Objects;
import java.util.Set;

/**
 * Builds the chat models the agent talks to, through langchain4j-open-ai-official (the official OpenAI
 * Java SDK underneath), from {@link ModelSettings}. Both models are metered by one {@link UsageMeter} and
 * translate failures into {@link ModelCallException}s.
 *
 * <p>The base URL and the key are always passed explicitly: left unset, the SDK would read OPENAI_BASE_URL,
 * OPENAI_API_KEY and Azure/GitHub variables from the environment on its own. Retries are the SDK's own
 * ({@code maxRetries}: 408/409/429/5xx and I/O failures, honouring Retry-After); nothing here retries again.
 */
public final class ModelFactory {

    private final ModelSettings settings;
    private final UsageMeter meter;

    public ModelFactory(ModelSettings settings, UsageMeter meter) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.meter = Objects.requireNonNull(meter, "meter");
    }

    public ModelFactory(ModelSettings settings) {
        this(settings, new UsageMeter());
    }

    /** The blocking chat model, metered. */
    public MeteredChatModel chatModel() {
        requireConfigured();
        OpenAiOfficialChatModel model = OpenAiOfficialChatModel.builder()
                .baseUrl(settings.effectiveBaseUrl())
                .apiKey(settings.effectiveApiKey())
                .modelName(settings.model())
                .timeout(settings.timeout())
                .maxRetries(settings.maxRetries())
                .supportedCapabilities(capabilities())
                .build();
        return new MeteredChatModel(model, meter, settings);
    }

    /** The streaming chat model, metered. */
    public MeteredStreamingChatModel streamingChatModel() {
        requireConfigured();
        OpenAiOfficialStreamingChatModel model = OpenAiOfficialStreamingChatModel.builder()
                .baseUrl(settings.effectiveBaseUrl())
                .apiKey(settings.effectiveApiKey())
                .modelName(settings.model())
                .timeout(settings.timeout())
                .maxRetries(settings.maxRetries())
                .supportedCapabilities(capabilities())
                .build();
        return new MeteredStreamingChatModel(model, meter, settings);
    }

    /**
     * A model an embedding app brought, wrapped so it is metered and its failures are typed like ours.
     * Its own retry and timeout settings apply.
     */
    public static MeteredChatModel adopt(ChatModel model, UsageMeter meter) {
        if (model instanceof MeteredChatModel metered) {
            return metered;
        }
        return new MeteredChatModel(model, meter, null);
    }

    public ModelSettings settings() {
        return settings;
    }

    public UsageMeter meter() {
        return meter;
    }

    /**
     * Declaring JSON-schema support is what makes LangChain4j (AiServices, and {@link StructuredCall}) send
     * a schema as the response format; the other settings start the ladder lower.
     */
    private Set<Capability> capabilities() {
        return settings.responseFormat() == ResponseFormatMode.JSON_SCHEMA
                ? Set.of(Capability.RESPONSE_FORMAT_JSON_SCHEMA)
                : Set.of();
    }

    private void requireConfigured() {
        if (!settings.configured()) {
            throw new ConfigurationException(
                    "no model configured: set OPENAI_API_KEY, or OPENAI_BASE_URL for a local OpenAI-compatible server");
        }
    }
}
