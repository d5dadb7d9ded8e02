package dev.aioskill.agent;

import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.aioskill.check.AsyncChecker;
import dev.aioskill.config.Settings;
import dev.aioskill.route.Mode;
import dev.aioskill.sandbox.PytestSandbox;
import dev.aioskill.sandbox.SandboxLimits;
import dev.aioskill.skill.SkillPack;
import dev.langchain4j.service.AiServices;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The tool loop with the real tools behind it: the project's AST checker and the bubblewrap sandbox.
 * WireMock plays the model: it drafts code with time.sleep, reads the checker's answer, then runs tests.
 */
class RealToolsLoopTest {

    @RegisterExtension
    static WireMockExtension wm = FakeOpenAi.server();

    static AsyncChecker checker;

    interface Assistant {
        String chat(String message);
    }

    static final String BLOCKING_DRAFT = "import asyncio\nimport time\n\nasync def pause():\n    time.sleep(0.01)\n";
    static final String CLEAN_CODE = "import asyncio\n\nasync def double(x):\n    await asyncio.sleep(0)\n    return 2 * x\n";
    static final String TESTS = "from app import double\n\nasync def test_double():\n    assert await double(2) == 4\n\n"
            + "async def test_zero():\n    assert await double(0) == 0\n";

    @BeforeAll
    static void open() {
        checker = new AsyncChecker(Settings.load(), 1, AsyncChecker.DEFAULT_TIMEOUT);
    }

    @AfterAll
    static void close() {
        checker.close();
    }

    @Test
    void checkerFindingsAndSandboxResultsGoBackToTheModel() throws Exception {
        String checkArgs = FakeOpenAi.JSON.createObjectNode().put("code", BLOCKING_DRAFT).toString();
        String testArgs = FakeOpenAi.JSON.createObjectNode().put("code", CLEAN_CODE).put("tests", TESTS).toString();
        wm.stubFor(FakeOpenAi.chat().inScenario("build").whenScenarioStateIs(STARTED)
                .willReturn(FakeOpenAi.toolCall("call_1", AgentTools.CHECK_ASYNC_CODE, checkArgs)).willSetStateTo("checked"));
        wm.stubFor(FakeOpenAi.chat().inScenario("build").whenScenarioStateIs("checked")
                .willReturn(FakeOpenAi.toolCall("call_2", AgentTools.RUN_PYTEST, testArgs)).willSetStateTo("tested"));
        wm.stubFor(FakeOpenAi.chat().inScenario("build").whenScenarioStateIs("tested")
                .willReturn(FakeOpenAi.answer("Verified: checker clean, 2 tests passed.")));
        SkillPack pack = SkillPack.load();
        AgentTools tools = new AgentTools(pack, new AsyncCheckerTool(checker),
                new PytestSandboxTool(PytestSandbox.fromSettings(Settings.load(), false), SandboxLimits.defaults()));
        Assistant assistant = new ToolBox(tools, 8).configure(AiServices.builder(Assistant.class)
                .chatModel(new ModelFactory(FakeOpenAi.settings(wm)).chatModel())
                .systemMessageProvider(id -> new SystemPrompt(pack).render(Mode.BUILD))).build();

        String answer = assistant.chat("write a coroutine that doubles a number");

        assertThat(answer).isEqualTo("Verified: checker clean, 2 tests passed.");
        var requests = FakeOpenAi.requests(wm);
        assertThat(requests.size()).isEqualTo(3);
        JsonNode findings = FakeOpenAi.JSON.readTree(lastToolResult(FakeOpenAi.body(requests.get(1))));
        assertThat(findings.isArray()).isTrue();
        assertThat(findings.findValuesAsText("rule")).contains("AIO100");
        JsonNode aio100 = StreamSupport.stream(findings.spliterator(), false)
                .filter(f -> f.path("rule").asText().equals("AIO100")).findFirst().orElseThrow();
        assertThat(aio100.path("line").asInt()).isEqualTo(5);
        assertThat(aio100.path("severity").asText()).isEqualTo("error");
        assertThat(lastToolResult(FakeOpenAi.body(requests.get(2)))).contains("2 passed, 0 failed");
    }

    private static String lastToolResult(JsonNode body) {
        JsonNode last = null;
        for (JsonNode message : body.path("messages")) {
            if (message.path("role").asText().equals("tool")) {
                last = message;
            }
        }
        assertThat(last).as("a tool result in the request").isNotNull();
        return last.path("content").asText();
    }
}
