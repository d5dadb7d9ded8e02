package dev.aioskill.review;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What the model calls behind one answer cost, as the server reported it: tokens (0 when a server reports
 * none, as some local ones do) and the wall-clock latency of the calls, retries included. Only answers a
 * model took part in carry one.
 *
 * @param model         the model that answered
 * @param calls         model calls made for the answer (tool rounds and re-asks count)
 * @param inputTokens   prompt tokens, summed over the calls
 * @param outputTokens  completion tokens, summed
 * @param totalTokens   total tokens, summed
 * @param latencyMillis time spent waiting for the model, summed
 */
public record Usage(
        @JsonProperty("model") String model,
        @JsonProperty("calls") int calls,
        @JsonProperty("input_tokens") int inputTokens,
        @JsonProperty("output_tokens") int outputTokens,
        @JsonProperty("total_tokens") int totalTokens,
        @JsonProperty("latency_ms") long latencyMillis) {

    public Usage {
        model = model == null ? "" : model;
    }

    /** One line for {@code --verbose}: "usage: gpt-4.1-mini, 2 calls, tokens 1234 in + 210 out = 1444, model latency 1830 ms". */
    @JsonIgnore
    public String summary() {
        String tokens = totalTokens > 0
                ? "tokens " + inputTokens + " in + " + outputTokens + " out = " + totalTokens
                : "tokens not reported by the server";
        return "usage: " + (model.isEmpty() ? "model" : model) + ", " + calls + (calls == 1 ? " call, " : " calls, ")
                + tokens + ", model latency " + latencyMillis + " ms";
    }
}
