package dev.aioskill.agent;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * WireMock standing in for the OpenAI chat completions API on 127.0.0.1, with builders for the answers
 * the real SDK must be able to read (a completion needs {@code created}, else the SDK refuses it).
 */
final class FakeOpenAi {

    static final String KEY = "sk-test-aioskill-0123456789abcdefXYZ";
    static final String MODEL = "gpt-test";
    static final String PATH = "/v1/chat/completions";
    static final ObjectMapper JSON = new ObjectMapper();

    private FakeOpenAi() {}

    static WireMockExtension server() {
        return WireMockExtension.newInstance()
                .options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort())
                .build();
    }

    static String baseUrl(WireMockExtension wm) {
        return "http://127.0.0.1:" + wm.getPort() + "/v1";
    }

    /** Settings for tests: explicit base URL and key, small timeout, no retries unless a test asks. */
    static ModelSettings settings(WireMockExtension wm) {
        return ModelSettings.of(baseUrl(wm), KEY, MODEL).withTimeout(Duration.ofSeconds(5)).withMaxRetries(0);
    }

    static MappingBuilder chat() {
        return post(urlPathEqualTo(PATH));
    }

    /** A plain answer with token usage 11 in, 7 out. */
    static ResponseDefinitionBuilder answer(String content) {
        ObjectNode message = JSON.createObjectNode().put("role", "assistant").put("content", content);
        return okJson(completion(message, "stop").toString());
    }

    /** An answer that calls one tool. */
    static ResponseDefinitionBuilder toolCall(String id, String name, String arguments) {
        ObjectNode message = JSON.createObjectNode().put("role", "assistant");
        message.putNull("content");
        ArrayNode calls = message.putArray("tool_calls");
        ObjectNode call = calls.addObject().put("id", id).put("type", "function");
        call.putObject("function").put("name", name).put("arguments", arguments);
        return okJson(completion(message, "tool_calls").toString());
    }

    static ObjectNode completion(ObjectNode message, String finishReason) {
        ObjectNode root = JSON.createObjectNode()
                .put("id", "chatcmpl-test")
                .put("object", "chat.completion")
                .put("created", 1_764_000_000L)
                .put("model", MODEL);
        ObjectNode choice = root.putArray("choices").addObject();
        choice.put("index", 0).put("finish_reason", finishReason);
        choice.set("message", message);
        root.putObject("usage").put("prompt_tokens", 11).put("completion_tokens", 7).put("total_tokens", 18);
        return root;
    }

    /** An OpenAI error body with the given status. */
    static ResponseDefinitionBuilder error(int status, String message) {
        ObjectNode body = JSON.createObjectNode();
        body.putObject("error").put("message", message).put("type", "test_error").putNull("param").putNull("code");
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body.toString());
    }

    /** A server-sent event stream of text deltas, then a finish chunk with usage. */
    static ResponseDefinitionBuilder stream(String... parts) {
        StringBuilder body = new StringBuilder();
        for (String part : parts) {
            body.append("data: ").append(chunk(JSON.createObjectNode().put("content", part), null, false)).append("\n\n");
        }
        body.append("data: ").append(chunk(JSON.createObjectNode(), "stop", true)).append("\n\n");
        body.append("data: [DONE]\n\n");
        return aResponse().withStatus(200).withHeader("Content-Type", "text/event-stream").withBody(body.toString());
    }

    private static String chunk(ObjectNode delta, String finishReason, boolean usage) {
        ObjectNode root = JSON.createObjectNode()
                .put("id", "chatcmpl-stream")
                .put("object", "chat.completion.chunk")
                .put("created", 1_764_000_000L)
                .put("model", MODEL);
        ObjectNode choice = root.putArray("choices").addObject();
        choice.put("index", 0);
        choice.set("delta", delta);
        if (finishReason == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finishReason);
        }
        if (usage) {
            root.putObject("usage").put("prompt_tokens", 5).put("completion_tokens", 3).put("total_tokens", 8);
        }
        return root.toString();
    }

    /** The chat requests WireMock received, oldest first. */
    static List<LoggedRequest> requests(WireMockExtension wm) {
        // WireMock lists serve events newest first.
        List<LoggedRequest> newestFirst = new ArrayList<>(
                wm.getAllServeEvents().stream().map(event -> event.getRequest()).toList());
        Collections.reverse(newestFirst);
        return newestFirst;
    }

    static JsonNode body(LoggedRequest request) {
        try {
            return JSON.readTree(request.getBodyAsString());
        } catch (Exception e) {
            throw new AssertionError("request body is not JSON: " + request.getBodyAsString(), e);
        }
    }
}
