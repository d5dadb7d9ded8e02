package dev.aioskill.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    }

    private Path write(String name, String content) throws Exception {
        return Files.writeString(dir.resolve(name), content);
    }

    @Test
    void passingTestsExitZeroAndTheTestsImportTheCodeByItsFileName() throws Exception {
        Path code = write("rate_limiter.py", "def allowed(n):\n    return n <= 3\n");
        Path tests = write("test_rate_limiter.py", "from rate_limiter import allowed\n\ndef test_allows_three():\n    assert allowed(3)\n");

        int exit = run("test", "--code", code.toString(), "--tests", tests.toString());

        assertThat(exit).as(out + "\n" + err).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).startsWith("passed: 1 passed, 0 failed, 0 errors, 0 skipped")
                .contains("(isolation: bubblewrap)").contains("PASSED  test_rate_limiter::test_allows_three");
    }

    @Test
    void jsonOutputHasExactlyTheDocumentedKeys() throws Exception {
        Path code = write("app.py", "def f():\n    return 1\n");
        Path tests = write("test_app.py", "from app import f\n\ndef test_ok():\n    assert f() == 1\n\ndef test_bad():\n    assert f() == 2\n");

        int exit = run("test", "--code", code.toString(), "--tests", tests.toString(), "--format", "json");

        assertThat(exit).isEqualTo(ExitCodes.FINDINGS);
        JsonNode json = new ObjectMapper().readTree(out.toString());
        List<String> keys = new ArrayList<>();
        json.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactly("status", "passed", "failed", "errors", "skipped", "tests", "isolation",
                "wall_seconds", "stdout", "stderr", "output");
        assertThat(json.get("status").asText()).isEqualTo("failed");
        assertThat(json.get("passed").asInt()).isEqualTo(1);
        assertThat(json.get("failed").asInt()).isEqualTo(1);
        assertThat(json.get("isolation").asText()).isEqualTo("bubblewrap");
        assertThat(json.get("tests")).hasSize(2);
        assertThat(json.get("tests").get(0).has("outcome")).isTrue();
        assertThat(json.get("output").asText()).contains("assert 1 == 2");
    }

    @Test
    void aTimeoutExitsOne() throws Exception {
        Path code = write("app.py", "import time\n");
        Path tests = write("test_app.py", "import time\n\ndef test_hang():\n    time.sleep(60)\n");

        int exit = run("test", "--code", code.toString(), "--tests", tests.toString(), "--timeout", "2");

        assertThat(exit).isEqualTo(ExitCodes.FINDINGS);
        assertThat(out.toString()).startsWith("timeout:").contains("wall-clock timeout of 2 s");
    }

    @Test
    void aRefusedRunExitsThreeWithTheReason() throws Exception {
        Path code = write("app.py", "X = 1\n");
        Path tests = write("test_app.py", "def test_x():\n    pass\n");

        int exit = run("test", "--code", code.toString(), "--tests", tests.toString(), "--bwrap", "/nonexistent/bwrap");

        assertThat(exit).isEqualTo(ExitCodes.REFUSED);
        assertThat(out.toString()).startsWith("refused:").contains("apt-get install bubblewrap");
    }

    @Test
    void unsandboxedFallbackRunsAndSaysIsolationNone() throws Exception {
        Path code = write("app.py", "X = 1\n");
        Path tests = write("test_app.py", "from app import X\n\ndef test_x():\n    assert X == 1\n");

        int exit = run("test", "--code", code.toString(), "--tests", tests.toString(), "--bwrap", "/nonexistent/bwrap",
                "--unsandboxed", "--format", "json");

        assertThat(exit).as(out + "\n" + err).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).contains("\"isolation\":\"none\"");
        assertThat(err.toString()).contains("WITHOUT bubblewrap");
    }

    @Test
    void usageErrorsExitTwo() throws Exception {
        Path code = write("app.py", "X = 1\n");
        Path tests = write("test_app.py", "def test_x():\n    pass\n");
        Path badName = write("checks.py", "def test_x():\n    pass\n");

        assertThat(run("test", "--code", code.toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(run("test", "--code", dir.resolve("missing.py").toString(), "--tests", tests.toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("missing.py: no such file");
        assertThat(run("test", "--code", code.toString(), "--tests", badName.toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("test_*.py");
        assertThat(run("test", "--code", code.toString(), "--tests", tests.toString(), "--timeout", "0")).isEqualTo(ExitCodes.USAGE);
        assertThat(run("test", "--code", code.toString(), "--tests", tests.toString(), "--format", "xml")).isEqualTo(ExitCodes.USAGE);
    }
}
