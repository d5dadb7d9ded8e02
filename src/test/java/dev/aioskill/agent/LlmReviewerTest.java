package dev.aioskill.agent;

import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.aioskill.check.AsyncChecker;
import dev.aioskill.check.RuleCatalog;
import dev.aioskill.config.Settings;
import dev.aioskill.review.GroundingStats;
import dev.aioskill.review.MarkdownRenderer;
import dev.aioskill.review.Origin;
import dev.aioskill.review.Review;
import dev.aioskill.review.ReviewFinding;
import dev.aioskill.review.RuleDocs;
import dev.aioskill.skill.SkillPack;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The grounded model review through the real SDK and real HTTP (WireMock on 127.0.0.1 plays the model),
 * with the real AST checker behind both the review and the model's check_async_code tool.
 */
class LlmReviewerTest {

    @RegisterExtension
    static WireMockExtension wm = FakeOpenAi.server();

    static final SkillPack PACK = SkillPack.load();
    static AsyncChecker checker;
    static RuleDocs docs;

    /** Six lines; line 5 blocks the loop (AIO100). */
    static final String CODE = "import asyncio\nimport time\n\nasync def fetch(url):\n    time.sleep(1)\n"
            + "    return await asyncio.sleep(0, url)\n";

    @BeforeAll
    static void open() {
        checker = new AsyncChecker(Settings.load(), 1, AsyncChecker.DEFAULT_TIMEOUT);
        docs = RuleDocs.of(RuleCatalog.load(checker).rules());
    }

    @AfterAll
    static void close() {
        checker.close();
    }

    private LlmReviewer reviewer() {
        MeteredChatModel model = new ModelFactory(FakeOpenAi.settings(wm)).chatModel();
        AgentTools tools = new AgentTools(PACK, new AsyncCheckerTool(checker), (code, tests) -> "not used here");
        return new LlmReviewer(checker, () -> docs, PACK, model, new ToolBox(tools, 4),
                ResponseFormatMode.JSON_SCHEMA, FakeOpenAi.MODEL);
    }

    static ObjectNode item(String rule, String topic, String severity, int line, String quote, String problem) {
        ObjectNode item = FakeOpenAi.JSON.createObjectNode();
        if (rule == null) {
            item.putNull("rule");
        } else {
            item.put("rule", rule);
        }
        return item.put("topic", topic).put("category", "BLOCKING").put("chapter", "Ch 2-3").put("severity", severity)
                .put("line", line).put("quotedLine", quote).put("problem", problem).put("fix", "Use await asyncio.sleep().")
                .put("snippet", "await asyncio.sleep(1)");
    }

    static String draft(String summary, ObjectNode... items) {
        ObjectNode root = FakeOpenAi.JSON.createObjectNode().put("summary", summary);
        var findings = root.putArray("findings");
        for (ObjectNode item : items) {
            findings.add(item);
        }
        root.putArray("recommendations").addObject().put("text", "Never block the loop.").put("chapter", "Ch 2-3");
        return root.toString();
    }

    private static JsonNode message(JsonNode body, String role) {
        return StreamSupport.stream(body.path("messages").spliterator(), false)
                .filter(m -> m.path("role").asText().equals(role))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + role + " message in " + body));
    }

    @Test
    void theModelCallsTheCheckerToolAndItsStructuredReviewIsGrounded() {
        String args = FakeOpenAi.JSON.createObjectNode().put("code", CODE).toString();
        wm.stubFor(FakeOpenAi.chat().atPriority(1)
                .withRequestBody(matchingJsonPath("$.messages[?(@.role == 'tool')]"))
                .willReturn(FakeOpenAi.answer(draft("fetch blocks the event loop.",
                        item("AIO100", "blocking sleep", "error", 5, "time.sleep(1)", "time.sleep blocks every task.")))));
        wm.stubFor(FakeOpenAi.chat().atPriority(5)
                .willReturn(FakeOpenAi.toolCall("call_1", AgentTools.CHECK_ASYNC_CODE, args)));

        Review review = reviewer().review("fetch.py", CODE.getBytes(StandardCharsets.UTF_8), Progress.NONE);

        var requests = FakeOpenAi.requests(wm);
        assertThat(requests).hasSize(2);
        JsonNode first = FakeOpenAi.body(requests.get(0));
        assertThat(first.path("messages").get(0).path("role").asText()).isEqualTo("system");
        assertThat(message(first, "system").path("content").asText())
                .isEqualTo(new SystemPrompt(PACK).render(dev.aioskill.route.Mode.REVIEW));
        String prompt = message(first, "user").path("content").asText();
        assertThat(prompt).contains("5 |     time.sleep(1)").contains("\"rule\":\"AIO100\"")
                .contains("time.sleep in a coroutine (AIO100");
        assertThat(first.path("tools").findValuesAsText("name"))
                .containsExactlyInAnyOrder("check_async_code", "read_reference");
        assertThat(first.path("response_format").path("type").asText()).isEqualTo("json_schema");

        JsonNode second = FakeOpenAi.body(requests.get(1));
        JsonNode toolResult = message(second, "tool");
        assertThat(toolResult.path("tool_call_id").asText()).isEqualTo("call_1");
        JsonNode checked = FakeOpenAi.JSON.valueToTree(parse(toolResult.path("content").asText()));
        assertThat(checked.findValuesAsText("rule")).contains("AIO100");

        assertThat(review.engine()).isEqualTo(FakeOpenAi.MODEL);
        ReviewFinding sleep = review.findings().stream().filter(f -> "AIO100".equals(f.rule())).findFirst().orElseThrow();
        assertThat(sleep.location().startLine()).isEqualTo(5);
        assertThat(sleep.origin()).isEqualTo(Origin.MODEL);
        // Grounding keeps the richer text of the two (here the checker's), the model's origin stays.
        assertThat(sleep.problem()).isNotBlank();
        assertThat(review.grounding()).isEqualTo(new GroundingStats(1, 0, 0, 0, 0));
        assertThat(review.usage()).isNotNull();
        assertThat(review.usage().calls()).isEqualTo(2);
        assertThat(review.usage().inputTokens()).isEqualTo(22);
        assertThat(review.usage().outputTokens()).isEqualTo(14);
        assertThat(review.usage().totalTokens()).isEqualTo(36);
    }

    @Test
    void aFindingOnALineThatDoesNotExistIsDroppedAndTheMissedSleepIsAdded() {
        wm.stubFor(FakeOpenAi.chat().willReturn(FakeOpenAi.answer(draft("The session is never closed.",
                item(null, "session never closed", "warning", 99, "await session.close()", "The session leaks.")))));
        List<String> steps = new ArrayList<>();

        Review review = reviewer().review("fetch.py", CODE.getBytes(StandardCharsets.UTF_8), steps::add);

        assertThat(review.grounding()).isEqualTo(new GroundingStats(1, 0, 1, 0, 1));
        assertThat(review.findings()).noneMatch(f -> f.location().startLine() == 99);
        assertThat(review.findings()).noneMatch(f -> f.title().equals("session never closed"));
        ReviewFinding added = review.findings().stream().filter(f -> "AIO100".equals(f.rule())).findFirst().orElseThrow();
        assertThat(added.origin()).isEqualTo(Origin.CHECKER);
        assertThat(added.location().startLine()).isEqualTo(5);
        assertThat(added.location().quote()).isEqualTo("time.sleep(1)");
        assertThat(review.summary()).contains("The AST checker also reported blocking-sleep (AIO100) at line 5")
                .contains("1 finding the model proposed pointed at code that is not in the file and was dropped");
        assertThat(new MarkdownRenderer().render(review))
                .contains("Engine: model gpt-test (grounded against the AST checker).")
                .contains("Grounding: of 1 finding the model proposed, 0 moved to the line their code is on, "
                        + "1 dropped as not in the file, 0 merged as duplicates; 1 added from the checker.");
        assertThat(steps).anyMatch(step -> step.startsWith("grounded: 1 proposed, 0 repaired, 1 dropped"));
        assertThat(String.join("\n", steps)).doesNotContain("time.sleep");
    }

    @Test
    void anUnknownToolAndBadArgumentsBecomeErrorsTheModelReadsAndTheReviewStillCompletes() {
        wm.stubFor(FakeOpenAi.chat().atPriority(1)
                .withRequestBody(matchingJsonPath("$.messages[?(@.tool_call_id == 'call_2')]"))
                .willReturn(FakeOpenAi.answer(draft("fetch blocks the loop.",
                        item("AIO100", null, "error", 5, "time.sleep(1)", "It blocks.")))));
        wm.stubFor(FakeOpenAi.chat().atPriority(2)
                .withRequestBody(matchingJsonPath("$.messages[?(@.tool_call_id == 'call_1')]"))
                .willReturn(FakeOpenAi.toolCall("call_2", AgentTools.READ_REFERENCE, "{\"topic\": ")));
        wm.stubFor(FakeOpenAi.chat().atPriority(5).willReturn(FakeOpenAi.toolCall("call_1", "delete_everything", "{}")));

        Review review = reviewer().review("fetch.py", CODE);

        var requests = FakeOpenAi.requests(wm);
        assertThat(requests).hasSize(3);
        List<String> toolResults = new ArrayList<>();
        for (JsonNode m : FakeOpenAi.body(requests.get(2)).path("messages")) {
            if (m.path("role").asText().equals("tool")) {
                toolResults.add(m.path("content").asText());
            }
        }
        assertThat(toolResults).hasSize(2);
        assertThat(toolResults.get(0)).isEqualTo("Error: there is no tool named 'delete_everything'. "
                + "Available tools: check_async_code, read_reference.");
        assertThat(toolResults.get(1)).startsWith("Error: the arguments for read_reference are not valid JSON");
        assertThat(review.findings()).anyMatch(f -> "AIO100".equals(f.rule()));
        assertThat(review.usage().calls()).isEqualTo(3);
    }

    @Test
    void anAnswerThatIsNotJsonIsAskedAgainOnceWithTheReason() {
        wm.stubFor(FakeOpenAi.chat().inScenario("reask").whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
                .willReturn(FakeOpenAi.answer("Sure! The code blocks on line 5.")).willSetStateTo("asked again"));
        wm.stubFor(FakeOpenAi.chat().inScenario("reask").whenScenarioStateIs("asked again")
                .willReturn(FakeOpenAi.answer("```json\n" + draft("fetch blocks the loop.",
                        item("AIO100", null, "error", 5, "time.sleep(1)", "It blocks.")) + "\n```")));

        Review review = reviewer().review("fetch.py", CODE);

        var requests = FakeOpenAi.requests(wm);
        assertThat(requests).hasSize(2);
        assertThat(requests.get(1).getBodyAsString()).contains("Your previous answer could not be used");
        assertThat(review.grounding().proposed()).isEqualTo(1);
        assertThat(review.usage().calls()).isEqualTo(2);
    }

    @Test
    void aFileThatDoesNotParseIsNotSentToTheModel() {
        Review review = reviewer().review("broken.py", "async def f(:\n".getBytes(StandardCharsets.UTF_8), Progress.NONE);

        assertThat(FakeOpenAi.requests(wm)).isEmpty();
        assertThat(review.isUnparseable()).isTrue();
        assertThat(review.engineLine()).contains("does not parse, so the model gpt-test was not asked");
    }

    private static Object parse(String json) {
        try {
            return FakeOpenAi.JSON.readTree(json);
        } catch (Exception e) {
            throw new AssertionError("tool result is not JSON: " + json, e);
        }
    }
}
