package dev.aioskill.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import dev.aioskill.route.Mode;
import dev.aioskill.skill.SkillPack;
import org.junit.jupiter.api.Test;

class SystemPromptTest {

    private final SkillPack pack = SkillPack.load();
    private final SystemPrompt prompt = new SystemPrompt(pack);

    @Test
    void everyModeCarriesThePrecisePracticeBlock() {
        for (Mode mode : Mode.values()) {
            String text = prompt.render(mode);
            assertThat(text).as(mode.name())
                    .contains("## Precise practice")
                    .contains("does **not** cancel the others")
                    .contains("catch `CancelledError` only to clean up and then re-raise it")
                    .contains("`redis.asyncio`")
                    .doesNotContain("{{");
        }
    }

    @Test
    void eachModeCarriesItsOwnSkillSection() {
        assertThat(prompt.render(Mode.BUILD)).contains("## Mode 1: Async Building").doesNotContain("## Mode 2: Async Review")
                .contains("## General Guidelines").contains("# Using Asyncio in Python Skill");
        assertThat(prompt.render(Mode.REVIEW)).contains("## Mode 2: Async Review").doesNotContain("## Mode 1: Async Building")
                .contains("### Review Output Format");
        assertThat(prompt.render(Mode.AMBIGUOUS)).contains("## Mode 1").contains("## Mode 2").contains("## How to Decide Which Mode");
    }

    @Test
    void referencesAreListedByTopicNotPastedWhole() {
        String text = prompt.render(Mode.REVIEW);
        assertThat(text).contains("cancellation").contains("taskgroup");
        String cancellationBody = pack.readReference("cancellation").section().orElseThrow().text();
        assertThat(text).doesNotContain(cancellationBody.substring(0, Math.min(200, cancellationBody.length())).substring(20));
    }

    /** The one place prompt size is measured; README quotes these figures. */
    @Test
    void printsTheSystemPromptTokenCountPerMode() {
        Encoding encoding = Encodings.newDefaultEncodingRegistry().getEncoding(EncodingType.O200K_BASE);
        StringBuilder report = new StringBuilder("system prompt tokens (o200k_base):");
        for (Mode mode : Mode.values()) {
            int tokens = encoding.countTokens(prompt.render(mode));
            report.append(' ').append(mode.name().toLowerCase()).append('=').append(tokens);
            // Guard against pasting references whole by accident: the core alone is a few thousand tokens.
            assertThat(tokens).as(mode.name()).isBetween(1000, 8000);
        }
        System.out.println(report);
    }
}
