package dev.aioskill.sandbox;

import java.util.List;

/**
 * The result of one sandboxed pytest run.
 *
 * @param status      passed, failed, error, timeout or refused
 * @param passed      tests that passed
 * @param failed      tests that failed
 * @param errors      tests (or collections) that errored
 * @param skipped     tests skipped
 * @param tests       one entry per test case from the JUnit XML
 * @param stdout      pytest's standard output, capped with a marker
 * @param stderr      its standard error, capped with a marker
 * @param output      both streams together (stdout, then stderr), capped with a marker
 * @param wallSeconds wall-clock time of the sandboxed process
 * @param isolation   which isolation ran
 * @param message     why the status is error, timeout or refused (one line, for people and the model);
 *                    empty otherwise
 */
public record TestRun(
        TestStatus status,
        int passed,
        int failed,
        int errors,
        int skipped,
        List<TestCaseResult> tests,
        String stdout,
        String stderr,
        String output,
        double wallSeconds,
        Isolation isolation,
        String message) {

    public TestRun {
        tests = List.copyOf(tests);
        message = message == null ? "" : message;
    }

    /** A run that did not start. */
    static TestRun refused(String reason) {
        return new TestRun(TestStatus.REFUSED, 0, 0, 0, 0, List.of(), "", "", "", 0.0, Isolation.NONE, reason);
    }

    /** True only when tests ran and all of them passed. */
    public boolean allPassed() {
        return status == TestStatus.PASSED;
    }
}
