package dev.aioskill.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aioskill.check.Finding;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `aioskill check` from the packaged jar: the checker is unpacked from inside the jar. */
class CheckCommandIT {

    static final String BLOCKING = "import asyncio, time\n\nasync def fetch():\n    time.sleep(1)\n    await asyncio.sleep(0)\n";

    @TempDir
    Path work;
    @TempDir
    Path cache;

    record Result(int code, String out, String err) {}

    Result run(Map<String, String> extraEnv, String... args) throws Exception {
        Path jar = Path.of(System.getProperty("aioskill.cliJar", "target/aioskill-0.1.0-cli.jar")).toAbsolutePath();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile());
        builder.environment().clear();
        Map<String, String> env = new HashMap<>(Map.of("PATH", "/usr/bin:/bin", "AIOSKILL_CACHE_DIR", cache.toString()));
        env.putAll(extraEnv);
        builder.environment().putAll(env);
        Path err = work.resolve("stderr.txt");
        builder.redirectError(err.toFile());
        Process process = builder.start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), out, Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void checkerIsUnpackedFromTheJarAndFindingsExitOne() throws Exception {
        Files.writeString(work.resolve("app.py"), BLOCKING);

        Result result = run(Map.of("OPENAI_API_KEY", "sk-it-planted-abcdefghijklmnopqrstuvwxyz"), "check", "app.py");

        assertThat(result.code()).as(result.err()).isEqualTo(ExitCodes.FINDINGS);
        assertThat(result.out()).contains("app.py:4:5: AIO100 time.sleep() blocks the event loop");
        try (Stream<Path> dirs = Files.list(cache)) {
            Path unpacked = dirs.filter(p -> p.getFileName().toString().startsWith("checker-")).findFirst().orElseThrow();
            assertThat(unpacked.resolve("aioskill_checker/worker.py")).isRegularFile();
        }
    }

    @Test
    void secondRunStartsNoWorker() throws Exception {
        Files.writeString(work.resolve("app.py"), BLOCKING);
        Files.setLastModifiedTime(work.resolve("app.py"), java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 60_000));
        assertThat(run(Map.of(), "--verbose", "check", "app.py").err()).contains("1 by 1 worker(s)");

        Result second = run(Map.of(), "--verbose", "check", "app.py");

        assertThat(second.code()).isEqualTo(ExitCodes.FINDINGS);
        assertThat(second.err()).contains("1 from the cache (1 by file stamp), 0 by 0 worker(s)");
        assertThat(second.out()).contains("app.py:4:5: AIO100");
    }

    @Test
    void missingPythonIsOneClearLineAndExitTwo() throws Exception {
        Files.writeString(work.resolve("app.py"), BLOCKING);

        Result result = run(Map.of("AIOSKILL_PYTHON", "/nonexistent/python3"), "check", "app.py");

        assertThat(result.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("AIOSKILL_PYTHON=/nonexistent/python3 is not an executable file").doesNotContain("\tat ");
    }

    @Test
    void jsonOnStdoutIsExactlyOneArray() throws Exception {
        Files.writeString(work.resolve("app.py"), BLOCKING);

        Result result = run(Map.of(), "check", "--format", "json", "app.py");

        Finding[] findings = new ObjectMapper().readValue(result.out(), Finding[].class);
        assertThat(findings).extracting(Finding::rule).containsExactly("AIO100");
    }
}
