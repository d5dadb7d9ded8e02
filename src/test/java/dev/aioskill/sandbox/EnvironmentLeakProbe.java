package dev.aioskill.sandbox;

import java.util.Map;

/**
 * Run in a child JVM whose environment holds planted secrets: runs one sandboxed test that looks for
 * them everywhere it can (its environment, every /proc/N/environ, /proc/1/environ) and prints
 * {@code jvm-saw-key=true|false status=... message=...}.
 */
public final class EnvironmentLeakProbe {

    private EnvironmentLeakProbe() {}

    public static void main(String[] args) {
        String canary = System.getenv("OPENAI_API_KEY");
        String python = String.join("\n",
                "import os",
                "def test_no_host_secret_anywhere():",
                "    parts = ('sk-aioskill-', 'canary-')  # the full value never appears in this file",
                "    secret = (parts[0] + parts[1]).encode()",
                "    assert 'OPENAI_API_KEY' not in os.environ and 'SLACK_BOT_TOKEN' not in os.environ",
                "    assert set(os.environ) <= {'PATH', 'LANG', 'HOME', 'USER', 'LOGNAME', 'TMPDIR',",
                "                               'PYTHONDONTWRITEBYTECODE', 'PYTEST_DISABLE_PLUGIN_AUTOLOAD',",
                "                               'PYTHONHASHSEED', 'PYTEST_CURRENT_TEST', 'PWD'}, sorted(os.environ)",
                "    seen = 0",
                "    for pid in [p for p in os.listdir('/proc') if p.isdigit()]:",
                "        with open(f'/proc/{pid}/environ', 'rb') as f:",
                "            data = f.read()",
                "        seen += 1",
                "        assert secret not in data and b'OPENAI_API_KEY' not in data and b'xoxb-' not in data, pid",
                "    assert os.path.exists('/proc/1/environ') and seen >= 2",
                "");
        TestRun run = SandboxFixtures.sandbox().run(Map.of("test_env.py", python), SandboxFixtures.quick());
        System.out.println("jvm-saw-key=" + (canary != null && canary.startsWith("sk-aioskill-canary-"))
                + " status=" + run.status().label() + " isolation=" + run.isolation().label()
                + " message=" + run.message().replace('\n', ' '));
        if (run.status() != TestStatus.PASSED) {
            System.out.println(run.output());
        }
    }
}
