package dev.aioskill.agent;

import dev.aioskill.route.Mode;
import dev.aioskill.skill.SkillPack;
import java.util.Map;

/**
 * The system prompt the model carries: SKILL.md's core for the mode at hand (its introduction, the mode's
 * own section, the general guidelines), the "precise practice" block that corrects SKILL.md's blunter
 * advice, and the list of reference topics the model can read on demand. Whole references are never
 * pasted in; the model reads one section at a time through its read_reference tool.
 */
public final class SystemPrompt {

    private final SkillPack pack;

    public SystemPrompt(SkillPack pack) {
        this.pack = pack;
    }

    /** The rendered system prompt for one mode. AMBIGUOUS carries both modes' sections. */
    public String render(Mode mode) {
        return pack.prompt("system").render(Map.of(
                "skill_core", skillCore(mode),
                "reference_topics", String.join(", ", pack.index().topics())));
    }

    /** SKILL.md's text that applies to the mode. */
    String skillCore(Mode mode) {
        String body = pack.body();
        int firstSection = body.indexOf("\n## ");
        String introduction = (firstSection < 0 ? body : body.substring(0, firstSection)).strip();
        StringBuilder core = new StringBuilder(introduction).append("\n\n");
        switch (mode) {
            case BUILD -> core.append(section("Mode 1"));
            case REVIEW -> core.append(section("Mode 2"));
            case AMBIGUOUS -> core.append(section("How to Decide")).append("\n\n")
                    .append(section("Mode 1")).append("\n\n").append(section("Mode 2"));
        }
        return core.append("\n\n").append(section("General Guidelines")).toString().strip();
    }

    private String section(String headingStart) {
        return pack.skillSection(headingStart)
                .orElseThrow(() -> new IllegalStateException("SKILL.md has no section '" + headingStart + "'"))
                .strip();
    }
}
