package dev.aioskill.agent;

import dev.aioskill.check.AsyncChecker;
import dev.aioskill.check.CheckResult;
import dev.aioskill.check.Finding;
import dev.aioskill.route.Mode;
import dev.aioskill.sandbox.PytestSandbox;
import dev.aioskill.sandbox.SandboxLimits;
import dev.aioskill.sandbox.TestCaseResult;
import dev.aioskill.sandbox.TestRun;
import dev.aioskill.sandbox.TestRunReport;
import dev.aioskill.sandbox.TestStatus;
import dev.aioskill.skill.SkillPack;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The verified model build. The model drafts {@code app.py} and {@code test_app.py} (a {@link BuildDraft},
 * with the build prompt and the BUILD system prompt); the harness runs the checker on the code and the tests
 * in the sandbox; every finding and every failing test goes back to the model with its exact message, up to
 * {@link #DEFAULT_ROUNDS} rounds. The answer ends with what was verified, or says plainly what still fails:
 * nothing unverified is shown as verified.
 */
public final class LlmBuilder {

    public static final int DEFAULT_ROUNDS = 3;
    /** Pattern code sent as a hint is cut here; it is a hint, not the answer. */
    static final int MAX_HINT_CHARS = 6_000;

    private final AsyncChecker checker;
    private final Supplier<PytestSandbox> sandbox;
    private final SandboxLimits limits;
    private final SkillPack pack;
    private final MeteredChatModel model;
    private final StructuredCall call;
    private final PatternSelector selector;
    private final String engine;
    private final int rounds;
    private final String systemPrompt;

    /**
     * @param selector the pattern library's selector: its choice goes to the model as a hint, or null for none
     * @param tools    the tools offered to the model while drafting, or null for a plain structured call
     */
    public LlmBuilder(AsyncChecker checker, Supplier<PytestSandbox> sandbox, SandboxLimits limits, SkillPack pack,
            MeteredChatModel model, ToolBox tools, ResponseFormatMode rung, PatternSelector selector, String engine,
            int rounds) {
        this.checker = Objects.requireNonNull(checker, "checker");
        this.sandbox = Objects.requireNonNull(sandbox, "sandbox");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.pack = Objects.requireNonNull(pack, "pack");
        this.model = Objects.requireNonNull(model, "model");
        this.call = new StructuredCall(tools == null ? model : new ToolCallingModel(model, tools), rung);
        this.selector = selector;
        this.engine = Objects.requireNonNull(engine, "engine");
        if (rounds < 1) {
            throw new IllegalArgumentException("rounds must be at least 1, was " + rounds);
        }
        this.rounds = rounds;
        this.systemPrompt = new SystemPrompt(pack).render(Mode.BUILD);
    }

    /**
     * @param history earlier messages of the conversation (oldest first), sent before the request so a
     *                follow-up ("now add retries") is read in context; empty for a fresh request
     */
    public BuildAnswer build(String request, List<ChatMessage> history, Progress progress) {
        String hint = hint(request);
        String feedback = "";
        BuildDraft draft = null;
        Verification verification = null;
        int round = 0;
        try (UsageMeter.Scope turn = model.meter().open()) {
            while (round < rounds) {
                round++;
                progress.report(round == 1 ? "asking " + engine + " for a draft..."
                        : "repairing the draft (round " + round + " of " + rounds + ")...");
                List<ChatMessage> messages = new ArrayList<>();
                messages.add(SystemMessage.from(systemPrompt));
                messages.addAll(history);
                messages.add(UserMessage.from(pack.prompt("build").render(Map.of(
                        "request", request, "pattern_hint", hint, "feedback", feedback))));
                draft = call.ask(messages, BuildDraft.class, LlmBuilder::problem).value();
                verification = verify(draft, progress);
                if (verification.verified() || refused(verification)) {
                    // A refused sandbox is this machine's problem, not the draft's: another round cannot fix it.
                    break;
                }
                feedback = feedback(draft, verification, round);
            }
            return answer(request, draft, verification, round, LlmReviewer.usage(turn.usage(), engine));
        }
    }

    public BuildAnswer build(String request) {
        return build(request, List.of(), Progress.NONE);
    }

    /** Runs the checker on the draft's code and its tests in the sandbox. */
    private Verification verify(BuildDraft draft, Progress progress) {
        progress.report("checking the draft...");
        CheckResult checked = checker.check(PytestSandbox.CODE_FILE, draft.code());
        if (checked.failed()) {
            throw new EngineException("cannot check the model's draft: " + checked.error());
        }
        List<Finding> findings = checked.findings();
        progress.report(findings.isEmpty() ? "checker: clean; running the tests in the sandbox..."
                : findings.size() + (findings.size() == 1 ? " finding" : " findings") + "; running the tests in the sandbox...");
        TestRun run = sandbox.get().runCodeAndTests(draft.code(), draft.tests(), limits);
        progress.report("tests: " + run.status().label() + " (" + run.passed() + " passed, " + (run.failed() + run.errors())
                + " failed)");
        return new Verification(findings, Optional.of(run));
    }

    /**
     * What goes back to the model: its previous draft, then every checker finding and every failing test
     * with the exact messages the harness saw.
     */
    static String feedback(BuildDraft draft, Verification verification, int round) {
        StringBuilder out = new StringBuilder();
        out.append("Your draft of round ").append(round).append(" did not pass verification. Fix every problem ")
                .append("below and answer again with the complete corrected code and tests.\n\n");
        out.append("Previous app.py:\n```python\n").append(draft.code().stripTrailing()).append("\n```\n\n");
        out.append("Previous test_app.py:\n```python\n").append(draft.tests().stripTrailing()).append("\n```\n\n");
        if (!verification.findings().isEmpty()) {
            out.append("Checker findings on app.py (each must be fixed):\n");
            for (Finding f : verification.findings()) {
                out.append("- ").append(f.rule()).append(' ').append(f.name()).append(" (").append(f.severity().id())
                        .append(") at line ").append(f.line()).append(": ").append(f.message());
                if (f.fix() != null && !f.fix().isBlank()) {
                    out.append(" Fix: ").append(f.fix().strip().lines().findFirst().orElse(""));
                }
                out.append('\n');
            }
            out.append('\n');
        }
        verification.tests().filter(run -> !run.allPassed()).ifPresent(run ->
                out.append("Test run in the sandbox:\n```\n").append(AgentTools.cut(TestRunReport.text(run)).stripTrailing())
                        .append("\n```\n"));
        return out.toString().stripTrailing();
    }

    private BuildAnswer answer(String request, BuildDraft draft, Verification verification, int round,
            dev.aioskill.review.Usage usage) {
        Map<String, String> files = new LinkedHashMap<>();
        files.put(PytestSandbox.CODE_FILE, draft.code());
        files.put(PytestSandbox.TESTS_FILE, draft.tests());
        String rounds = round + (round == 1 ? " round" : " rounds");
        String choice = verification.verified()
                ? "Drafted by " + engine + " and verified by the harness in " + rounds + "."
                : "NOT VERIFIED: after " + rounds + " the draft still fails verification ("
                        + verification.summary() + ")." + stillFailing(verification)
                        + " Treat the code below as an unverified draft.";
        return new BuildAnswer(request, engine, true, choice, draft.chapters(), text(draft.approach()),
                text(draft.concurrency()), files, text(draft.shutdown()), text(draft.testingNotes()), List.of(),
                BuildAnswer.VerificationView.of(verification), usage, null);
    }

    /** The failing tests by name with the last line of their message. */
    private static String stillFailing(Verification verification) {
        List<String> failing = new ArrayList<>();
        verification.tests().ifPresent(run -> {
            for (TestCaseResult test : run.tests()) {
                if (test.outcome().equals(TestCaseResult.FAILED) || test.outcome().equals(TestCaseResult.ERROR)) {
                    String last = test.message().strip().lines().reduce((a, b) -> b).orElse("");
                    failing.add(test.name() + (last.isEmpty() ? "" : " (" + last + ")"));
                }
            }
        });
        return failing.isEmpty() ? "" : " Failing: " + String.join("; ", failing) + ".";
    }

    private String hint(String request) {
        if (selector == null) {
            return "";
        }
        PatternChoice choice = selector.select(request);
        return choice.primaryPattern().map(pattern -> {
            String code = pattern.code().length() > MAX_HINT_CHARS
                    ? pattern.code().substring(0, MAX_HINT_CHARS) + "\n# ... (cut)" : pattern.code();
            return "A tested pattern from the skill's library may fit (" + pattern.title() + "; " + choice.reason().strip()
                    + "). Adapt it to the request rather than copying it; your module is app.py:\n```python\n"
                    + code.stripTrailing() + "\n```";
        }).orElse("");
    }

    private static boolean refused(Verification verification) {
        return verification.tests().map(run -> run.status() == TestStatus.REFUSED).orElse(false);
    }

    static Optional<String> problem(BuildDraft draft) {
        if (draft.code() == null || draft.code().isBlank()) {
            return Optional.of("\"code\" (the complete app.py) is missing");
        }
        if (draft.tests() == null || draft.tests().isBlank()) {
            return Optional.of("\"tests\" (the complete test_app.py) is missing");
        }
        return Optional.empty();
    }

    private static String text(String value) {
        return value == null ? "" : value.strip();
    }

    public String engine() {
        return engine;
    }
}
