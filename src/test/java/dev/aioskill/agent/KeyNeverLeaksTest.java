package dev.aioskill.agent;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.aioskill.route.Mode;
import dev.aioskill.skill.SkillPack;
import dev.langchain4j.service.AiServices;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/**
 * The API key used in these tests reaches the server's Authorization header and nothing else: no log
 * event at any level, no exception message, no tool result, no request body, nothing on stdout/stderr.
 */
class KeyNeverLeaksTest {

    @RegisterExtension
    static WireMockExtension wm = FakeOpenAi.server();

    private static final List<String> LOGGERS = List.of(Logger.ROOT_LOGGER_NAME, "com.openai", "okhttp3", "dev.langchain4j");

    private final ListAppender<ILoggingEvent> events = new ListAppender<>();
    private final Map<String, Level> levels = new java.util.HashMap<>();
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private PrintStream out;
    private PrintStream err;

    interface Assistant {
        String chat(String message);
    }

    @BeforeEach
    void captureEverything() {
        events.start();
        for (String name : LOGGERS) {
            Logger logger = (Logger) LoggerFactory.getLogger(name);
            levels.put(name, logger.getLevel());
            logger.setLevel(Level.TRACE);
        }
        ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).addAppender(events);
        out = System.out;
        err = System.err;
        PrintStream both = new PrintStream(console, true, StandardCharsets.UTF_8);
        System.setOut(both);
        System.setErr(both);
    }

    @AfterEach
    void restore() {
        System.setOut(out);
        System.setErr(err);
        ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).detachAppender(events);
        levels.forEach((name, level) -> ((Logger) LoggerFactory.getLogger(name)).setLevel(level));
    }

    @Test
    void theKeyAppearsOnlyInTheAuthorizationHeader() {
        ModelSettings settings = FakeOpenAi.settings(wm);
        List<Throwable> failures = new ArrayList<>();

        // A success, a tool loop with a failing tool, a structured call that steps down and re-asks.
        wm.stubFor(FakeOpenAi.chat().atPriority(1).withRequestBody(matchingJsonPath("$.messages[?(@.role == 'tool')]"))
                .willReturn(FakeOpenAi.answer("done")));
        wm.stubFor(FakeOpenAi.chat().atPriority(2).withRequestBody(matchingJsonPath("$.tools"))
                .willReturn(FakeOpenAi.toolCall("c1", AgentTools.CHECK_ASYNC_CODE, "{\"code\":\"x = 1\"}")));
        wm.stubFor(FakeOpenAi.chat().atPriority(3).withRequestBody(matchingJsonPath("$.response_format"))
                .willReturn(FakeOpenAi.error(400, "no response_format here")));
        wm.stubFor(FakeOpenAi.chat().atPriority(5).willReturn(FakeOpenAi.answer("not json")));
        MeteredChatModel model = new ModelFactory(settings).chatModel();
        SkillPack pack = SkillPack.load();
        AgentTools tools = new AgentTools(pack, code -> {
            throw new IllegalStateException("checker crashed while holding " + FakeOpenAi.KEY);
        }, (code, tests) -> "");
        Assistant assistant = new ToolBox(tools, 4).configure(AiServices.builder(Assistant.class)
                .chatModel(model).systemMessageProvider(id -> new SystemPrompt(pack).render(Mode.BUILD))).build();
        assertThat(assistant.chat("write code")).isEqualTo("done");
        failures.add(catchThrowable(() -> new StructuredCall(model, ResponseFormatMode.JSON_SCHEMA)
                .ask(StructuredCallTest.MESSAGES, StructuredCallTest.Verdict.class)));

        // Every failure kind, with a timeout short enough for the slow answer.
        MeteredChatModel impatient = new ModelFactory(settings.withTimeout(Duration.ofSeconds(1))).chatModel();
        for (var failure : List.of(
                FakeOpenAi.error(401, "Incorrect API key provided: " + FakeOpenAi.KEY),
                FakeOpenAi.error(429, "rate limited"),
                FakeOpenAi.error(500, "boom"),
                FakeOpenAi.answer("late").withFixedDelay(1_500),
                aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER),
                aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK))) {
            wm.resetAll();
            wm.stubFor(FakeOpenAi.chat().willReturn(failure));
            failures.add(catchThrowable(() -> impatient.chat("hi")));
        }

        assertThat(failures).hasSize(7).doesNotContainNull();
        for (Throwable failure : failures) {
            for (Throwable t = failure; t != null; t = t.getCause()) {
                if (t instanceof ModelCallException || t instanceof StructuredOutputException) {
                    assertThat(t.getMessage()).doesNotContain(FakeOpenAi.KEY);
                }
            }
        }
        assertThat(failures.get(1)).isInstanceOf(ModelCallException.class)
                .hasMessageContaining("401 Unauthorized").hasMessageContaining("****");
        for (ILoggingEvent event : events.list) {
            assertThat(event.getFormattedMessage()).doesNotContain(FakeOpenAi.KEY);
            for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
                assertThat(String.valueOf(t.getMessage())).doesNotContain(FakeOpenAi.KEY);
            }
        }
        assertThat(console.toString(StandardCharsets.UTF_8)).doesNotContain(FakeOpenAi.KEY);
        assertThat(model.toString()).doesNotContain(FakeOpenAi.KEY);
        assertThat(settings.toString()).doesNotContain(FakeOpenAi.KEY);
    }

    @Test
    void toolErrorsSentToTheModelAreMasked() {
        wm.stubFor(FakeOpenAi.chat().atPriority(1).withRequestBody(matchingJsonPath("$.messages[?(@.role == 'tool')]"))
                .willReturn(FakeOpenAi.answer("done")));
        wm.stubFor(FakeOpenAi.chat().atPriority(5)
                .willReturn(FakeOpenAi.toolCall("c1", AgentTools.CHECK_ASYNC_CODE, "{\"code\":\"x = 1\"}")));
        MeteredChatModel model = new ModelFactory(FakeOpenAi.settings(wm)).chatModel();
        AgentTools tools = new AgentTools(SkillPack.load(), code -> {
            throw new IllegalStateException("checker crashed while holding " + FakeOpenAi.KEY);
        }, (code, tests) -> "");
        Assistant assistant = new ToolBox(tools, 4).configure(AiServices.builder(Assistant.class).chatModel(model)).build();

        assistant.chat("check");

        String toolResult = FakeOpenAi.body(FakeOpenAi.requests(wm).get(1)).path("messages").get(2).path("content").asText();
        assertThat(toolResult).isEqualTo("Error: check_async_code failed (checker crashed while holding ****).");
        for (var request : FakeOpenAi.requests(wm)) {
            assertThat(request.getBodyAsString()).doesNotContain(FakeOpenAi.KEY);
            assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + FakeOpenAi.KEY);
        }
    }
}
