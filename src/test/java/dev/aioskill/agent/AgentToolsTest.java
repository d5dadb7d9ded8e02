package dev.aioskill.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aioskill.skill.SkillPack;
import org.junit.jupiter.api.Test;

class AgentToolsTest {

    private final SkillPack pack = SkillPack.load();
    private final AgentTools tools = new AgentTools(pack, code -> "x".repeat(20_000), (code, tests) -> "1 passed");

    @Test
    void aKnownTopicReturnsItsSection() {
        assertThat(tools.readReference("cancellation")).isEqualTo(pack.readReference("cancellation").render());
    }

    @Test
    void anUnknownOrEmptyTopicListsTheTopics() {
        assertThat(tools.readReference("zzzz-no-such-topic")).contains("Available topics:");
        assertThat(tools.readReference(" ")).startsWith("Error: give a topic.").contains("Available topics:");
    }

    @Test
    void emptyCodeOrMissingTestsGiveAnErrorTextNotAnException() {
        assertThat(tools.checkAsyncCode("")).startsWith("Error: code is empty");
        assertThat(tools.runPytest("x = 1", null)).startsWith("Error: both code (app.py) and tests (test_app.py)");
        assertThat(tools.runPytest("x = 1", "def test_x(): pass")).isEqualTo("1 passed");
    }

    @Test
    void longResultsAreCutWithANote() {
        String result = tools.checkAsyncCode("x = 1");

        assertThat(result).hasSizeLessThan(AgentTools.MAX_RESULT_CHARS + 100)
                .endsWith("(cut: " + (20_000 - AgentTools.MAX_RESULT_CHARS) + " more characters)");
    }

    @Test
    void oversizedCodeIsRefused() {
        assertThat(tools.checkAsyncCode("#".repeat(AgentTools.MAX_CODE_CHARS + 1))).startsWith("Error: code is");
    }
}
