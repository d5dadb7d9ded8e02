package dev.aioskill.agent;

import com.fasterxml.jackson.annotation.JsonAlias;
import dev.langchain4j.model.output.structured.Description;
import java.util.List;

/**
 * The review as the model writes it: the shape of the skill's review (findings with rule or topic,
 * category, chapter, severity, line, quoted line, problem, fix, snippet; a summary; recommendations).
 * Every field may be missing or odd; {@link LlmReviewer} reads it leniently and grounding decides what
 * survives. Its JSON schema is the response format the model is asked for.
 */
public record ReviewDraft(
        @Description("one paragraph: overall assessment and the most important problem") String summary,
        @Description("every issue, each on the real line it concerns") List<Item> findings,
        @Description("most critical first") List<Advice> recommendations) {

    public ReviewDraft {
        findings = findings == null ? List.of() : findings.stream().filter(java.util.Objects::nonNull).toList();
        recommendations = recommendations == null ? List.of()
                : recommendations.stream().filter(java.util.Objects::nonNull).toList();
    }

    /** One issue. */
    public record Item(
            @Description("the checker rule id such as AIO100 when one matches, else null") String rule,
            @Description("a short topic when no rule matches, e.g. 'unbounded queue'") String topic,
            @Description("CONCURRENCY, TASKS, RESOURCES, LIFECYCLE, BLOCKING or LIBRARY") String category,
            @Description("the book chapter, e.g. 'Ch 3'") String chapter,
            @Description("error, warning or suggestion") String severity,
            @Description("the 1-based line number from the numbered listing") Integer line,
            @Description("that line's code exactly as it appears, without the line number")
            @JsonAlias({"quoted_line", "quote", "code"}) String quotedLine,
            @Description("what is wrong, specific to this code") String problem,
            @Description("what to change, in prose") String fix,
            @Description("a short corrected Python snippet, or null") String snippet) {}

    /** One recommendation. */
    public record Advice(
            @Description("what to do, in one or two sentences") String text,
            @Description("the chapter the advice comes from") String chapter) {}
}
