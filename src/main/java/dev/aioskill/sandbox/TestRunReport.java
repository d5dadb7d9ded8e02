package dev.aioskill.sandbox;

import java.util.List;
import java.util.Locale;

/**
 * The plain-text form of a {@link TestRun}, for a terminal and for the model's {@code run_pytest}
 * tool: a summary line, one line per test, the end of each failure's traceback, the reason when the
 * run errored, timed out or was refused, and pytest's output when nothing else explains it.
 */
public final class TestRunReport {

    /** Lines of a failure's traceback kept: the assertion and the exception sit at its end. */
    static final int TRACEBACK_LINES = 20;

    private TestRunReport() {}

    public static String text(TestRun run) {
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "%s: %d passed, %d failed, %d errors, %d skipped in %.2f s (isolation: %s)%n",
                run.status().label(), run.passed(), run.failed(), run.errors(), run.skipped(),
                run.wallSeconds(), run.isolation().label()));
        for (TestCaseResult test : run.tests()) {
            text.append(String.format(Locale.ROOT, "  %-7s %s (%.3f s)%n",
                    test.outcome().toUpperCase(Locale.ROOT), test.name(), test.durationSeconds()));
            if (!test.outcome().equals(TestCaseResult.PASSED) && !test.message().isEmpty()) {
                List<String> lines = test.message().lines().toList();
                lines.subList(Math.max(0, lines.size() - TRACEBACK_LINES), lines.size())
                        .forEach(line -> text.append("      ").append(line).append('\n'));
            }
        }
        if (!run.message().isEmpty()) {
            text.append(run.message()).append('\n');
        }
        if ((run.status() == TestStatus.ERROR || run.status() == TestStatus.TIMEOUT) && !run.output().isBlank()) {
            text.append("--- pytest output ---\n").append(run.output());
            if (!run.output().endsWith("\n")) {
                text.append('\n');
            }
        }
        return text.toString();
    }
}
