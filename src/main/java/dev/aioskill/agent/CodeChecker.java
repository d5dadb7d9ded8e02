package dev.aioskill.agent;

/**
 * What the model's {@code check_async_code} tool runs: the project's AST checker on one Python source
 * text, treated as the file {@code app.py}. The real implementation is the checker's worker pool; tests
 * may plug in anything that honours this contract.
 */
@FunctionalInterface
public interface CodeChecker {

    /**
     * Checks the code and returns the findings as compact JSON (an array of findings with rule, line,
     * severity and message; {@code []} when clean). Never throws for the code's content: a file that
     * does not parse is an AIO000 finding.
     */
    String checkAsJson(String code);
}
