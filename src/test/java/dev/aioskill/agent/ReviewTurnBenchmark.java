package dev.aioskill.agent;

import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import dev.aioskill.check.AsyncChecker;
import dev.aioskill.check.RuleCatalog;
import dev.aioskill.config.Settings;
import dev.aioskill.review.Review;
import dev.aioskill.review.RuleDocs;
import dev.aioskill.skill.SkillPack;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * On-demand measurement of the harness's own time per grounded review turn, the checker excluded, with
 * WireMock on 127.0.0.1 answering at once (prints numbers, asserts nothing about time):
 * {@code mvn -B -q test -Dtest=ReviewTurnBenchmark -Daioskill.bench=true -Dsurefire.failIfNoSpecifiedTests=false}
 *
 * <p>A turn is timed from the moment the checker has answered (the reviewer reports it as a progress step)
 * to the grounded review: prompt rendering, the structured call through LangChain4j and the OpenAI SDK, the
 * HTTP round trip, parsing, grounding. The baseline is a bare JDK HTTP POST of the same request body to the
 * same stub; the difference is the harness's overhead. Token counts are those the stub reports, and the
 * request's real prompt size counted with o200k_base (what a real model would bill as input).
 */
@EnabledIfSystemProperty(named = "aioskill.bench", matches = "true")
class ReviewTurnBenchmark {

    @RegisterExtension
    static WireMockExtension wm = FakeOpenAi.server();

    static final int WARM_UP = 50;
    static final int ROUNDS = 200;

    @Test
    void printsMedianHarnessMillisecondsPerReviewTurn() throws Exception {
        SkillPack pack = SkillPack.load();
        byte[] source = LlmReviewerTest.CODE.getBytes(StandardCharsets.UTF_8);
        try (AsyncChecker checker = new AsyncChecker(Settings.load(), 1, AsyncChecker.DEFAULT_TIMEOUT)) {
            RuleDocs docs = RuleDocs.of(RuleCatalog.load(checker).rules());
            MeteredChatModel model = new ModelFactory(FakeOpenAi.settings(wm)).chatModel();
            ToolBox tools = new ToolBox(new AgentTools(pack, new AsyncCheckerTool(checker), (c, t) -> "unused"), 8);
            LlmReviewer reviewer = new LlmReviewer(checker, () -> docs, pack, model, tools,
                    ResponseFormatMode.JSON_SCHEMA, FakeOpenAi.MODEL);
            String draft = LlmReviewerTest.draft("fetch blocks the loop.",
                    LlmReviewerTest.item("AIO100", "blocking sleep", "error", 5, "time.sleep(1)", "It blocks."));

            // Turn without a tool call.
            wm.stubFor(FakeOpenAi.chat().willReturn(FakeOpenAi.answer(draft)));
            double[] plain = time(reviewer, source);
            String body = FakeOpenAi.requests(wm).get(0).getBodyAsString();
            double[] bare = bareHttp(body);

            // Turn with one check_async_code call first (two model round trips, one checker call inside).
            wm.resetAll();
            String args = FakeOpenAi.JSON.createObjectNode().put("code", LlmReviewerTest.CODE).toString();
            wm.stubFor(FakeOpenAi.chat().atPriority(1).withRequestBody(matchingJsonPath("$.messages[?(@.role == 'tool')]"))
                    .willReturn(FakeOpenAi.answer(draft)));
            wm.stubFor(FakeOpenAi.chat().atPriority(5)
                    .willReturn(FakeOpenAi.toolCall("call_1", AgentTools.CHECK_ASYNC_CODE, args)));
            double[] withTool = time(reviewer, source);

            Review review = reviewer.review("fetch.py", source, Progress.NONE);
            Encoding o200k = Encodings.newDefaultEncodingRegistry().getEncoding(EncodingType.O200K_BASE);
            JsonNode request = FakeOpenAi.JSON.readTree(body);
            int promptTokens = 0;
            for (JsonNode message : request.path("messages")) {
                promptTokens += o200k.countTokens(message.path("content").asText());
            }
            System.out.printf(Locale.ROOT, "review turn, harness after the checker (no tool call): median %.2f ms, p90 %.2f ms%n",
                    median(plain), percentile(plain, 0.9));
            System.out.printf(Locale.ROOT, "bare HTTP POST of the same %d-byte body to the same stub: median %.2f ms%n",
                    body.length(), median(bare));
            System.out.printf(Locale.ROOT, "harness overhead per turn (median difference): %.2f ms%n", median(plain) - median(bare));
            System.out.printf(Locale.ROOT, "review turn with one check_async_code tool call (2 model calls + 1 checker call): "
                    + "median %.2f ms%n", median(withTool));
            System.out.printf(Locale.ROOT, "tokens per turn with one tool call, as the stub reports them: %s%n", review.usage().summary());
            System.out.printf(Locale.ROOT, "prompt tokens of one review turn for this %d-line file (o200k_base, messages only): %d%n",
                    LlmReviewerTest.CODE.split("\n").length, promptTokens);
        }
    }

    private static double[] time(LlmReviewer reviewer, byte[] source) {
        double[] millis = new double[ROUNDS];
        for (int i = 0; i < WARM_UP + ROUNDS; i++) {
            long[] checked = new long[1];
            reviewer.review("fetch.py", source, step -> {
                if (step.endsWith("checker finding") || step.endsWith("checker findings")) {
                    checked[0] = System.nanoTime();
                }
            });
            long end = System.nanoTime();
            if (i >= WARM_UP) {
                millis[i - WARM_UP] = (end - checked[0]) / 1e6;
            }
        }
        return millis;
    }

    private static double[] bareHttp(String body) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest raw = HttpRequest.newBuilder(URI.create(FakeOpenAi.baseUrl(wm) + "/chat/completions"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + FakeOpenAi.KEY)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        double[] millis = new double[ROUNDS];
        for (int i = 0; i < WARM_UP + ROUNDS; i++) {
            long start = System.nanoTime();
            http.send(raw, HttpResponse.BodyHandlers.ofString());
            if (i >= WARM_UP) {
                millis[i - WARM_UP] = (System.nanoTime() - start) / 1e6;
            }
        }
        return millis;
    }

    private static double median(double[] values) {
        return percentile(values, 0.5);
    }

    private static double percentile(double[] values, double p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.floor(p * (sorted.length - 1) + 0.5))];
    }
}
