package dev.aioskill.review;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.aioskill.check.Category;
import dev.aioskill.check.Severity;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A finished, grounded review of one file: what every path (offline engine, recorded or live model) produces
 * and every renderer consumes.
 *
 * <p>Extension point: facts about the run that only some engines have (token usage, latency) are to be added
 * as trailing, nullable components written with {@code @JsonInclude(NON_NULL)}. Build reviews with
 * {@link #of} so such additions leave existing callers untouched; the JSON reader ignores keys it does not
 * know, so older readers survive newer files.
 *
 * @param engine          what produced it: {@link #OFFLINE_ENGINE} or the model's name
 * @param path            the reviewed file as the user named it
 * @param summary         one paragraph
 * @param findings        grounded findings in review order (section, then line)
 * @param recommendations priority-ordered, most critical first
 * @param grounding       what grounding changed in the draft
 * @param usage           tokens and latency of the model calls behind it; null when no model took part
 * @param engineNote      why the engine is not the one configured (the model could not be reached and the
 *                        offline engine answered instead); null normally
 */
public record Review(
        @JsonProperty("engine") String engine,
        @JsonProperty("path") String path,
        @JsonProperty("summary") String summary,
        @JsonProperty("findings") List<ReviewFinding> findings,
        @JsonProperty("recommendations") List<Recommendation> recommendations,
        @JsonProperty("grounding") GroundingStats grounding,
        @JsonProperty("usage") @JsonInclude(JsonInclude.Include.NON_NULL) Usage usage,
        @JsonProperty("engine_note") @JsonInclude(JsonInclude.Include.NON_NULL) String engineNote) {

    /** The engine name of the deterministic, model-free review. */
    public static final String OFFLINE_ENGINE = "offline";

    public Review {
        engine = engine == null || engine.isBlank() ? OFFLINE_ENGINE : engine.trim();
        path = path == null ? "" : path;
        summary = summary == null ? "" : summary.strip();
        findings = findings == null ? List.of() : List.copyOf(findings);
        recommendations = recommendations == null ? List.of() : List.copyOf(recommendations);
        grounding = grounding == null ? GroundingStats.none() : grounding;
        engineNote = engineNote == null || engineNote.isBlank() ? null : engineNote.strip();
    }

    public static Review of(String engine, String path, String summary, List<ReviewFinding> findings,
            List<Recommendation> recommendations, GroundingStats grounding) {
        return new Review(engine, path, summary, findings, recommendations, grounding, null, null);
    }

    /** The same review with the model usage behind it. */
    public Review withUsage(Usage value) {
        return new Review(engine, path, summary, findings, recommendations, grounding, value, engineNote);
    }

    /** The same review with a note on why this engine answered (e.g. the model was unreachable). */
    public Review withEngineNote(String note) {
        return new Review(engine, path, summary, findings, recommendations, grounding, usage, note);
    }

    /** True when nothing was found. */
    @JsonIgnore
    public boolean isClean() {
        return findings.isEmpty();
    }

    /** True when the file could not be parsed (AIO000); such a review holds only that finding. */
    @JsonIgnore
    public boolean isUnparseable() {
        return findings.stream().anyMatch(f -> f.category() == Category.SYNTAX);
    }

    @JsonIgnore
    public boolean isOffline() {
        return OFFLINE_ENGINE.equals(engine);
    }

    /** The one line every rendering carries to say which engine wrote the review. */
    @JsonIgnore
    public String engineLine() {
        String line = isOffline()
                ? "Engine: offline (deterministic review from the AST checker and the rule catalog; no model was used)."
                : "Engine: model " + engine + " (grounded against the AST checker).";
        return engineNote == null ? line : line + " " + engineNote;
    }

    /**
     * One line on what grounding changed, for reviews whose draft came from a model; empty when the draft came
     * through untouched or the engine is offline (its draft is the checker's own findings).
     */
    @JsonIgnore
    public String groundingLine() {
        if (isOffline() || grounding.untouched()) {
            return "";
        }
        GroundingStats g = grounding;
        return "Grounding: of " + g.proposed() + (g.proposed() == 1 ? " finding" : " findings")
                + " the model proposed, " + g.repaired()
                + " moved to the line their code is on, " + g.dropped() + " dropped as not in the file, "
                + g.merged() + " merged as duplicates; " + g.added() + " added from the checker.";
    }

    /** Findings per review section, in the skill's section order; sections without findings are absent. */
    @JsonIgnore
    public Map<Category, List<ReviewFinding>> findingsByCategory() {
        Map<Category, List<ReviewFinding>> grouped = new EnumMap<>(Category.class);
        for (ReviewFinding f : findings) {
            grouped.computeIfAbsent(f.category(), c -> new ArrayList<>()).add(f);
        }
        grouped.replaceAll((c, list) -> List.copyOf(list));
        return grouped;
    }

    /** The most serious severity found, if anything was found (the CLI maps it to an exit code). */
    @JsonIgnore
    public Optional<Severity> worstSeverity() {
        return findings.stream().map(ReviewFinding::severity).min(Severity::compareTo);
    }

    /** How many findings have the given severity. */
    public long count(Severity severity) {
        Objects.requireNonNull(severity);
        return findings.stream().filter(f -> f.severity() == severity).count();
    }
}
