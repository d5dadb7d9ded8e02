package dev.aioskill.agent;

import dev.aioskill.skill.SkillPack;
import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import java.util.Objects;

/**
 * The tools the model may call, with descriptions written for the model. Results are plain text or JSON;
 * bad input gives an error text the model can act on, never an exception. Long results are cut so one
 * tool call cannot flood the context window.
 */
public final class AgentTools {

    public static final String READ_REFERENCE = "read_reference";
    public static final String CHECK_ASYNC_CODE = "check_async_code";
    public static final String RUN_PYTEST = "run_pytest";

    /** About 4k tokens: enough for a reference section or a failing test report. */
    static final int MAX_RESULT_CHARS = 16_000;
    /** Larger inputs are refused rather than sent to the checker or the sandbox. */
    static final int MAX_CODE_CHARS = 200_000;

    private final SkillPack pack;
    private final CodeChecker checker;
    private final TestRunner runner;

    public AgentTools(SkillPack pack, CodeChecker checker, TestRunner runner) {
        this.pack = Objects.requireNonNull(pack, "pack");
        this.checker = Objects.requireNonNull(checker, "checker");
        this.runner = Objects.requireNonNull(runner, "runner");
    }

    @Tool(name = READ_REFERENCE, value = "Returns one section of the asyncio skill's references by topic "
            + "(e.g. 'cancellation', 'semaphore', 'taskgroup'). Call it before relying on a detail you are unsure "
            + "of. An unknown topic returns the list of topics.")
    public String readReference(@P("a topic from the list in the system prompt, or a few keywords") String topic) {
        if (topic == null || topic.isBlank()) {
            return "Error: give a topic. " + pack.readReference("").render();
        }
        return cut(pack.readReference(topic.strip()).render());
    }

    @Tool(name = CHECK_ASYNC_CODE, value = "Runs the AST checker for asyncio anti-patterns (rules AIO000-AIO171) on "
            + "Python code and returns its findings as a JSON array (rule, line, severity, message); [] means clean. "
            + "Check every draft before showing it.")
    public String checkAsyncCode(@P("the complete Python source of app.py") String code) {
        if (code == null || code.isBlank()) {
            return "Error: code is empty; pass the complete source of app.py.";
        }
        if (code.length() > MAX_CODE_CHARS) {
            return "Error: code is " + code.length() + " characters; the limit is " + MAX_CODE_CHARS + ".";
        }
        return cut(checker.checkAsJson(code));
    }

    @Tool(name = RUN_PYTEST, value = "Runs pytest with pytest-asyncio in a network-less sandbox: the code is saved "
            + "as app.py, the tests as test_app.py (import from app). Returns passed/failed counts and each failure.")
    public String runPytest(@P("the complete Python source of app.py") String code,
            @P("pytest tests for app.py, saved as test_app.py") String tests) {
        if (code == null || code.isBlank() || tests == null || tests.isBlank()) {
            return "Error: both code (app.py) and tests (test_app.py) are required.";
        }
        if (code.length() + tests.length() > MAX_CODE_CHARS) {
            return "Error: code and tests are " + (code.length() + tests.length()) + " characters; the limit is "
                    + MAX_CODE_CHARS + ".";
        }
        return cut(runner.run(code, tests));
    }

    static String cut(String text) {
        if (text == null) {
            return "";
        }
        if (text.length() <= MAX_RESULT_CHARS) {
            return text;
        }
        return text.substring(0, MAX_RESULT_CHARS) + "\n... (cut: " + (text.length() - MAX_RESULT_CHARS)
                + " more characters)";
    }
}
