package dev.aioskill.agent;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.aioskill.route.Mode;
import dev.aioskill.skill.SkillPack;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.service.AiServices;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * On-demand measurement of the harness's own cost per model turn, with WireMock on 127.0.0.1 answering at
 * once (prints numbers, asserts nothing about time):
 * {@code mvn -B -q test -Dtest=ModelOverheadBenchmark -Daioskill.bench=true -Dsurefire.failIfNoSpecifiedTests=false}
 *
 * <p>The baseline is a plain JDK HTTP POST of the same review-sized request body to the same stub, so the
 * difference is what LangChain4j, the OpenAI SDK and this package add (request building, JSON both ways,
 * metering, tool dispatch), not WireMock's own time.
 *
 * <p>Measured finding: request bodies above about 8 KB (every review turn: the system prompt alone is
 * ~12 KB) cost about 40 ms more through the SDK's OkHttp client than through the JDK client. OkHttp writes
 * the body in 8 KB segments without TCP_NODELAY, so on loopback the last segment waits for the server's
 * delayed ACK (Nagle). The small-turn line shows the harness's own cost without that stall.
 */
@EnabledIfSystemProperty(named = "aioskill.bench", matches = "true")
class ModelOverheadBenchmark {

    @RegisterExtension
    static WireMockExtension wm = FakeOpenAi.server();

    static final int WARM_UP = 100;
    static final int ROUNDS = 200;

    interface Assistant {
        String chat(String message);
    }

    record Verdict(String answer, int score) {}

    @Test
    void printsMedianMillisecondsPerTurn() throws Exception {
        SkillPack pack = SkillPack.load();
        String system = new SystemPrompt(pack).render(Mode.REVIEW);
        UsageMeter meter = new UsageMeter();
        MeteredChatModel model = new ModelFactory(FakeOpenAi.settings(wm), meter).chatModel();
        ToolBox box = new ToolBox(new AgentTools(pack, code -> "[]", (code, tests) -> "{\"passed\":1}"), 8);
        Assistant assistant = box.configure(AiServices.builder(Assistant.class)
                .chatModel(model).systemMessageProvider(id -> system)).build();

        // One turn, no tool call: capture its request body for the baseline.
        wm.stubFor(FakeOpenAi.chat().atPriority(1).withRequestBody(containing("\"role\":\"tool\""))
                .willReturn(FakeOpenAi.answer("Reviewed.")));
        wm.stubFor(FakeOpenAi.chat().atPriority(2).withRequestBody(containing("use a tool"))
                .willReturn(FakeOpenAi.toolCall("call_1", AgentTools.READ_REFERENCE, "{\"topic\":\"cancellation\"}")));
        wm.stubFor(FakeOpenAi.chat().atPriority(5).willReturn(FakeOpenAi.answer("{\"answer\":\"ok\",\"score\":3}")));
        assistant.chat("review this code");
        String body = FakeOpenAi.requests(wm).get(0).getBodyAsString();

        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest raw = HttpRequest.newBuilder(URI.create(FakeOpenAi.baseUrl(wm) + "/chat/completions"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + FakeOpenAi.KEY)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        Assistant bare = box.configure(AiServices.builder(Assistant.class).chatModel(model)).build();
        StructuredCall structured = new StructuredCall(model, ResponseFormatMode.JSON_SCHEMA);
        List<ChatMessage> messages = List.of(SystemMessage.from(system), UserMessage.from("grade this"));

        double baseline = median("raw JDK HTTP POST, same body (baseline)", 1,
                () -> http.send(raw, HttpResponse.BodyHandlers.ofString()).body());
        double plain = median("MeteredChatModel.chat, one call", 1, () -> model.chat("hello"));
        double small = median("AiServices turn, tools offered, no system prompt", 1, () -> bare.chat("review this code"));
        double turn = median("AiServices review turn, tools offered, 1 call", 1, () -> assistant.chat("review this code"));
        double toolTurn = median("AiServices turn with read_reference, 2 calls", 2, () -> assistant.chat("use a tool"));
        double json = median("StructuredCall<Verdict>, json_schema, 1 call", 1,
                () -> structured.ask(messages, Verdict.class).value());

        System.out.printf(Locale.ROOT, "%nharness overhead per model call (median minus baseline):%n");
        System.out.printf(Locale.ROOT, "  plain call          %6.2f ms%n", plain - baseline);
        System.out.printf(Locale.ROOT, "  small turn (<8 KB)  %6.2f ms%n", small - baseline);
        System.out.printf(Locale.ROOT, "  review turn         %6.2f ms%n", turn - baseline);
        System.out.printf(Locale.ROOT, "  tool turn (2 calls) %6.2f ms per turn, %6.2f ms per call%n",
                toolTurn - 2 * baseline, (toolTurn - 2 * baseline) / 2);
        System.out.printf(Locale.ROOT, "  structured call     %6.2f ms%n", json - baseline);
        System.out.printf(Locale.ROOT, "tokens as reported by the stub: %s%n", meter.total().summary());
        System.out.printf(Locale.ROOT, "review request body: %d characters%n", body.length());
    }

    private static double median(String label, int calls, Callable<?> action) throws Exception {
        for (int i = 0; i < WARM_UP; i++) {
            action.call();
        }
        double[] millis = new double[ROUNDS];
        for (int i = 0; i < ROUNDS; i++) {
            long start = System.nanoTime();
            action.call();
            millis[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(millis);
        double median = millis[ROUNDS / 2];
        System.out.printf(Locale.ROOT, "%-50s median %6.2f ms  p90 %6.2f ms  (%d model call%s, %d rounds)%n",
                label, median, millis[ROUNDS * 9 / 10], calls, calls == 1 ? "" : "s", ROUNDS);
        return median;
    }
}
