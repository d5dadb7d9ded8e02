package dev.aioskill.sandbox;

/**
 * One entry of pytest's JUnit XML.
 *
 * @param name            {@code module::test} or {@code module.Class::test}
 * @param outcome         passed, failed, error or skipped
 * @param durationSeconds as pytest measured it
 * @param message         failure, error or skip text (the traceback pytest reported), empty when passed
 */
public record TestCaseResult(String name, String outcome, double durationSeconds, String message) {

    public static final String PASSED = "passed";
    public static final String FAILED = "failed";
    public static final String ERROR = "error";
    public static final String SKIPPED = "skipped";
}
