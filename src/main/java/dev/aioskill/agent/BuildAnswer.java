package dev.aioskill.agent;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.aioskill.review.Usage;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The answer to a build request, in the skill's build output: approach (chapters), concurrency analysis,
 * implementation (files), shutdown strategy, testing notes, and what was verified.
 *
 * @param request      what the user asked
 * @param engine       who answered ({@code offline} or a model name)
 * @param matched      false when no pattern or draft fits the request (then {@code files} is empty and
 *                     {@code choice} says why and lists what is available)
 * @param choice       which pattern(s) were chosen and why, or why none fits
 * @param chapters     the chapters and concepts that apply
 * @param approach     why this design
 * @param concurrency  what runs concurrently, what is sequential, where blocking could happen
 * @param files        file name to content, the implementation first and its tests second
 * @param shutdown     how signals, cancellation and cleanup are handled
 * @param testing      how to test it
 * @param combinations how other patterns the request asks for combine with the chosen one
 * @param verification what the checker and the sandbox said; null when nothing was built
 * @param usage        tokens and latency of the model calls behind it; null when no model took part
 * @param engineNote   why this engine answered when it is not the one configured (the model could not
 *                     be reached); null normally
 */
public record BuildAnswer(
        @JsonProperty("request") String request,
        @JsonProperty("engine") String engine,
        @JsonProperty("matched") boolean matched,
        @JsonProperty("choice") String choice,
        @JsonProperty("chapters") List<String> chapters,
        @JsonProperty("approach") String approach,
        @JsonProperty("concurrency") String concurrency,
        @JsonProperty("files") Map<String, String> files,
        @JsonProperty("shutdown") String shutdown,
        @JsonProperty("testing") String testing,
        @JsonProperty("combinations") List<String> combinations,
        @JsonProperty("verification") VerificationView verification,
        @JsonProperty("usage") @JsonInclude(JsonInclude.Include.NON_NULL) Usage usage,
        @JsonProperty("engine_note") @JsonInclude(JsonInclude.Include.NON_NULL) String engineNote) {

    public BuildAnswer {
        chapters = List.copyOf(chapters);
        files = Collections.unmodifiableMap(new LinkedHashMap<>(files));
        combinations = List.copyOf(combinations);
        engineNote = engineNote == null || engineNote.isBlank() ? null : engineNote.strip();
    }

    /** An answer no model took part in. */
    public BuildAnswer(String request, String engine, boolean matched, String choice, List<String> chapters,
            String approach, String concurrency, Map<String, String> files, String shutdown, String testing,
            List<String> combinations, VerificationView verification) {
        this(request, engine, matched, choice, chapters, approach, concurrency, files, shutdown, testing,
                combinations, verification, null, null);
    }

    /** The same answer with a note on why this engine answered (e.g. the model was unreachable). */
    public BuildAnswer withEngineNote(String note) {
        return new BuildAnswer(request, engine, matched, choice, chapters, approach, concurrency, files, shutdown,
                testing, combinations, verification, usage, note);
    }

    /** The engine line every output carries. */
    public String engineLine() {
        String line = "offline".equals(engine)
                ? engineNote == null
                        ? "Answered by the offline engine (no model configured): a tested pattern from the library."
                        : "Answered by the offline engine: a tested pattern from the library."
                : "Answered by " + engine + " (drafted by the model; checked and tested by the harness before it is shown).";
        return engineNote == null ? line : line + " " + engineNote;
    }

    /** The verification as it appears in JSON: a flat, stable shape. */
    public record VerificationView(
            @JsonProperty("verified") boolean verified,
            @JsonProperty("summary") String summary,
            @JsonProperty("checker_findings") int checkerFindings,
            @JsonProperty("tests_status") String testsStatus,
            @JsonProperty("tests_passed") int testsPassed,
            @JsonProperty("tests_failed") int testsFailed,
            @JsonProperty("isolation") String isolation) {

        static VerificationView of(Verification verification) {
            return new VerificationView(
                    verification.verified(),
                    verification.summary(),
                    verification.findings().size(),
                    verification.tests().map(run -> run.status().label()).orElse("not_run"),
                    verification.tests().map(run -> run.passed()).orElse(0),
                    verification.tests().map(run -> run.failed() + run.errors()).orElse(0),
                    verification.tests().map(run -> run.isolation().label()).orElse("none"));
        }
    }
}
