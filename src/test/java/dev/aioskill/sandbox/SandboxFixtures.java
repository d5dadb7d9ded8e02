package dev.aioskill.sandbox;

import dev.aioskill.config.PythonResolver;
import dev.aioskill.config.Settings;
import java.time.Duration;
import java.util.Map;

/** Shared set-up for the sandbox tests: the real interpreter, real bubblewrap, short limits. */
final class SandboxFixtures {

    private SandboxFixtures() {}

    static PytestSandbox sandbox() {
        return new PytestSandbox(new PythonResolver(Settings.of(Map.of())).resolve(), SandboxOptions.defaults());
    }

    /** A sandbox whose runs {@code observer} watches from the host. */
    static PytestSandbox sandbox(SlotObserver observer) {
        return new PytestSandbox(new PythonResolver(Settings.of(Map.of())).resolve(), SandboxOptions.defaults(), observer);
    }

    static SandboxLimits quick() {
        return SandboxLimits.defaults().withWallTimeout(Duration.ofSeconds(20));
    }

    /** One test file. */
    static Map<String, String> tests(String source) {
        return Map.of("test_attack.py", source);
    }

    /** Python source from lines, so tests read like the file they write. */
    static String py(String... lines) {
        return String.join("\n", lines) + "\n";
    }
}
