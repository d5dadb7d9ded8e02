package dev.aioskill.agent;

import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.ChatResponseMetadata;
import dev.langchain4j.model.output.TokenUsage;
import java.util.Objects;

/**
 * What one model call (or a sum of calls) cost: tokens as the server reported them (0 when it reported
 * none, as some local servers do) and the wall-clock latency seen by the harness, retries included.
 *
 * @param model         the model name the server answered with, else the one asked for
 * @param calls         how many model calls this sums (1 for a single call)
 * @param inputTokens   prompt tokens
 * @param outputTokens  completion tokens
 * @param totalTokens   as reported, else input + output
 * @param latencyMillis time from sending the request to the complete answer
 */
public record ModelUsage(String model, int calls, int inputTokens, int outputTokens, int totalTokens, long latencyMillis) {

    /** No calls yet: the start of a sum. */
    public static final ModelUsage NONE = new ModelUsage("", 0, 0, 0, 0, 0);

    public ModelUsage {
        Objects.requireNonNull(model, "model");
    }

    /** The usage of one answered call. */
    public static ModelUsage of(ChatResponse response, String requestedModel, long latencyMillis) {
        ChatResponseMetadata metadata = response.metadata();
        String model = metadata != null && metadata.modelName() != null ? metadata.modelName() : requestedModel;
        TokenUsage tokens = metadata == null ? null : metadata.tokenUsage();
        int input = tokens == null || tokens.inputTokenCount() == null ? 0 : tokens.inputTokenCount();
        int output = tokens == null || tokens.outputTokenCount() == null ? 0 : tokens.outputTokenCount();
        int total = tokens == null || tokens.totalTokenCount() == null ? input + output : tokens.totalTokenCount();
        return new ModelUsage(model == null ? "" : model, 1, input, output, total, latencyMillis);
    }

    /** This usage and another one added up (the model name of the first call is kept). */
    public ModelUsage plus(ModelUsage other) {
        return new ModelUsage(model.isEmpty() ? other.model : model, calls + other.calls,
                inputTokens + other.inputTokens, outputTokens + other.outputTokens,
                totalTokens + other.totalTokens, latencyMillis + other.latencyMillis);
    }

    /** False for servers that report no token counts. */
    public boolean tokensReported() {
        return totalTokens > 0;
    }

    /** One line for {@code --verbose}: "gpt-4.1-mini: 2 calls, 1234 in + 210 out = 1444 tokens, 1830 ms". */
    public String summary() {
        String tokens = tokensReported()
                ? inputTokens + " in + " + outputTokens + " out = " + totalTokens + " tokens"
                : "tokens not reported";
        return (model.isEmpty() ? "model" : model) + ": " + calls + (calls == 1 ? " call, " : " calls, ")
                + tokens + ", " + latencyMillis + " ms";
    }
}
