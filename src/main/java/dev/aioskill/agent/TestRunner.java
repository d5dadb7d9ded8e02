package dev.aioskill.agent;

/**
 * What the model's {@code run_pytest} tool runs: pytest on code saved as {@code app.py} and tests saved as
 * {@code test_app.py} in a fresh directory, in the sandbox (no network, resource limits). The real
 * implementation is the bubblewrap sandbox.
 */
@FunctionalInterface
public interface TestRunner {

    /**
     * Runs the tests and returns the result as compact text or JSON the model can read: counts of passed
     * and failed tests, and each failure's message. Never throws for the code's content; a refused sandbox
     * is reported in the result.
     */
    String run(String code, String tests);
}
