package dev.aioskill;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the packaged CLI jar with `java -jar` from a directory outside the repository. */
class PackagedJarIT {

    static Path jar;
    static Path java = Path.of(System.getProperty("java.home"), "bin", "java");

    @TempDir
    Path elsewhere;

    @BeforeAll
    static void findJar() {
        jar = Path.of(System.getProperty("aioskill.cliJar", "target/aioskill-0.1.0-cli.jar")).toAbsolutePath();
        assertThat(jar).exists();
    }

    record Result(int code, byte[] stdout, String stderr) {
        String out() {
            return new String(stdout, StandardCharsets.UTF_8);
        }
    }

    private Result run(Map<String, String> env, boolean clearEnv, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(elsewhere.toFile());
        if (clearEnv) {
            builder.environment().clear(); // what `env -i` does: no LANG, no PATH, nothing
        }
        builder.environment().putAll(env);
        Path errFile = elsewhere.resolve("stderr.txt");
        builder.redirectError(errFile.toFile());
        Process process = builder.start();
        process.getOutputStream().close();
        byte[] stdout = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), stdout, Files.readString(errFile, StandardCharsets.UTF_8));
    }

    @Test
    void skillLoadsFromTheJarNotFromTheSourceTree() throws Exception {
        assertThat(elsewhere.resolve("references")).doesNotExist();
        Result result = run(Map.of(), false, "reference", "--source", "cancellation");
        assertThat(result.code()).as(result.stderr()).isZero();
        assertThat(result.out()).contains("skill: using-asyncio-python loaded from jar:file:" + jar);
        assertThat(result.out()).containsIgnoringCase("cancel");
    }

    @Test
    void outputIsUtf8EvenWithAnEmptyEnvironment() throws Exception {
        Result result = run(Map.of(), true, "reference", "--skill");
        assertThat(result.code()).as(result.stderr()).isZero();
        String text = result.out();
        // SKILL.md's arrows and dashes, byte for byte in UTF-8, not '?'.
        assertThat(text).contains("code → **Async Building**").contains("**Async Building** — Design");
        byte[] arrow = "→".getBytes(StandardCharsets.UTF_8);
        assertThat(indexOf(result.stdout(), arrow)).isPositive();
    }

    @Test
    void aKeyInTheEnvironmentAppearsInNoLogLine() throws Exception {
        String key = "sk-it-planted-0123456789abcdefghijklmnop";
        Result result = run(Map.of("OPENAI_API_KEY", key, "SLACK_BOT_TOKEN", "xoxb-planted-token-0000"), false,
                "--verbose", "--debug", "--version");
        assertThat(result.code()).isZero();
        assertThat(result.stderr()).contains("OPENAI_API_KEY=<set>"); // the debug line was written
        assertThat(result.stderr() + result.out()).doesNotContain(key).doesNotContain("xoxb-planted-token-0000");
    }

    @Test
    void helpAndVersionWork() throws Exception {
        Result help = run(Map.of(), false, "--help");
        assertThat(help.code()).isZero();
        assertThat(help.out()).contains("Usage: aioskill");
        Result version = run(Map.of(), false, "--version");
        assertThat(version.out()).contains("aioskill 0.1.0").contains("python: ");
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
