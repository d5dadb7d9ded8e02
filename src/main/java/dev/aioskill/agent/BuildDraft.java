package dev.aioskill.agent;

import com.fasterxml.jackson.annotation.JsonAlias;
import dev.langchain4j.model.output.structured.Description;
import java.util.List;

/**
 * A build answer as the model drafts it (the skill's build output); the harness checks and tests it before
 * anything is shown. Fields may be missing; {@link LlmBuilder} asks again when code or tests are absent.
 */
public record BuildDraft(
        @Description("which chapters and concepts apply and why") String approach,
        @Description("the chapters and concepts, one per entry, e.g. 'Ch 3: TaskGroup'") List<String> chapters,
        @Description("what runs concurrently, what is sequential, where blocking could happen") String concurrency,
        @Description("the complete source of app.py") String code,
        @Description("the complete source of test_app.py (pytest, imports app)") String tests,
        @Description("how signals, cancellation and cleanup are handled") String shutdown,
        @Description("how to test and mock it further") @JsonAlias("testing_notes") String testingNotes) {

    public BuildDraft {
        chapters = chapters == null ? List.of() : chapters.stream().filter(java.util.Objects::nonNull).toList();
    }
}
