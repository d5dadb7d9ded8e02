package dev.aioskill.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aioskill.check.AsyncChecker;
import dev.aioskill.config.Settings;
import dev.aioskill.sandbox.PytestSandbox;
import dev.aioskill.sandbox.SandboxLimits;
import dev.aioskill.sandbox.TestStatus;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every pattern the offline engine can answer with is clean under the checker and passes its own tests in the sandbox. */
class PatternVerificationTest {

    private static AsyncChecker checker;
    private static OfflineEngine engine;

    @BeforeAll
    static void open() {
        Settings settings = Settings.load();
        checker = new AsyncChecker(settings, 2, AsyncChecker.DEFAULT_TIMEOUT);
        engine = new OfflineEngine(checker, () -> PytestSandbox.fromSettings(settings, false), PatternLibrary.load(),
                SandboxLimits.defaults());
    }

    @AfterAll
    static void close() {
        checker.close();
    }

    static Stream<BuildPattern> patterns() {
        return PatternLibrary.load().all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("patterns")
    void patternPassesTheCheckerAndItsTestsInTheSandbox(BuildPattern pattern) {
        Map<String, String> files = new LinkedHashMap<>();
        files.put(pattern.codeFileName(), pattern.code());
        files.put(pattern.testFileName(), pattern.tests());
        Verification verification = engine.verify(pattern.codeFileName(), pattern.code(), files);
        assertThat(verification.findings()).as(pattern.id()).isEmpty();
        var run = verification.tests().orElseThrow();
        assertThat(run.status()).as(pattern.id() + ": " + run.message() + "\n" + run.output()).isEqualTo(TestStatus.PASSED);
        assertThat(run.isolation().label()).isEqualTo("bubblewrap");
        assertThat(run.passed()).isGreaterThanOrEqualTo(3);
        assertThat(verification.summary()).isEqualTo("checker: 0 findings; tests: " + run.passed() + " passed in the bubblewrap sandbox");
    }
}
