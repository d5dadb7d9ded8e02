package dev.aioskill.agent;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.aioskill.route.Mode;
import dev.aioskill.skill.SkillPack;
import dev.langchain4j.service.AiServices;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The tool-calling loop through AiServices, the real SDK and real HTTP, with WireMock playing the model.
 * The checker and the sandbox are stood in for by small lambdas here: their own tests run them for real.
 */
class ToolLoopTest {

    @RegisterExtension
    static WireMockExtension wm = FakeOpenAi.server();

    static final SkillPack PACK = SkillPack.load();
    static final String CHECKER_JSON =
            "[{\"rule\":\"AIO100\",\"line\":3,\"severity\":\"error\",\"message\":\"time.sleep() blocks the event loop\"}]";

    interface Assistant {
        String chat(String message);
    }

    private final List<String> checkedCode = new ArrayList<>();
    private final AtomicInteger checks = new AtomicInteger();

    private ToolBox toolBox(int cap) {
        AgentTools tools = new AgentTools(PACK, code -> {
            checks.incrementAndGet();
            checkedCode.add(code);
            return CHECKER_JSON;
        }, (code, tests) -> "{\"passed\":2,\"failed\":0}");
        return new ToolBox(tools, cap);
    }

    private Assistant assistant(ToolBox box) {
        MeteredChatModel model = new ModelFactory(FakeOpenAi.settings(wm)).chatModel();
        String system = new SystemPrompt(PACK).render(Mode.REVIEW);
        return box.configure(AiServices.builder(Assistant.class)
                        .chatModel(model)
                        .systemMessageProvider(memoryId -> system))
                .build();
    }

    /** Answers with {@code finalText} once a tool result is in the conversation, else calls the tool. */
    private void modelCallsThenAnswers(String tool, String arguments, String finalText) {
        wm.stubFor(FakeOpenAi.chat().atPriority(1)
                .withRequestBody(matchingJsonPath("$.messages[?(@.role == 'tool')]"))
                .willReturn(FakeOpenAi.answer(finalText)));
        wm.stubFor(FakeOpenAi.chat().atPriority(5).willReturn(FakeOpenAi.toolCall("call_1", tool, arguments)));
    }

    private static JsonNode message(JsonNode body, String role) {
        return StreamSupport.stream(body.path("messages").spliterator(), false)
                .filter(m -> m.path("role").asText().equals(role))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + role + " message in " + body));
    }

    @Test
    void modelReadsAReferenceSectionThenAnswersAndTheSectionIsSentBack() {
        modelCallsThenAnswers(AgentTools.READ_REFERENCE, "{\"topic\":\"cancellation\"}", "Re-raise CancelledError.");

        String answer = assistant(toolBox(8)).chat("Review my cancellation handling");

        assertThat(answer).isEqualTo("Re-raise CancelledError.");
        var requests = FakeOpenAi.requests(wm);
        assertThat(requests.size()).isEqualTo(2);
        JsonNode first = FakeOpenAi.body(requests.get(0));
        assertThat(message(first, "system").path("content").asText())
                .contains("Precise practice")
                .contains("read_reference");
        assertThat(first.path("tools").findValuesAsText("name"))
                .containsExactlyInAnyOrder("read_reference", "check_async_code", "run_pytest");
        JsonNode second = FakeOpenAi.body(requests.get(1));
        JsonNode toolResult = message(second, "tool");
        assertThat(toolResult.path("tool_call_id").asText()).isEqualTo("call_1");
        String section = PACK.readReference("cancellation").render();
        assertThat(toolResult.path("content").asText()).isEqualTo(section);
        assertThat(message(second, "assistant").path("tool_calls").get(0).path("function").path("name").asText())
                .isEqualTo("read_reference");
    }

    @Test
    void checkerFindingsGoBackToTheModelAsCompactJson() {
        String code = "import time\\nasync def main():\\n    time.sleep(1)\\n";
        modelCallsThenAnswers(AgentTools.CHECK_ASYNC_CODE, "{\"code\":\"" + code + "\"}", "Line 3 blocks.");

        String answer = assistant(toolBox(8)).chat("review this");

        assertThat(answer).isEqualTo("Line 3 blocks.");
        assertThat(checkedCode).containsExactly("import time\nasync def main():\n    time.sleep(1)\n");
        JsonNode toolResult = message(FakeOpenAi.body(FakeOpenAi.requests(wm).get(1)), "tool");
        assertThat(toolResult.path("content").asText()).isEqualTo(CHECKER_JSON);
    }

    @Test
    void anUnknownToolNameBecomesAnErrorTheModelCanReadNotACrash() {
        modelCallsThenAnswers("delete_everything", "{}", "Sorry, answering without it.");

        String answer = assistant(toolBox(8)).chat("hi");

        assertThat(answer).isEqualTo("Sorry, answering without it.");
        JsonNode toolResult = message(FakeOpenAi.body(FakeOpenAi.requests(wm).get(1)), "tool");
        assertThat(toolResult.path("content").asText()).isEqualTo(
                "Error: there is no tool named 'delete_everything'. Available tools: check_async_code, read_reference, run_pytest.");
    }

    @Test
    void malformedArgumentsBecomeAnErrorTheModelCanCorrect() {
        modelCallsThenAnswers(AgentTools.READ_REFERENCE, "{\"topic\": ", "ok");

        String answer = assistant(toolBox(8)).chat("hi");

        assertThat(answer).isEqualTo("ok");
        JsonNode toolResult = message(FakeOpenAi.body(FakeOpenAi.requests(wm).get(1)), "tool");
        assertThat(toolResult.path("content").asText())
                .startsWith("Error: the arguments for read_reference are not valid JSON or do not match its parameters");
    }

    @Test
    void callsPastTheCapAreNotRunAndTheModelIsToldToAnswer() {
        wm.stubFor(FakeOpenAi.chat().atPriority(1)
                .withRequestBody(containing("tool-call limit reached"))
                .willReturn(FakeOpenAi.answer("Answering with what I have.")));
        wm.stubFor(FakeOpenAi.chat().atPriority(5)
                .willReturn(FakeOpenAi.toolCall("call_x", AgentTools.CHECK_ASYNC_CODE, "{\"code\":\"x = 1\"}")));

        String answer = assistant(toolBox(2)).chat("check forever");

        assertThat(answer).isEqualTo("Answering with what I have.");
        assertThat(checks).hasValue(2);
        var requests = FakeOpenAi.requests(wm);
        assertThat(requests.size()).isEqualTo(4);
        JsonNode last = FakeOpenAi.body(requests.get(3));
        List<String> toolResults = StreamSupport.stream(last.path("messages").spliterator(), false)
                .filter(m -> m.path("role").asText().equals("tool"))
                .map(m -> m.path("content").asText())
                .toList();
        assertThat(toolResults).containsExactly(CHECKER_JSON, CHECKER_JSON,
                "Error: tool-call limit reached (2 calls per turn); check_async_code was not run. "
                        + "Do not call more tools: answer now with what you have.");
    }

    @Test
    void aModelThatIgnoresTheCapEndsTheTurnWithAClearError() {
        wm.stubFor(FakeOpenAi.chat()
                .willReturn(FakeOpenAi.toolCall("call_x", AgentTools.CHECK_ASYNC_CODE, "{\"code\":\"x = 1\"}")));
        ToolBox box = toolBox(2);
        Assistant assistant = assistant(box);

        assertThatThrownBy(() -> box.runTurn(() -> assistant.chat("loop")))
                .isInstanceOf(ToolCallLimitException.class)
                .hasMessageStartingWith("the model kept calling tools past the limit of 2 calls per turn")
                .hasMessageContaining("AIOSKILL_MAX_TOOL_CALLS");
        assertThat(checks).hasValue(2);
        assertThat(FakeOpenAi.requests(wm).size()).isEqualTo(2 + ToolBox.REFUSALS_BEFORE_STOP + 1);
    }

    @Test
    void aModelThatKeepsCallingUnknownToolsIsStoppedByTheBackstop() {
        wm.stubFor(FakeOpenAi.chat().willReturn(FakeOpenAi.toolCall("call_x", "imaginary_tool", "{}")));
        ToolBox box = toolBox(2);
        Assistant assistant = assistant(box);

        assertThatThrownBy(() -> box.runTurn(() -> assistant.chat("loop")))
                .isInstanceOf(ToolCallLimitException.class)
                .hasMessageContaining("limit of 2 calls per turn");
        // LangChain4j allows (limit) answers with tool calls, then asks once more before it stops the loop.
        assertThat(FakeOpenAi.requests(wm).size()).isEqualTo(2 + ToolBox.REFUSALS_BEFORE_STOP + 2);
    }

    @Test
    void eachTurnGetsAFreshBudget() {
        modelCallsThenAnswers(AgentTools.CHECK_ASYNC_CODE, "{\"code\":\"x = 1\"}", "fine");
        ToolBox box = toolBox(1);
        Assistant assistant = assistant(box);

        assertThat(assistant.chat("one")).isEqualTo("fine");
        assertThat(assistant.chat("two")).isEqualTo("fine");
        assertThat(checks).hasValue(2);
    }
}
