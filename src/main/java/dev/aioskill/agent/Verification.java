package dev.aioskill.agent;

import dev.aioskill.check.Finding;
import dev.aioskill.sandbox.TestRun;
import dev.aioskill.sandbox.TestStatus;
import java.util.List;
import java.util.Optional;

/**
 * What the harness proved about a build answer before anyone saw it: the checker's findings on the code,
 * and the sandboxed test run (absent only when the tests could not be run at all).
 *
 * @param findings the checker's findings on the implementation (empty: clean)
 * @param tests    the sandbox's result for the answer's own tests
 */
public record Verification(List<Finding> findings, Optional<TestRun> tests) {

    public Verification {
        findings = List.copyOf(findings);
    }

    /** Clean code and every test passed in a run that actually happened. */
    public boolean verified() {
        return findings.isEmpty() && tests.map(run -> run.status() == TestStatus.PASSED).orElse(false);
    }

    /** One line, e.g. {@code checker: 0 findings; tests: 6 passed in the bubblewrap sandbox}. */
    public String summary() {
        String checker = "checker: " + findings.size() + (findings.size() == 1 ? " finding" : " findings");
        if (!findings.isEmpty()) {
            checker += " (" + String.join(", ", findings.stream().map(f -> f.rule() + " line " + f.line()).toList()) + ")";
        }
        return checker + "; tests: " + tests.map(Verification::describe).orElse("not run");
    }

    private static String describe(TestRun run) {
        String where = run.isolation().label().equals("bubblewrap") ? "in the bubblewrap sandbox" : "without a sandbox (--unsandboxed)";
        return switch (run.status()) {
            case PASSED -> run.passed() + " passed " + where;
            case FAILED -> run.failed() + " failed, " + run.passed() + " passed " + where;
            case ERROR -> "error " + where + ": " + firstLine(run.message());
            case TIMEOUT -> "timed out " + where;
            case REFUSED -> "not run, the sandbox refused: " + firstLine(run.message());
        };
    }

    private static String firstLine(String text) {
        String line = text == null ? "" : text.strip().lines().findFirst().orElse("");
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }
}
