package dev.aioskill.agent;

import dev.aioskill.sandbox.PytestSandbox;
import dev.aioskill.sandbox.SandboxLimits;
import dev.aioskill.sandbox.TestRunReport;
import java.util.Objects;

/**
 * The model's {@code run_pytest} on the project's sandbox: code as {@code app.py}, tests as
 * {@code test_app.py}, the result as the sandbox's plain-text report (status, one line per test, the end
 * of each failure's traceback; a refused sandbox says why).
 */
public final class PytestSandboxTool implements TestRunner {

    private final PytestSandbox sandbox;
    private final SandboxLimits limits;

    public PytestSandboxTool(PytestSandbox sandbox, SandboxLimits limits) {
        this.sandbox = Objects.requireNonNull(sandbox, "sandbox");
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    @Override
    public String run(String code, String tests) {
        return TestRunReport.text(sandbox.runCodeAndTests(code, tests, limits));
    }
}
