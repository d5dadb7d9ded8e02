package dev.aioskill.agent;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class StructuredCallTest {

    @RegisterExtension
    static WireMockExtension wm = FakeOpenAi.server();

    /** A small answer shape standing in for the review and build records. */
    record Verdict(String answer, int score) {}

    static final List<ChatMessage> MESSAGES =
            List.of(SystemMessage.from("You grade answers."), UserMessage.from("Grade: 2 + 2 = 4"));

    private StructuredCall call(ResponseFormatMode first) {
        ModelSettings settings = FakeOpenAi.settings(wm).withResponseFormat(first);
        return new StructuredCall(new ModelFactory(settings).chatModel(), first);
    }

    private JsonNode body(int index) {
        return FakeOpenAi.body(FakeOpenAi.requests(wm).get(index));
    }

    @Test
    void jsonSchemaIsSentAsTheResponseFormatAndTheAnswerParsed() {
        wm.stubFor(FakeOpenAi.chat().willReturn(FakeOpenAi.answer("{\"answer\":\"correct\",\"score\":5}")));

        Structured<Verdict> result = call(ResponseFormatMode.JSON_SCHEMA).ask(MESSAGES, Verdict.class);

        assertThat(result.value()).isEqualTo(new Verdict("correct", 5));
        assertThat(result.format()).isEqualTo(ResponseFormatMode.JSON_SCHEMA);
        assertThat(result.modelCalls()).isEqualTo(1);
        assertThat(result.usage().totalTokens()).isEqualTo(18);
        JsonNode format = body(0).path("response_format");
        assertThat(format.path("type").asText()).isEqualTo("json_schema");
        assertThat(format.path("json_schema").path("name").asText()).isEqualTo("Verdict");
        assertThat(format.path("json_schema").path("schema").path("properties").fieldNames())
                .toIterable().containsExactlyInAnyOrder("answer", "score");
    }

    @Test
    void fencesAndProseAroundTheJsonAreIgnored() {
        wm.stubFor(FakeOpenAi.chat().willReturn(FakeOpenAi.answer(
                "Sure! Here it is:\n```json\n{\"answer\": \"a {brace} inside\", \"score\": 3,}\n```\nAnything else?")));

        Structured<Verdict> result = call(ResponseFormatMode.JSON_SCHEMA).ask(MESSAGES, Verdict.class);

        assertThat(result.value()).isEqualTo(new Verdict("a {brace} inside", 3));
        assertThat(result.modelCalls()).isEqualTo(1);
    }

    @Test
    void malformedOutputIsReAskedOnceWithTheParseErrorThenParsed() {
        wm.stubFor(FakeOpenAi.chat().inScenario("reask").whenScenarioStateIs(STARTED)
                .willReturn(FakeOpenAi.answer("{\"answer\": \"correct\", \"score\": ")).willSetStateTo("asked"));
        wm.stubFor(FakeOpenAi.chat().inScenario("reask").whenScenarioStateIs("asked")
                .willReturn(FakeOpenAi.answer("{\"answer\":\"correct\",\"score\":4}")));

        Structured<Verdict> result = call(ResponseFormatMode.JSON_SCHEMA).ask(MESSAGES, Verdict.class);

        assertThat(result.value()).isEqualTo(new Verdict("correct", 4));
        assertThat(result.modelCalls()).isEqualTo(2);
        assertThat(result.usage().calls()).isEqualTo(2);
        JsonNode reask = body(1).path("messages");
        assertThat(reask.size()).isEqualTo(4);
        assertThat(reask.get(2).path("role").asText()).isEqualTo("assistant");
        assertThat(reask.get(2).path("content").asText()).isEqualTo("{\"answer\": \"correct\", \"score\": ");
        assertThat(reask.get(3).path("content").asText())
                .startsWith("Your previous answer could not be used: the JSON object opened at character 0 is never closed");
    }

    @Test
    void anAnswerThatFailsValidationIsReAskedWithTheProblem() {
        wm.stubFor(FakeOpenAi.chat().atPriority(1).withRequestBody(containing("score must be 1 to 5"))
                .willReturn(FakeOpenAi.answer("{\"answer\":\"ok\",\"score\":2}")));
        wm.stubFor(FakeOpenAi.chat().atPriority(5).willReturn(FakeOpenAi.answer("{\"answer\":\"ok\",\"score\":9}")));

        Structured<Verdict> result = call(ResponseFormatMode.JSON_SCHEMA).ask(MESSAGES, Verdict.class,
                v -> v.score() >= 1 && v.score() <= 5 ? Optional.empty() : Optional.of("score must be 1 to 5"));

        assertThat(result.value().score()).isEqualTo(2);
        assertThat(result.modelCalls()).isEqualTo(2);
    }

    @Test
    void twoUnusableAnswersGiveATypedErrorKeepingTheText() {
        wm.stubFor(FakeOpenAi.chat().willReturn(FakeOpenAi.answer("I would rather not.")));

        assertThatThrownBy(() -> call(ResponseFormatMode.JSON_SCHEMA).ask(MESSAGES, Verdict.class))
                .isInstanceOfSatisfying(StructuredOutputException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo(
                            "the model's answer was not a usable Verdict after 2 attempts: the answer holds no JSON object");
                    assertThat(e.rawText()).isEqualTo("I would rather not.");
                });
        assertThat(FakeOpenAi.requests(wm).size()).isEqualTo(2);
    }

    @Test
    void aServerThatRejectsJsonSchemaGetsJsonObjectAndTheStepIsRemembered() {
        wm.stubFor(FakeOpenAi.chat().atPriority(1)
                .withRequestBody(matchingJsonPath("$.response_format[?(@.type == 'json_schema')]"))
                .willReturn(FakeOpenAi.error(400, "response_format json_schema is not supported")));
        wm.stubFor(FakeOpenAi.chat().atPriority(5).willReturn(FakeOpenAi.answer("{\"answer\":\"x\",\"score\":1}")));
        StructuredCall call = call(ResponseFormatMode.JSON_SCHEMA);

        Structured<Verdict> first = call.ask(MESSAGES, Verdict.class);
        Structured<Verdict> second = call.ask(MESSAGES, Verdict.class);

        assertThat(first.value()).isEqualTo(new Verdict("x", 1));
        assertThat(first.format()).isEqualTo(ResponseFormatMode.JSON_OBJECT);
        assertThat(first.modelCalls()).isEqualTo(2);
        assertThat(second.modelCalls()).isEqualTo(1);
        assertThat(call.currentRung()).isEqualTo(ResponseFormatMode.JSON_OBJECT);
        assertThat(FakeOpenAi.requests(wm).size()).isEqualTo(3);
        JsonNode fallback = body(1);
        assertThat(fallback.path("response_format").path("type").asText()).isEqualTo("json_object");
        assertThat(fallback.path("messages").size()).isEqualTo(2);
        assertThat(fallback.path("messages").get(0).path("content").asText())
                .startsWith("You grade answers.")
                .contains("Answer with one JSON object and nothing else, matching this JSON schema:")
                .contains("\"score\"");
    }

    @Test
    void aServerThatRejectsBothFormatsIsAskedInPlainText() {
        wm.stubFor(FakeOpenAi.chat().atPriority(1)
                .withRequestBody(matchingJsonPath("$.response_format"))
                .willReturn(FakeOpenAi.error(400, "unknown field response_format")));
        wm.stubFor(FakeOpenAi.chat().atPriority(5).willReturn(FakeOpenAi.answer("{\"answer\":\"t\",\"score\":2}")));

        Structured<Verdict> result = call(ResponseFormatMode.JSON_SCHEMA).ask(MESSAGES, Verdict.class);

        assertThat(result.format()).isEqualTo(ResponseFormatMode.TEXT);
        assertThat(result.modelCalls()).isEqualTo(3);
        assertThat(body(2).has("response_format")).isFalse();
    }

    @Test
    void aBadRequestInPlainTextIsAnErrorNotALoop() {
        wm.stubFor(FakeOpenAi.chat().willReturn(FakeOpenAi.error(400, "context length exceeded")));

        assertThatThrownBy(() -> call(ResponseFormatMode.TEXT).ask(MESSAGES, Verdict.class))
                .isInstanceOfSatisfying(ModelCallException.class,
                        e -> assertThat(e.kind()).isEqualTo(ModelCallException.Kind.BAD_REQUEST));
        assertThat(FakeOpenAi.requests(wm).size()).isEqualTo(1);
    }

    @Test
    void aModelThatDoesNotDeclareJsonSchemaStartsAtJsonObject() {
        wm.stubFor(FakeOpenAi.chat().willReturn(FakeOpenAi.answer("{\"answer\":\"x\",\"score\":1}")));
        // Built for json_object, the model declares no schema support; the call is then asked for json_schema.
        ModelSettings settings = FakeOpenAi.settings(wm).withResponseFormat(ResponseFormatMode.JSON_OBJECT);
        StructuredCall call = new StructuredCall(new ModelFactory(settings).chatModel(), ResponseFormatMode.JSON_SCHEMA);

        Structured<Verdict> result = call.ask(MESSAGES, Verdict.class);

        assertThat(result.format()).isEqualTo(ResponseFormatMode.JSON_OBJECT);
        assertThat(body(0).path("response_format").path("type").asText()).isEqualTo("json_object");
    }

    @Test
    void lenientParsingFindsTheOutermostObject() {
        assertThat(StructuredCall.parse("noise {\"answer\":\"a\",\"score\":1, \"extra\": {\"x\": \"}\"}} tail", Verdict.class))
                .isEqualTo(new Verdict("a", 1));
        assertThatThrownBy(() -> StructuredCall.parse("{\"answer\": 1, \"score\": \"many\"}", Verdict.class))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("invalid JSON:");
        assertThatThrownBy(() -> StructuredCall.parse("   ", Verdict.class))
                .hasMessage("the answer was empty");
    }
}
