package dev.aioskill.agent;

import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Wraps any {@link ChatModel} (ours or one an embedding app brought) so that every call is metered and
 * every failure to reach the model becomes a {@link ModelCallException}. It adds no retries: the OpenAI
 * SDK underneath already retried as configured.
 */
public final class MeteredChatModel implements ChatModel {

    private final ChatModel delegate;
    private final UsageMeter meter;
    private final ModelSettings settings;

    /**
     * @param settings the settings the delegate was built from, or null for a model brought from outside
     *                 (error messages then name no attempt count)
     */
    public MeteredChatModel(ChatModel delegate, UsageMeter meter, ModelSettings settings) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.meter = Objects.requireNonNull(meter, "meter");
        this.settings = settings;
    }

    @Override
    public ChatResponse chat(ChatRequest request) {
        long start = System.nanoTime();
        ChatResponse response;
        try {
            response = delegate.chat(request);
        } catch (RuntimeException e) {
            throw ModelCallException.translate(e, settings);
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        meter.record(ModelUsage.of(response, requestedModel(request), millis));
        return response;
    }

    private String requestedModel(ChatRequest request) {
        if (request.parameters() != null && request.parameters().modelName() != null) {
            return request.parameters().modelName();
        }
        ChatRequestParameters defaults = delegate.defaultRequestParameters();
        return defaults != null && defaults.modelName() != null ? defaults.modelName() : "";
    }

    /** The model underneath. */
    public ChatModel delegate() {
        return delegate;
    }

    public UsageMeter meter() {
        return meter;
    }

    @Override
    public ChatRequestParameters defaultRequestParameters() {
        return delegate.defaultRequestParameters();
    }

    @Override
    public List<ChatModelListener> listeners() {
        // The delegate notifies its own listeners inside delegate.chat(); listing them here would not add calls.
        return delegate.listeners();
    }

    @Override
    public ModelProvider provider() {
        return delegate.provider();
    }

    @Override
    public Set<Capability> supportedCapabilities() {
        return delegate.supportedCapabilities();
    }
}
