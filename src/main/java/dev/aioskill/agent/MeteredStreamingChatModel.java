package dev.aioskill.agent;

import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.CompleteToolCall;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.PartialThinking;
import dev.langchain4j.model.chat.response.PartialThinkingContext;
import dev.langchain4j.model.chat.response.PartialToolCall;
import dev.langchain4j.model.chat.response.PartialToolCallContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The streaming twin of {@link MeteredChatModel}: meters the complete response (latency to the last
 * token) and hands failures to the handler as {@link ModelCallException}s.
 */
public final class MeteredStreamingChatModel implements StreamingChatModel {

    private final StreamingChatModel delegate;
    private final UsageMeter meter;
    private final ModelSettings settings;

    public MeteredStreamingChatModel(StreamingChatModel delegate, UsageMeter meter, ModelSettings settings) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.meter = Objects.requireNonNull(meter, "meter");
        this.settings = settings;
    }

    @Override
    public void chat(ChatRequest request, StreamingChatResponseHandler handler) {
        long start = System.nanoTime();
        List<UsageMeter.Scope> scopes = meter.currentScopes();
        String requested = request.parameters() != null && request.parameters().modelName() != null
                ? request.parameters().modelName()
                : delegate.defaultRequestParameters() == null || delegate.defaultRequestParameters().modelName() == null
                        ? "" : delegate.defaultRequestParameters().modelName();
        StreamingChatResponseHandler metered = new StreamingChatResponseHandler() {
            @Override
            public void onPartialResponse(String partialResponse) {
                handler.onPartialResponse(partialResponse);
            }

            @Override
            public void onPartialResponse(PartialResponse partialResponse, PartialResponseContext context) {
                handler.onPartialResponse(partialResponse, context);
            }

            @Override
            public void onPartialThinking(PartialThinking partialThinking) {
                handler.onPartialThinking(partialThinking);
            }

            @Override
            public void onPartialThinking(PartialThinking partialThinking, PartialThinkingContext context) {
                handler.onPartialThinking(partialThinking, context);
            }

            @Override
            public void onPartialToolCall(PartialToolCall partialToolCall) {
                handler.onPartialToolCall(partialToolCall);
            }

            @Override
            public void onPartialToolCall(PartialToolCall partialToolCall, PartialToolCallContext context) {
                handler.onPartialToolCall(partialToolCall, context);
            }

            @Override
            public void onCompleteToolCall(CompleteToolCall completeToolCall) {
                handler.onCompleteToolCall(completeToolCall);
            }

            @Override
            public void onCompleteResponse(ChatResponse completeResponse) {
                long millis = (System.nanoTime() - start) / 1_000_000;
                meter.record(ModelUsage.of(completeResponse, requested, millis), scopes);
                handler.onCompleteResponse(completeResponse);
            }

            @Override
            public void onError(Throwable error) {
                handler.onError(ModelCallException.translate(error, settings));
            }
        };
        try {
            delegate.chat(request, metered);
        } catch (RuntimeException e) {
            throw ModelCallException.translate(e, settings);
        }
    }

    public StreamingChatModel delegate() {
        return delegate;
    }

    @Override
    public ChatRequestParameters defaultRequestParameters() {
        return delegate.defaultRequestParameters();
    }

    @Override
    public List<ChatModelListener> listeners() {
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
