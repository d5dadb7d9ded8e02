package dev.aioskill.skill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SkillPackTest {

    /** SHA-256 of ../shared/skill/SKILL.md as given: the packaged skill must stay byte-identical. */
    private static final String GIVEN_SKILL_SHA256 = "d427e069eeed236c7a824b6c6319b2da20e78ab7993df962ac7890c99c854322";

    private final SkillPack pack = SkillPack.load();

    @Test
    void packagedSkillMdIsTheGivenTextUnchanged() throws Exception {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("references/SKILL.md")) {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(in.readAllBytes());
            assertThat(HexFormat.of().formatHex(digest)).isEqualTo(GIVEN_SKILL_SHA256);
        }
    }

    @Test
    void frontMatterGivesNameAndFoldedDescription() {
        assertThat(pack.frontMatter().name()).isEqualTo("using-asyncio-python");
        assertThat(pack.frontMatter().description())
                .startsWith("Apply Using Asyncio in Python practices (Caleb Hattingh).")
                .contains("Trigger on \"asyncio\"")
                .doesNotContain("\n");
        assertThat(pack.body()).startsWith("# Using Asyncio in Python Skill").doesNotContain("description: >");
    }

    @Test
    void loadsEveryReferenceFileSkillMdNames() {
        assertThat(pack.referenceFiles()).containsExactly("api_reference.md", "review-checklist.md");
        assertThat(pack.reference("api_reference.md")).isPresent();
        assertThat(pack.reference("review-checklist.md")).isPresent();
    }

    @Test
    void skillSectionsAreFoundByHeading() {
        assertThat(pack.skillSection("Mode 1")).get().asString().contains("### Step 1");
        assertThat(pack.skillSection("Mode 2")).get().asString().contains("### Review Output Format")
                .doesNotContain("## General Guidelines");
    }

    @Test
    void readReferenceReturnsOneSectionByTopic() {
        ReferenceLookup lookup = pack.readReference("cancellation");
        assertThat(lookup.found()).isTrue();
        assertThat(lookup.section().get().heading().toLowerCase()).contains("cancel");
        assertThat(lookup.render()).startsWith("#");
    }

    @Test
    void unknownTopicListsTheTopicsInsteadOfFailing() {
        ReferenceLookup lookup = pack.readReference("kubernetes operators");
        assertThat(lookup.found()).isFalse();
        assertThat(lookup.availableTopics()).isNotEmpty().isEqualTo(pack.index().topics());
        assertThat(lookup.render()).contains("No reference section matches 'kubernetes operators'").contains("Available topics:");
        assertThat(pack.readReference("").found()).isFalse();
        assertThat(pack.readReference(null).found()).isFalse();
    }

    @Test
    void everyPromptLoadsAndNamesItsSlots() {
        for (String name : SkillPack.PROMPTS) {
            assertThat(pack.prompt(name).slots()).as(name).isNotEmpty();
        }
        assertThat(pack.prompt("system").slots()).contains("skill_core", "reference_topics");
        assertThatThrownBy(() -> pack.prompt("nope")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void headingsInsideCodeFencesAreNotSections() {
        String text = "# Doc\n\n## Real one\n\n```python\n# not a heading\nx = 1\n```\n\n### Child\n\nbody\n\n## Next\n";
        ReferenceIndex index = ReferenceIndex.build(List.of(new ReferenceIndex.ReferenceFile("t.md", text)));
        assertThat(index.sections()).extracting(ReferenceSection::heading)
                .containsExactly("Doc", "Real one", "Child", "Next");
        ReferenceSection real = index.lookup("real one").section().orElseThrow();
        assertThat(real.text()).contains("# not a heading").contains("### Child").doesNotContain("## Next");
        assertThat(index.lookup("child").section().orElseThrow().level()).isEqualTo(3);
    }

    @Test
    void lookupPrefersExactTopicThenTheMostSpecificHeading() {
        String text = "## Cancellation and timeouts together\n\na\n\n## Cancellation\n\nb\n\n## Timeouts\n\nc\n";
        ReferenceIndex index = ReferenceIndex.build(List.of(new ReferenceIndex.ReferenceFile("t.md", text)));
        assertThat(index.lookup("Cancellation").section().orElseThrow().text()).contains("b");
        assertThat(index.lookup("cancel").section().orElseThrow().heading()).isEqualTo("Cancellation");
        assertThat(index.lookup("timeouts cancellation").section().orElseThrow().heading())
                .isEqualTo("Cancellation and timeouts together");
    }

    @Test
    void promptTemplateFillsSlotsLiterallyAndRefusesHoles() {
        PromptTemplate template = new PromptTemplate("t", "Hello {{name}}, cost {{ price }}.");
        assertThat(template.slots()).containsExactlyInAnyOrder("name", "price");
        assertThat(template.render(Map.of("name", "$1 {{x}}", "price", "\\3"))).isEqualTo("Hello $1 {{x}}, cost \\3.");
        assertThatThrownBy(() -> template.render(Map.of("name", "a")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("price");
        assertThatThrownBy(() -> template.render(Map.of("name", "a", "price", "b", "extra", "c")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("extra");
    }

    @Test
    void frontMatterIsRequired() {
        assertThatThrownBy(() -> FrontMatter.split("# no front matter\n")).isInstanceOf(SkillPackException.class);
        assertThatThrownBy(() -> FrontMatter.split("---\nname: x\n---\nbody")).isInstanceOf(SkillPackException.class)
                .hasMessageContaining("description");
    }
}
