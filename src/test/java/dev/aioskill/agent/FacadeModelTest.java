package dev.aioskill.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.aioskill.Aioskill;
import dev.aioskill.Answer;
import dev.aioskill.config.Settings;
import dev.aioskill.review.Review;
import dev.aioskill.route.Mode;
import dev.langchain4j.model.openaiofficial.OpenAiOfficialChatModel;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The facade's model path: choosing it, an app's own model, and falling back when the model is down. */
class FacadeModelTest {

    @RegisterExtension
    static WireMockExtension wm = FakeOpenAi.server();

    static final String CODE = LlmReviewerTest.CODE;

    private static Settings settings(String retries) {
        return Settings.of(Map.of(
                Settings.OPENAI_BASE_URL, FakeOpenAi.baseUrl(wm),
                Settings.OPENAI_API_KEY, FakeOpenAi.KEY,
                Settings.AIOSKILL_MODEL, FakeOpenAi.MODEL,
                ModelSettings.AIOSKILL_MAX_RETRIES, retries,
                ModelSettings.AIOSKILL_TIMEOUT_SECONDS, "5"));
    }

    private static String sleepReview() {
        return LlmReviewerTest.draft("fetch blocks the loop.",
                LlmReviewerTest.item("AIO100", "blocking sleep", "error", 5, "time.sleep(1)", "It blocks."));
    }

    @Test
    void aConfiguredModelAnswersAndNamesItselfAsTheEngine() {
        wm.stubFor(FakeOpenAi.chat().willReturn(FakeOpenAi.answer(sleepReview())));
        try (Aioskill aioskill = Aioskill.builder().settings(settings("0")).checkerWorkers(1).build()) {
            assertThat(aioskill.engine()).isEqualTo(FakeOpenAi.MODEL);
            Review review = aioskill.review("fetch.py", CODE);
            assertThat(review.engine()).isEqualTo(FakeOpenAi.MODEL);
            assertThat(review.usage().totalTokens()).isEqualTo(18);
        }
    }

    @Test
    void offlineWinsOverAConfiguredModelAndNoRequestIsMade() {
        try (Aioskill aioskill = Aioskill.builder().settings(settings("0")).offline().checkerWorkers(1).build()) {
            assertThat(aioskill.engine()).isEqualTo("offline");
            assertThat(aioskill.review("fetch.py", CODE).isOffline()).isTrue();
        }
        assertThat(FakeOpenAi.requests(wm)).isEmpty();
    }

    @Test
    void whenTheModelAnswers500OnEveryAttemptTheOfflineEngineAnswersAndSaysSo() {
        wm.stubFor(FakeOpenAi.chat().willReturn(FakeOpenAi.error(500, "boom")));
        try (Aioskill aioskill = Aioskill.builder().settings(settings("1")).fallbackOffline(true).checkerWorkers(1).build()) {
            Review review = aioskill.review("fetch.py", CODE);

            assertThat(review.isOffline()).isTrue();
            assertThat(review.engineLine()).startsWith("Engine: offline")
                    .contains("The model gpt-test could not be reached (the model server answered 500 Internal Server Error"
                            + " after 2 attempts")
                    .contains("so the offline engine answered instead");
            assertThat(review.findings()).anyMatch(f -> "AIO100".equals(f.rule()));
            BuildAnswer built = aioskill.build("fetch 50 URLs concurrently with a limit");
            assertThat(built.engine()).isEqualTo("offline");
            assertThat(built.engineLine()).contains("could not be reached");
        }
        // Each call: the first attempt and one retry by the SDK, counted by its retry header.
        var requests = FakeOpenAi.requests(wm);
        assertThat(requests).hasSize(4);
        assertThat(requests.get(1).getHeader("X-Stainless-Retry-Count")).isEqualTo("1");
    }

    @Test
    void withoutFallbackAnUnreachableModelIsOneClearError() {
        wm.stubFor(FakeOpenAi.chat().willReturn(FakeOpenAi.error(500, "boom")));
        try (Aioskill aioskill = Aioskill.builder().settings(settings("0")).checkerWorkers(1).build()) {
            assertThatThrownBy(() -> aioskill.review("fetch.py", CODE))
                    .isInstanceOf(ModelUnavailableException.class)
                    .hasMessageStartingWith("the model server answered 500 Internal Server Error");
        }
    }

    @Test
    void anAnswerThatStaysUnusableIsAnEngineErrorNotAFallback() {
        wm.stubFor(FakeOpenAi.chat().willReturn(FakeOpenAi.answer("I would rather not answer in JSON.")));
        try (Aioskill aioskill = Aioskill.builder().settings(settings("0")).fallbackOffline(true).checkerWorkers(1).build()) {
            assertThatThrownBy(() -> aioskill.review("fetch.py", CODE))
                    .isInstanceOf(EngineException.class)
                    .isNotInstanceOf(ModelUnavailableException.class)
                    .hasMessageStartingWith("the model's answer was not a usable ReviewDraft after 2 attempts");
        }
    }

    @Test
    void anAppCanBringItsOwnChatModel() {
        wm.stubFor(FakeOpenAi.chat().willReturn(FakeOpenAi.answer(sleepReview())));
        OpenAiOfficialChatModel own = OpenAiOfficialChatModel.builder()
                .baseUrl(FakeOpenAi.baseUrl(wm))
                .apiKey(FakeOpenAi.KEY)
                .modelName("app-model")
                .maxRetries(0)
                .timeout(Duration.ofSeconds(5))
                .build();
        try (Aioskill aioskill = Aioskill.builder().chatModel(own).checkerWorkers(1).build()) {
            assertThat(aioskill.engine()).isEqualTo("app-model");
            Review review = aioskill.review("fetch.py", CODE);

            assertThat(review.engine()).isEqualTo("app-model");
            assertThat(review.findings()).anyMatch(f -> "AIO100".equals(f.rule()) && f.location().startLine() == 5);
            assertThat(review.usage().calls()).isEqualTo(1);
        }
        JsonNode body = FakeOpenAi.body(FakeOpenAi.requests(wm).get(0));
        assertThat(body.path("model").asText()).isEqualTo("app-model");
        // The app's model declares no JSON-schema support, so the ladder starts at json_object.
        assertThat(body.path("response_format").path("type").asText()).isEqualTo("json_object");
    }

    @Test
    void askRoutesThroughTheModelAndRemembersTheConversation() {
        wm.stubFor(FakeOpenAi.chat().willReturn(FakeOpenAi.answer(sleepReview())));
        Conversations conversations = new Conversations();
        try (Aioskill aioskill = Aioskill.builder().settings(settings("0")).conversations(conversations)
                .checkerWorkers(1).build()) {
            Answer answer = aioskill.ask("Please review this code:\n```python\n" + CODE + "```\n", "thread-1");

            assertThat(answer.routing().mode()).isEqualTo(Mode.REVIEW);
            assertThat(((Answer.Reviewed) answer).review().engine()).isEqualTo(FakeOpenAi.MODEL);
        }
        assertThat(conversations.messages("thread-1")).hasSize(2);
        assertThat(conversations.messages("other")).isEmpty();
    }

    @Test
    void whenTheRulesAreUnsureTheModelDecidesTheMode() {
        wm.stubFor(FakeOpenAi.chat().willReturn(FakeOpenAi.answer(
                "{\"mode\": \"AMBIGUOUS\", \"confidence\": 0.9, \"reason\": \"a symptom without code\"}")));
        String text = "getting ResourceWarning: unclosed client session, no idea where from";
        try (Aioskill aioskill = Aioskill.builder().settings(settings("0")).checkerWorkers(1).build()) {
            Answer answer = aioskill.ask(text, "thread-2");

            assertThat(answer).isInstanceOf(Answer.Clarify.class);
            assertThat(answer.routing().reason()).contains("rules unsure").contains("model: a symptom without code");
        }
        var requests = FakeOpenAi.requests(wm);
        assertThat(requests).hasSize(1);
        assertThat(requests.get(0).getBodyAsString()).contains("ResourceWarning");
    }

    @Test
    void whenTheRulesAreSureNoModelCallIsMadeToClassify() {
        try (Aioskill aioskill = Aioskill.builder().settings(settings("0")).checkerWorkers(1).build()) {
            assertThat(aioskill.classify("build a websocket server that streams prices").mode()).isEqualTo(Mode.BUILD);
        }
        assertThat(FakeOpenAi.requests(wm)).isEmpty();
    }

    @Test
    void aFollowUpBuildCarriesTheConversationSoFarAndTheModelHasAllThreeTools() {
        wm.stubFor(FakeOpenAi.chat().willReturn(FakeOpenAi.answer(LlmBuilderTest.draft(LlmBuilderTest.CLEAN_CODE))));
        try (Aioskill aioskill = Aioskill.builder().settings(settings("0")).checkerWorkers(1).build()) {
            Answer first = aioskill.ask("write a coroutine that doubles a number", "t");
            Answer second = aioskill.ask("build it again, with a docstring this time", "t");

            assertThat(((Answer.Built) first).answer().verification().verified()).isTrue();
            assertThat(((Answer.Built) second).answer().engine()).isEqualTo(FakeOpenAi.MODEL);
        }
        var requests = FakeOpenAi.requests(wm);
        assertThat(requests).hasSize(2);
        JsonNode firstBody = FakeOpenAi.body(requests.get(0));
        assertThat(firstBody.path("tools").findValuesAsText("name"))
                .containsExactlyInAnyOrder("check_async_code", "read_reference", "run_pytest");
        JsonNode secondBody = FakeOpenAi.body(requests.get(1));
        java.util.List<String> earlier = new java.util.ArrayList<>();
        for (JsonNode m : secondBody.path("messages")) {
            earlier.add(m.path("role").asText() + ": " + m.path("content").asText());
        }
        assertThat(earlier.get(1)).isEqualTo("user: write a coroutine that doubles a number");
        assertThat(earlier.get(2)).startsWith("assistant: I built it (checker: 0 findings; tests: 2 passed");
    }
}
