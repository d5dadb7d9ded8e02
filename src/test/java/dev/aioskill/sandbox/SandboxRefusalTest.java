package dev.aioskill.sandbox;

import static dev.aioskill.sandbox.SandboxFixtures.py;
import static dev.aioskill.sandbox.SandboxFixtures.quick;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aioskill.config.PythonInterpreter;
import dev.aioskill.config.PythonResolver;
import dev.aioskill.config.Settings;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SandboxRefusalTest {

    private final PythonInterpreter python = new PythonResolver(Settings.of(Map.of())).resolve();
    private final SandboxOptions noBubblewrap = SandboxOptions.defaults().withBwrap(Path.of("/nonexistent/aioskill/bwrap"));

    @Test
    void withoutBubblewrapTheRunIsRefusedWithTheInstallHint() {
        TestRun run = new PytestSandbox(python, noBubblewrap)
                .runCodeAndTests("X = 1\n", "def test_x():\n    assert True\n", quick());

        assertThat(run.status()).isEqualTo(TestStatus.REFUSED);
        assertThat(run.message()).contains("/nonexistent/aioskill/bwrap").contains("apt-get install bubblewrap")
                .doesNotContain("\n");
        assertThat(run.tests()).isEmpty();
    }

    @Test
    void aBubblewrapThatCannotStartASandboxIsRefused() {
        // /usr/bin/false stands for a bubblewrap that exists but fails, as it does where user
        // namespaces are disabled: the probe sees the failure and the run is refused.
        TestRun run = new PytestSandbox(python, SandboxOptions.defaults().withBwrap(Path.of("/usr/bin/false")))
                .runCodeAndTests("X = 1\n", "def test_x():\n    assert True\n", quick());

        assertThat(run.status()).isEqualTo(TestStatus.REFUSED);
        assertThat(run.message()).contains("bubblewrap cannot start a sandbox here").contains("user namespaces")
                .contains("apt-get install bubblewrap").doesNotContain("\n");
    }

    @Test
    void anInterpreterOutsideUsrIsRefusedWithTheReason() {
        PythonInterpreter elsewhere = new PythonInterpreter(Path.of("/opt/python/bin/python3"), "3.11.2", "AIOSKILL_PYTHON");

        TestRun run = new PytestSandbox(elsewhere, SandboxOptions.defaults())
                .runCodeAndTests("X = 1\n", "def test_x():\n    assert True\n", quick());

        assertThat(run.status()).isEqualTo(TestStatus.REFUSED);
        assertThat(run.message()).contains("outside /usr").contains("AIOSKILL_PYTHON");
    }

    @Test
    void allowedUnsandboxedRunsKeepLimitsAndAClearedEnvironmentAndSaySo() {
        TestRun run = new PytestSandbox(python, noBubblewrap.withAllowUnsandboxed(true)).run(Map.of("test_plain.py", py(
                "import os",
                "def test_limits_and_environment():",
                "    limits = open('/proc/self/limits').read()",
                "    assert any(l.startswith('Max processes') and l.split()[2] == '64' for l in limits.splitlines())",
                "    assert any(l.startswith('Max file size') and l.split()[3] == str(16 << 20) for l in limits.splitlines())",
                "    assert 'OPENAI_API_KEY' not in os.environ and 'MAVEN_OPTS' not in os.environ",
                "    assert set(os.environ) <= {'PATH', 'LANG', 'HOME', 'USER', 'LOGNAME', 'TMPDIR', 'PYTHONDONTWRITEBYTECODE',",
                "                               'PYTEST_DISABLE_PLUGIN_AUTOLOAD', 'PYTHONHASHSEED', 'PYTEST_CURRENT_TEST', 'PWD'}",
                "    assert os.getuid() != 0")), quick());

        assertThat(run.status()).as(run.message() + "\n" + run.output()).isEqualTo(TestStatus.PASSED);
        assertThat(run.isolation()).isEqualTo(Isolation.NONE);
        assertThat(run.message()).contains("WITHOUT bubblewrap").contains("apt-get install bubblewrap");
    }

    @Test
    void aWorkingBubblewrapIsNotRefused() {
        assertThat(new PytestSandbox(python, SandboxOptions.defaults()).refusalReason()).isEmpty();
    }
}
