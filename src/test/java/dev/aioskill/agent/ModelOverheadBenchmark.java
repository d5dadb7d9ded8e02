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
 * <p>This benchmark found that request bodies above about 8 KB (every review turn: the system prompt alone
 * is ~12 KB) cost about 40 ms more through the SDK's own OkHttp transport (Nagle's algorithm meeting the
 * server's delayed ACK); hence {@link JdkHttpTransport}.
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

        List<Case> cases = List.of(
                new Case("raw JDK HTTP POST, review body (baseline)", 1,
                        () -> http.send(raw, HttpResponse.BodyHandlers.ofString()).body()),
                new Case("MeteredChatModel.chat, tiny body", 1, () -> model.chat("hello")),
                new Case("AiServices turn, tools offered, no system prompt", 1, () -> bare.chat("review this code")),
                new Case("AiServices review turn, tools offered", 1, () -> assistant.chat("review this code")),
                new Case("AiServices turn with read_reference", 2, () -> assistant.chat("use a tool")),
                new Case("StructuredCall<Verdict>, json_schema", 1, () -> structured.ask(messages, Verdict.class).value()));
        double[] medians = roundRobin(cases);
        double baseline = medians[0];

        System.out.printf(Locale.ROOT, "%nharness overhead per review-sized model call (median minus baseline):%n");
        System.out.printf(Locale.ROOT, "  review turn         %6.2f ms%n", medians[3] - baseline);
        System.out.printf(Locale.ROOT, "  tool turn (2 calls) %6.2f ms per turn, %6.2f ms per call%n",
                medians[4] - 2 * baseline, (medians[4] - 2 * baseline) / 2);
        System.out.printf(Locale.ROOT, "  structured call     %6.2f ms%n", medians[5] - baseline);
        System.out.printf(Locale.ROOT, "tokens as reported by the stub: %s%n", meter.total().summary());
        System.out.printf(Locale.ROOT, "review request body: %d characters%n", body.length());
    }

    record Case(String label, int calls, Callable<?> action) {}

    /** Runs the cases in turn, round after round, so load on a shared machine hits them all alike. */
    private static double[] roundRobin(List<Case> cases) throws Exception {
        for (int i = 0; i < WARM_UP; i++) {
            for (Case c : cases) {
                c.action().call();
            }
        }
        double[][] millis = new double[cases.size()][ROUNDS];
        for (int round = 0; round < ROUNDS; round++) {
            for (int i = 0; i < cases.size(); i++) {
                long start = System.nanoTime();
                cases.get(i).action().call();
                millis[i][round] = (System.nanoTime() - start) / 1e6;
            }
        }
        double[] medians = new double[cases.size()];
        for (int i = 0; i < cases.size(); i++) {
            Arrays.sort(millis[i]);
            medians[i] = millis[i][ROUNDS / 2];
            Case c = cases.get(i);
            System.out.printf(Locale.ROOT, "%-50s median %6.2f ms  p90 %6.2f ms  (%d model call%s, %d rounds)%n",
                    c.label(), medians[i], millis[i][ROUNDS * 9 / 10], c.calls(), c.calls() == 1 ? "" : "s", ROUNDS);
        }
        return medians;
    }
}
