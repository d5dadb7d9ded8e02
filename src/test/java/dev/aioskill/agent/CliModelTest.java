package dev.aioskill.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI on the model path, run as its own process so the model is configured the way users configure it:
 * through OPENAI_BASE_URL and OPENAI_API_KEY in the environment (pointing at WireMock on 127.0.0.1).
 */
class CliModelTest {

    @RegisterExtension
    static WireMockExtension wm = FakeOpenAi.server();

    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {}

    private Run aioskill(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // Quick start-up flags: these runs are short, and the machine is shared.
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), "dev.aioskill.cli.Main"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(dir.resolve("out.txt").toFile())
                .redirectError(dir.resolve("err.txt").toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(key -> key.startsWith("OPENAI_") || key.startsWith("AIOSKILL_"));
        env.put("OPENAI_BASE_URL", FakeOpenAi.baseUrl(wm));
        env.put("OPENAI_API_KEY", FakeOpenAi.KEY);
        env.put("AIOSKILL_MODEL", FakeOpenAi.MODEL);
        env.put("AIOSKILL_MAX_RETRIES", "1");
        env.put("AIOSKILL_TIMEOUT_SECONDS", "5");
        Process process = builder.start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("aioskill did not finish within 120 s");
        }
        return new Run(process.exitValue(), Files.readString(dir.resolve("out.txt"), StandardCharsets.UTF_8),
                Files.readString(dir.resolve("err.txt"), StandardCharsets.UTF_8));
    }

    private Path file() throws IOException {
        return Files.writeString(dir.resolve("fetch.py"), LlmReviewerTest.CODE);
    }

    @Test
    void reviewVerbosePrintsTheTokenUsageAndLatencyOnStderr() throws Exception {
        wm.stubFor(FakeOpenAi.chat().willReturn(FakeOpenAi.answer(LlmReviewerTest.draft("fetch blocks the loop.",
                LlmReviewerTest.item("AIO100", "blocking sleep", "error", 5, "time.sleep(1)", "It blocks.")))));

        Run run = aioskill("review", "--verbose", file().toString());

        assertThat(run.exit()).as(run.err()).isEqualTo(1);
        assertThat(run.out()).contains("Engine: model gpt-test (grounded against the AST checker).");
        assertThat(run.err()).containsPattern(
                "aioskill: .*fetch\\.py: usage: gpt-test, 1 call, tokens 11 in \\+ 7 out = 18, model latency \\d+ ms");
        assertThat(run.err()).doesNotContain(FakeOpenAi.KEY);
    }

    @Test
    void fallbackOfflineAnswersOfflineWhenTheModelAnswers500OnEveryAttempt() throws Exception {
        wm.stubFor(FakeOpenAi.chat().willReturn(FakeOpenAi.error(500, "boom")));

        Run run = aioskill("review", "--fallback-offline", file().toString());

        assertThat(run.exit()).as(run.err()).isEqualTo(1);
        assertThat(run.out()).contains("Engine: offline").contains("could not be reached")
                .contains("so the offline engine answered instead").contains("AIO100");
        assertThat(FakeOpenAi.requests(wm)).hasSize(2);
    }

    @Test
    void withoutFallbackAModelFailureIsOneLineAndExitTwo() throws Exception {
        wm.stubFor(FakeOpenAi.chat().willReturn(FakeOpenAi.error(500, "boom")));

        Run run = aioskill("build", "fetch 50 URLs concurrently");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().strip().lines()).hasSize(1);
        assertThat(run.err()).startsWith("aioskill: the model server answered 500 Internal Server Error after 2 attempts")
                .contains("--fallback-offline");
    }
}
