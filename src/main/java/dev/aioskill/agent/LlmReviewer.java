package dev.aioskill.agent;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.aioskill.check.AsyncChecker;
import dev.aioskill.check.Category;
import dev.aioskill.check.CheckResult;
import dev.aioskill.check.Finding;
import dev.aioskill.check.PythonSource;
import dev.aioskill.check.Severity;
import dev.aioskill.review.GroundedFindings;
import dev.aioskill.review.Grounding;
import dev.aioskill.review.GroundingStats;
import dev.aioskill.review.Location;
import dev.aioskill.review.OfflineReviewer;
import dev.aioskill.review.Origin;
import dev.aioskill.review.Recommendation;
import dev.aioskill.review.Review;
import dev.aioskill.review.ReviewFinding;
import dev.aioskill.review.RuleDocs;
import dev.aioskill.review.SourceText;
import dev.aioskill.review.Usage;
import dev.aioskill.route.Mode;
import dev.aioskill.skill.ReferenceLookup;
import dev.aioskill.skill.SkillPack;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The grounded model review. The checker runs first, always, before any model call; the model gets the
 * code with line numbers, the checker's findings and the checklist sections those findings belong to, and
 * answers with a {@link ReviewDraft} through a {@link StructuredCall} (with the read_reference and
 * check_async_code tools of a {@link ToolBox}, when one is given). {@link Grounding} then holds the draft to the
 * source and the checker: findings on lines that do not exist are dropped, wrong lines repaired, duplicates
 * merged, and checker errors and warnings the model missed added. The review records those counts, the
 * model's name as its engine, and the tokens and latency the model calls took.
 */
public final class LlmReviewer {

    /** Checklist text sent with one review at most: the sections of the rules found, not the whole file. */
    static final int MAX_CHECKLIST_CHARS = 6_000;

    /** What a review may use: references and the checker; running tests is the builder's business. */
    static final Set<String> REVIEW_TOOLS = Set.of(AgentTools.READ_REFERENCE, AgentTools.CHECK_ASYNC_CODE);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern RULE_ID = Pattern.compile("AIO\\d{3}");

    private final AsyncChecker checker;
    private final Supplier<RuleDocs> docs;
    private final SkillPack pack;
    private final MeteredChatModel model;
    private final StructuredCall call;
    private final String engine;
    private final String systemPrompt;

    /**
     * @param checker the AST checker (run before the model, always)
     * @param docs    the rule catalog, for grounding and for reading the model's rule ids
     * @param model   the metered model; its meter gives the usage per review
     * @param tools   the tools offered to the model, or null for a plain structured call
     * @param rung    where the response-format ladder starts
     * @param engine  the name the review carries as its engine (the model's name)
     */
    public LlmReviewer(AsyncChecker checker, Supplier<RuleDocs> docs, SkillPack pack, MeteredChatModel model,
            ToolBox tools, ResponseFormatMode rung, String engine) {
        this.checker = Objects.requireNonNull(checker, "checker");
        this.docs = Objects.requireNonNull(docs, "docs");
        this.pack = Objects.requireNonNull(pack, "pack");
        this.model = Objects.requireNonNull(model, "model");
        this.call = new StructuredCall(tools == null ? model
                : new ToolCallingModel(model, tools, REVIEW_TOOLS), rung);
        this.engine = Objects.requireNonNull(engine, "engine");
        this.systemPrompt = new SystemPrompt(pack).render(Mode.REVIEW);
    }

    public Review review(String path, String source) {
        return review(path, source.getBytes(StandardCharsets.UTF_8), Progress.NONE);
    }

    /**
     * Reviews one file's bytes (decoded as Python decodes them).
     *
     * @throws EngineException          when the checker cannot check the file
     * @throws ModelCallException        when the model cannot be reached
     * @throws StructuredOutputException when the model's answer is unusable even when asked again
     */
    public Review review(String path, byte[] bytes, Progress progress) {
        progress.report("checking " + path + "...");
        CheckResult result = checker.check(path, bytes);
        if (result.failed()) {
            throw new EngineException("cannot check " + path + ": " + result.error());
        }
        String source = PythonSource.decode(bytes);
        List<Finding> facts = result.findings();
        progress.report(facts.size() + (facts.size() == 1 ? " checker finding" : " checker findings"));
        if (facts.stream().anyMatch(f -> f.category() == Category.SYNTAX)) {
            // Nothing to ask a model about code Python cannot parse: the parser's message is the review.
            return new OfflineReviewer(docs.get()).review(path, source, facts)
                    .withEngineNote("The file does not parse, so the model " + engine + " was not asked.");
        }
        List<ChatMessage> messages = List.of(SystemMessage.from(systemPrompt),
                UserMessage.from(prompt(path, source, facts)));
        progress.report("asking " + engine + " for the review...");
        try (UsageMeter.Scope turn = model.meter().open()) {
            Structured<ReviewDraft> answer = call.ask(messages, ReviewDraft.class, LlmReviewer::problem);
            int proposed = answer.value().findings().size();
            progress.report("grounding the model's " + proposed + (proposed == 1 ? " finding" : " findings")
                    + " against the source and the checker...");
            Review review = ground(path, source, facts, answer.value());
            progress.report(describe(review.grounding()));
            return review.withUsage(usage(turn.usage(), engine));
        }
    }

    /** The user message: prompts/review.md with the code, the findings and the checklist. */
    String prompt(String path, String source, List<Finding> facts) {
        return pack.prompt("review").render(Map.of(
                "path", path,
                "numbered_code", numbered(source),
                "checker_findings", findingsJson(facts),
                "checklist", checklist(facts),
                "format_instructions", FORMAT_INSTRUCTIONS));
    }

    static final String FORMAT_INSTRUCTIONS = """
            - Answer with one JSON object: {"summary": "...", "findings": [{"rule": "AIO100 or null", "topic": "...", \
            "category": "BLOCKING", "chapter": "Ch 2-3", "severity": "error", "line": 12, "quotedLine": "the code of \
            line 12", "problem": "...", "fix": "...", "snippet": "..."}], "recommendations": [{"text": "...", \
            "chapter": "..."}]}.
            - Tools: read_reference(topic) reads a checklist or reference section you need; check_async_code(code) \
            checks a fix before you propose it.""";

    private Review ground(String path, String source, List<Finding> facts, ReviewDraft draft) {
        RuleDocs rules = docs.get();
        List<ReviewFinding> proposed = new ArrayList<>();
        for (ReviewDraft.Item item : draft.findings()) {
            proposed.add(finding(path, item, rules));
        }
        GroundedFindings grounded = new Grounding(rules).ground(path, SourceText.of(source), proposed, facts);
        List<ReviewFinding> kept = grounded.findings();
        return Review.of(engine, path, summary(draft.summary(), kept, grounded.stats()), kept,
                Recommendation.rankedFrom(kept), grounded.stats());
    }

    /**
     * The model's summary, plus a sentence naming what the checker found that the model missed and one
     * saying how many of the model's findings were dropped, so the summary never claims more than survived.
     */
    private static String summary(String modelSummary, List<ReviewFinding> kept, GroundingStats stats) {
        String text = modelSummary == null || modelSummary.isBlank()
                ? kept.size() + (kept.size() == 1 ? " issue found." : " issues found.")
                : modelSummary.strip();
        if (stats.added() > 0) {
            List<String> added = kept.stream()
                    .filter(f -> f.origin() == Origin.CHECKER)
                    .map(f -> f.label() + " at line " + f.location().startLine())
                    .toList();
            text += " The AST checker also reported " + String.join(", ", added) + ", which the model's draft missed.";
        }
        if (stats.dropped() > 0) {
            // The model's summary may speak of what grounding removed; the reader must know it is gone.
            text += " " + stats.dropped() + (stats.dropped() == 1 ? " finding" : " findings")
                    + " the model proposed pointed at code that is not in the file and " + (stats.dropped() == 1 ? "was" : "were")
                    + " dropped; anything above that rests on " + (stats.dropped() == 1 ? "it" : "them") + " is unconfirmed.";
        }
        return text;
    }

    private static ReviewFinding finding(String path, ReviewDraft.Item item, RuleDocs rules) {
        String rule = item.rule() == null ? null : ruleId(item.rule());
        Category category = category(item.category())
                .or(() -> rule == null ? Optional.empty() : rules.find(rule).map(info -> info.category()))
                .orElse(Category.CONCURRENCY);
        Severity severity = severity(item.severity());
        int line = item.line() == null ? 0 : item.line();
        String title = item.topic() == null || item.topic().isBlank() ? rule : item.topic();
        return new ReviewFinding(rule, title, category, item.chapter(), severity,
                new Location(path, line, line, item.quotedLine() == null ? "" : item.quotedLine()),
                item.problem(), item.fix(), item.snippet(), Origin.MODEL);
    }

    /** "AIO100", "aio100 blocking-sleep" and "AIO100 (blocking-sleep)" all name AIO100. */
    static String ruleId(String raw) {
        var matcher = RULE_ID.matcher(raw.toUpperCase(Locale.ROOT));
        return matcher.find() ? matcher.group() : null;
    }

    /** BLOCKING, blocking, "Blocking & Performance" and "Blocking & Performance Issues" are one category. */
    static Optional<Category> category(String raw) {
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        String wanted = raw.strip().toLowerCase(Locale.ROOT);
        for (Category c : Category.values()) {
            if (c == Category.SYNTAX) {
                continue;
            }
            String title = c.title().toLowerCase(Locale.ROOT);
            if (wanted.equals(c.name().toLowerCase(Locale.ROOT)) || wanted.startsWith(title)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /** A severity the model misspells counts as a warning: grounding keeps it, the reader judges it. */
    static Severity severity(String raw) {
        if (raw == null) {
            return Severity.WARNING;
        }
        String wanted = raw.strip().toLowerCase(Locale.ROOT);
        if (wanted.startsWith("err") || wanted.equals("critical") || wanted.equals("high")) {
            return Severity.ERROR;
        }
        if (wanted.startsWith("sugg") || wanted.equals("info") || wanted.equals("low") || wanted.equals("note")) {
            return Severity.SUGGESTION;
        }
        return Severity.WARNING;
    }

    static Optional<String> problem(ReviewDraft draft) {
        if ((draft.summary() == null || draft.summary().isBlank()) && draft.findings().isEmpty()) {
            return Optional.of("both \"summary\" and \"findings\" are missing");
        }
        return Optional.empty();
    }

    /** "  12 | code" lines: the number is clearly not code, and grounding strips it from quotes anyway. */
    static String numbered(String source) {
        SourceText text = SourceText.of(source);
        int width = String.valueOf(Math.max(1, text.lineCount())).length();
        StringBuilder out = new StringBuilder();
        for (int line = 1; line <= text.lineCount(); line++) {
            out.append(String.format(Locale.ROOT, "%" + width + "d | ", line)).append(text.line(line)).append('\n');
        }
        return out.toString().stripTrailing();
    }

    /** The checker's findings as compact JSON for the prompt; {@code []} when clean. */
    static String findingsJson(List<Finding> facts) {
        ArrayNode array = JSON.createArrayNode();
        for (Finding f : facts) {
            var node = array.addObject()
                    .put("rule", f.rule())
                    .put("name", f.name())
                    .put("severity", f.severity().id())
                    .put("category", f.category().name())
                    .put("line", f.line())
                    .put("message", f.message());
            if (f.chapter() != null) {
                node.put("chapter", f.chapter());
            }
        }
        return array.toString();
    }

    /**
     * The checklist sections for the rules the checker found (each rule's own section, found by its id in
     * the heading), at most {@value #MAX_CHECKLIST_CHARS} characters; for clean code, the list of scans and a
     * pointer to read_reference, so the prompt stays small.
     */
    String checklist(List<Finding> facts) {
        Set<String> rules = new LinkedHashSet<>();
        facts.forEach(f -> rules.add(f.rule()));
        StringBuilder out = new StringBuilder();
        for (String rule : rules) {
            ReferenceLookup lookup = pack.readReference(rule);
            if (lookup.section().isEmpty() || !lookup.section().get().heading().contains(rule)) {
                continue;
            }
            String text = lookup.section().get().text().strip();
            if (out.length() + text.length() > MAX_CHECKLIST_CHARS) {
                out.append("(more sections: call read_reference with a rule id or topic)\n");
                break;
            }
            out.append(text).append("\n\n");
        }
        if (out.length() == 0) {
            out.append("The checklist's scans: ");
            List<String> scans = pack.index().sections().stream()
                    .filter(s -> s.file().equals("review-checklist.md") && s.level() == 2)
                    .map(s -> s.heading())
                    .toList();
            out.append(String.join("; ", scans)).append(". Call read_reference with a topic to read one.");
        }
        return out.toString().strip();
    }

    private static String describe(GroundingStats g) {
        return "grounded: " + g.proposed() + " proposed, " + g.repaired() + " repaired, " + g.dropped() + " dropped, "
                + g.merged() + " merged, " + g.added() + " added from the checker";
    }

    public String engine() {
        return engine;
    }

    /** The meter's sum in the form results carry. */
    static Usage usage(ModelUsage sum, String engine) {
        return new Usage(sum.model().isEmpty() ? engine : sum.model(), sum.calls(), sum.inputTokens(),
                sum.outputTokens(), sum.totalTokens(), sum.latencyMillis());
    }
}
