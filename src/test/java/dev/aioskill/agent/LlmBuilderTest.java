package dev.aioskill.agent;

import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.aioskill.check.AsyncChecker;
import dev.aioskill.check.Finding;
import dev.aioskill.config.Settings;
import dev.aioskill.sandbox.PytestSandbox;
import dev.aioskill.sandbox.SandboxLimits;
import dev.aioskill.skill.SkillPack;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The verified build loop: WireMock plays the model through the real SDK; the real checker and the real
 * bubblewrap sandbox judge every draft.
 */
class LlmBuilderTest {

    @RegisterExtension
    static WireMockExtension wm = FakeOpenAi.server();

    static final SkillPack PACK = SkillPack.load();
    static AsyncChecker checker;

    static final String BLOCKING_CODE = "import asyncio\nimport time\n\n\nasync def double(x):\n    time.sleep(0.01)\n"
            + "    await asyncio.sleep(0)\n    return 2 * x\n";
    static final String CLEAN_CODE = "import asyncio\n\n\nasync def double(x):\n    await asyncio.sleep(0)\n    return 2 * x\n";
    static final String TESTS = "from app import double\n\n\nasync def test_double():\n    assert await double(2) == 4\n\n\n"
            + "async def test_zero():\n    assert await double(0) == 0\n";

    @BeforeAll
    static void open() {
        checker = new AsyncChecker(Settings.load(), 1, AsyncChecker.DEFAULT_TIMEOUT);
    }

    @AfterAll
    static void close() {
        checker.close();
    }

    static String draft(String code) {
        ObjectNode draft = FakeOpenAi.JSON.createObjectNode()
                .put("approach", "One coroutine; nothing blocks the loop.")
                .put("concurrency", "Nothing runs concurrently.")
                .put("code", code)
                .put("tests", TESTS)
                .put("shutdown", "Nothing to clean up.")
                .put("testingNotes", "pytest-asyncio in auto mode.");
        draft.putArray("chapters").add("Ch 3: coroutines");
        return draft.toString();
    }

    private LlmBuilder builder() {
        MeteredChatModel model = new ModelFactory(FakeOpenAi.settings(wm)).chatModel();
        PytestSandbox sandbox = PytestSandbox.fromSettings(Settings.load(), false);
        return new LlmBuilder(checker, () -> sandbox, SandboxLimits.defaults(), PACK, model, null,
                ResponseFormatMode.JSON_SCHEMA, null, FakeOpenAi.MODEL, LlmBuilder.DEFAULT_ROUNDS);
    }

    private static String lastUserMessage(JsonNode body) {
        String last = null;
        for (JsonNode message : body.path("messages")) {
            if (message.path("role").asText().equals("user")) {
                last = message.path("content").asText();
            }
        }
        return last;
    }

    @Test
    void aBlockingDraftGoesBackWithTheCheckersMessageAndTheCleanDraftIsVerifiedInTheSandbox() {
        wm.stubFor(FakeOpenAi.chat().inScenario("build").whenScenarioStateIs(STARTED)
                .willReturn(FakeOpenAi.answer(draft(BLOCKING_CODE))).willSetStateTo("repaired"));
        wm.stubFor(FakeOpenAi.chat().inScenario("build").whenScenarioStateIs("repaired")
                .willReturn(FakeOpenAi.answer(draft(CLEAN_CODE))));
        List<String> steps = new ArrayList<>();

        BuildAnswer answer = builder().build("a coroutine that doubles a number", List.of(), steps::add);

        var requests = FakeOpenAi.requests(wm);
        assertThat(requests).hasSize(2);
        Finding sleep = checker.check("app.py", BLOCKING_CODE).findings().stream()
                .filter(f -> f.rule().equals("AIO100")).findFirst().orElseThrow();
        String feedback = lastUserMessage(FakeOpenAi.body(requests.get(1)));
        assertThat(feedback).contains("AIO100 blocking-sleep (error) at line 6: " + sleep.message());
        assertThat(lastUserMessage(FakeOpenAi.body(requests.get(0)))).doesNotContain("AIO100");

        assertThat(answer.engine()).isEqualTo(FakeOpenAi.MODEL);
        assertThat(answer.files()).containsEntry("app.py", CLEAN_CODE).containsEntry("test_app.py", TESTS);
        assertThat(answer.verification().verified()).isTrue();
        assertThat(answer.verification().summary()).isEqualTo("checker: 0 findings; tests: 2 passed in the bubblewrap sandbox");
        String markdown = new BuildAnswerRenderer().markdown(answer);
        assertThat(markdown).contains("## Verified\n\nchecker: 0 findings; tests: 2 passed in the bubblewrap sandbox")
                .contains("verified by the harness in 2 rounds");
        assertThat(answer.usage().calls()).isEqualTo(2);
        assertThat(answer.usage().totalTokens()).isEqualTo(36);
        assertThat(steps).contains("checking the draft...", "repairing the draft (round 2 of 3)...");
        assertThat(String.join("\n", steps)).doesNotContain("async def");
    }

    @Test
    void whenRoundsRunOutTheAnswerSaysPlainlyWhatStillFails() {
        wm.stubFor(FakeOpenAi.chat().willReturn(FakeOpenAi.answer(draft(BLOCKING_CODE))));

        BuildAnswer answer = builder().build("a coroutine that doubles a number");

        assertThat(FakeOpenAi.requests(wm)).hasSize(LlmBuilder.DEFAULT_ROUNDS);
        assertThat(answer.verification().verified()).isFalse();
        assertThat(answer.choice()).startsWith("NOT VERIFIED: after 3 rounds the draft still fails verification")
                .contains("AIO100 line 6");
        String markdown = new BuildAnswerRenderer().markdown(answer);
        assertThat(markdown).contains("## Not verified").doesNotContain("## Verified");
    }

    @Test
    void aRefusedSandboxEndsTheLoopAtOnceAndNothingIsCalledVerified() {
        wm.stubFor(FakeOpenAi.chat().willReturn(FakeOpenAi.answer(draft(CLEAN_CODE))));
        PytestSandbox noBubblewrap = new PytestSandbox(new dev.aioskill.config.PythonResolver(Settings.load()).resolve(),
                dev.aioskill.sandbox.SandboxOptions.defaults().withBwrap(java.nio.file.Path.of("/nonexistent/aioskill/bwrap")));
        LlmBuilder builder = new LlmBuilder(checker, () -> noBubblewrap, SandboxLimits.defaults(), PACK,
                new ModelFactory(FakeOpenAi.settings(wm)).chatModel(), null, ResponseFormatMode.JSON_SCHEMA, null,
                FakeOpenAi.MODEL, LlmBuilder.DEFAULT_ROUNDS);

        BuildAnswer answer = builder.build("a coroutine that doubles a number");

        assertThat(FakeOpenAi.requests(wm)).hasSize(1);
        assertThat(answer.verification().verified()).isFalse();
        assertThat(answer.verification().summary()).contains("tests: not run, the sandbox refused");
        assertThat(answer.choice()).startsWith("NOT VERIFIED: after 1 round");
    }
}
