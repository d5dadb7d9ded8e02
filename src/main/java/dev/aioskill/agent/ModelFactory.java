package dev.aioskill.agent;

import com.openai.client.OpenAIClient;
import com.openai.client.OpenAIClientAsync;
import com.openai.client.OpenAIClientAsyncImpl;
import com.openai.client.OpenAIClientImpl;
import com.openai.core.ClientOptions;
import dev.aioskill.config.ConfigurationException;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.openaiofficial.OpenAiOfficialChatModel;
import dev.langchain4j.model.openaiofficial.OpenAiOfficialStreamingChatModel;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Builds the chat models the agent talks to, through langchain4j-open-ai-official (the official OpenAI
 * Java SDK underneath), from {@link ModelSettings}. Both models are metered by one {@link UsageMeter} and
 * translate failures into {@link ModelCallException}s.
 *
 * <p>The base URL and the key are always passed explicitly: left unset, the SDK would read OPENAI_BASE_URL,
 * OPENAI_API_KEY and Azure/GitHub variables from the environment on its own. Retries are the SDK's own
 * ({@code maxRetries}: 408/409/429/5xx and I/O failures, honouring Retry-After); nothing here retries again.
 *
 * <p>The SDK client underneath runs on {@link JdkHttpTransport} rather than the SDK's OkHttp transport
 * (about 40 ms less per review-sized request, see there), and its stream callbacks run on daemon threads
 * so a finished streaming call does not keep the JVM alive. LangChain4j 1.11's module fails when given a
 * ready client, so the client is swapped in after the module has initialised itself from the same settings.
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
        OpenAiOfficialChatModel.Builder builder = OpenAiOfficialChatModel.builder()
                .baseUrl(settings.effectiveBaseUrl())
                .apiKey(settings.effectiveApiKey())
                .modelName(settings.model())
                .timeout(settings.timeout())
                .maxRetries(settings.maxRetries())
                .supportedCapabilities(capabilities());
        return new MeteredChatModel(new JdkTransportChatModel(builder, new OpenAIClientImpl(clientOptions())),
                meter, settings);
    }

    /** The streaming chat model, metered. */
    public MeteredStreamingChatModel streamingChatModel() {
        requireConfigured();
        OpenAiOfficialStreamingChatModel.Builder builder = OpenAiOfficialStreamingChatModel.builder()
                .baseUrl(settings.effectiveBaseUrl())
                .apiKey(settings.effectiveApiKey())
                .modelName(settings.model())
                .timeout(settings.timeout())
                .maxRetries(settings.maxRetries())
                .supportedCapabilities(capabilities());
        return new MeteredStreamingChatModel(
                new JdkTransportStreamingChatModel(builder, new OpenAIClientAsyncImpl(clientOptions())), meter, settings);
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

    /** The SDK client's options: the same base URL, key, timeout and retries the module was given. */
    private ClientOptions clientOptions() {
        return ClientOptions.builder()
                .httpClient(new JdkHttpTransport(settings.timeout()))
                // A plain Executor, not the service itself: the SDK shuts down an ExecutorService it is given
                // once the client is collected, and this pool is shared.
                .streamHandlerExecutor(runnable -> STREAM_CALLBACKS.execute(runnable))
                .baseUrl(settings.effectiveBaseUrl())
                .apiKey(settings.effectiveApiKey())
                .timeout(settings.timeout())
                .maxRetries(settings.maxRetries())
                .putHeader("User-Agent", "aioskill (langchain4j-openai-official)")
                .build();
    }

    /** Shared by every streaming model; daemon threads, idle ones end after 60 s. */
    private static final ExecutorService STREAM_CALLBACKS = Executors.newCachedThreadPool(new java.util.concurrent.ThreadFactory() {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable runnable) {
            Thread thread = new Thread(runnable, "aioskill-model-stream-" + count.getAndIncrement());
            thread.setDaemon(true);
            return thread;
        }
    });

    /** The module's chat model with our SDK client in place of the one it built. */
    private static final class JdkTransportChatModel extends OpenAiOfficialChatModel {
        JdkTransportChatModel(OpenAiOfficialChatModel.Builder builder, OpenAIClient sdkClient) {
            super(builder);
            this.client = sdkClient;
        }
    }

    /** The module's streaming chat model with our SDK client in place of the one it built. */
    private static final class JdkTransportStreamingChatModel extends OpenAiOfficialStreamingChatModel {
        JdkTransportStreamingChatModel(OpenAiOfficialStreamingChatModel.Builder builder, OpenAIClientAsync sdkClient) {
            super(builder);
            this.asyncClient = sdkClient;
        }
    }

    private void requireConfigured() {
        if (!settings.configured()) {
            throw new ConfigurationException(
                    "no model configured: set OPENAI_API_KEY, or OPENAI_BASE_URL for a local OpenAI-compatible server");
        }
    }
}
