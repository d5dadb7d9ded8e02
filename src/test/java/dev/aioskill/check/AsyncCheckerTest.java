package dev.aioskill.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aioskill.config.PythonInterpreter;
import dev.aioskill.config.PythonResolver;
import dev.aioskill.config.Settings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The worker pool against the real Python checker. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class AsyncCheckerTest {

    static final String BLOCKING = """
            import asyncio, time

            async def fetch(url):
                time.sleep(1)
                return await asyncio.sleep(0, url)
            """;

    @TempDir
    Path cache;

    AsyncChecker checker;

    @BeforeEach
    void start() {
        checker = newChecker(2, AsyncChecker.DEFAULT_TIMEOUT);
    }

    @AfterEach
    void stop() {
        checker.close();
    }

    AsyncChecker newChecker(int pool, Duration timeout) {
        PythonInterpreter python = new PythonResolver(Settings.load()).resolve();
        CheckerInstall install = CheckerInstall.fromClasspath(Settings.of(Map.of("AIOSKILL_CACHE_DIR", cache.toString())));
        return new AsyncChecker(python, install, pool, timeout);
    }

    @Test
    void reportsBlockingSleepAtItsLine() {
        CheckResult result = checker.check("app.py", BLOCKING);

        assertThat(result.failed()).isFalse();
        assertThat(result.findings()).extracting(Finding::rule, Finding::line, Finding::path)
                .contains(org.assertj.core.groups.Tuple.tuple("AIO100", 4, "app.py"));
        Finding sleep = result.findings().stream().filter(f -> f.rule().equals("AIO100")).findFirst().orElseThrow();
        assertThat(sleep.severity()).isEqualTo(Severity.ERROR);
        assertThat(sleep.category()).isEqualTo(Category.BLOCKING);
        assertThat(sleep.message()).contains("fetch");
    }

    @Test
    void cleanCodeHasNoFindings() {
        CheckResult result = checker.check("ok.py", "import asyncio\n\nasync def main():\n    await asyncio.sleep(1)\n");
        assertThat(result.failed()).isFalse();
        assertThat(result.findings()).isEmpty();
    }

    @Test
    void rawBytesAreDecodedLikeAPythonFileWithCodingCookie() {
        byte[] latin1 = "# -*- coding: latin-1 -*-\nimport asyncio, time\nNAME = 'caf\u00e9'\nasync def f():\n    time.sleep(1)\n    await asyncio.sleep(0)\n"
                .getBytes(StandardCharsets.ISO_8859_1);

        CheckResult result = checker.check("latin.py", latin1);

        assertThat(result.findings()).extracting(Finding::rule, Finding::line)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("AIO100", 5));
    }

    @Test
    void undecodableBytesAreASyntaxFindingNotAnError() {
        CheckResult result = checker.check("bad.py", new byte[] {'x', ' ', '=', ' ', (byte) 0xff, (byte) 0xfe, '\n'});

        assertThat(result.failed()).isFalse();
        assertThat(result.findings()).extracting(Finding::rule).containsExactly("AIO000");
    }

    @Test
    void syntaxErrorIsFindingAio000AtTheParserLine() {
        CheckResult result = checker.check("broken.py", "x = 1\ndef f(:\n    pass\n");

        assertThat(result.findings()).extracting(Finding::rule, Finding::line)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("AIO000", 2));
        assertThat(result.findings().get(0).category()).isEqualTo(Category.SYNTAX);
    }

    @Test
    void twoHundredChecksFromEightThreadsMatchTheSequentialAnswers() throws Exception {
        List<String> sources = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            // Each source reports at a line of its own, so a mixed-up answer cannot pass.
            sources.add("\n".repeat(i % 37) + BLOCKING);
        }
        List<CheckResult> expected = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            expected.add(checker.check("f" + i + ".py", sources.get(i)));
        }

        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<CheckResult>> futures = new ArrayList<>();
            for (int i = 0; i < sources.size(); i++) {
                int n = i;
                futures.add(threads.submit(() -> checker.check("f" + n + ".py", sources.get(n))));
            }
            for (int i = 0; i < futures.size(); i++) {
                CheckResult result = futures.get(i).get(60, TimeUnit.SECONDS);
                assertThat(result.failed()).as("result %d", i).isFalse();
                assertThat(result.path()).isEqualTo("f" + i + ".py");
                assertThat(result.findings()).extracting(Finding::rule, Finding::line, Finding::path)
                        .containsExactly(org.assertj.core.groups.Tuple.tuple("AIO100", 4 + i % 37, "f" + i + ".py"));
                if (i < expected.size()) {
                    assertThat(result).isEqualTo(expected.get(i));
                }
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(checker.workerPids()).hasSizeLessThanOrEqualTo(2);
    }

    @Test
    void killedWorkerIsReplacedAndTheNextCheckWorks() throws Exception {
        checker.check("warm.py", BLOCKING);
        List<Long> before = checker.workerPids();
        assertThat(before).isNotEmpty();
        for (long pid : before) {
            ProcessHandle handle = ProcessHandle.of(pid).orElseThrow();
            handle.destroyForcibly();
            handle.onExit().get(10, TimeUnit.SECONDS);
        }

        CheckResult result = checker.check("after.py", BLOCKING);

        assertThat(result.failed()).isFalse();
        assertThat(result.findings()).extracting(Finding::rule).contains("AIO100");
        assertThat(checker.workerPids()).isNotEmpty().doesNotContainAnyElementsOf(before);
    }

    @Test
    void workerKilledWhileCheckingIsRetriedOnAFreshOne() throws Exception {
        try (AsyncChecker single = newChecker(1, Duration.ofSeconds(60))) {
            single.check("warm.py", BLOCKING);
            long pid = single.workerPids().get(0);
            // A large file keeps the worker busy long enough to be killed in the middle of it.
            String big = BLOCKING + "\nx = [\n" + "    1,\n".repeat(400_000) + "]\n";
            ExecutorService thread = Executors.newSingleThreadExecutor();
            try {
                Future<CheckResult> pending = thread.submit(() -> single.check("big.py", big));
                Thread.sleep(300);
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);

                CheckResult result = pending.get(90, TimeUnit.SECONDS);

                assertThat(result.failed()).as(String.valueOf(result.error())).isFalse();
                assertThat(result.findings()).extracting(Finding::rule, Finding::line)
                        .contains(org.assertj.core.groups.Tuple.tuple("AIO100", 4));
                assertThat(single.workerPids()).hasSize(1).doesNotContain(pid);
                assertThat(single.retries()).as("the request was in flight when its worker died").isEqualTo(1);
            } finally {
                thread.shutdownNow();
            }
        }
    }

    @Test
    void workerEnvironmentHoldsNoSecretsAndNothingInherited() throws Exception {
        checker.check("warm.py", BLOCKING);
        long pid = checker.workerPids().get(0);

        byte[] raw = Files.readAllBytes(Path.of("/proc/" + pid + "/environ"));
        List<String> names = Arrays.stream(new String(raw, StandardCharsets.UTF_8).split("\0"))
                .filter(entry -> !entry.isEmpty())
                .map(entry -> entry.substring(0, entry.indexOf('=')))
                .toList();

        assertThat(names).containsExactlyInAnyOrder("PATH", "LANG", "LC_ALL");
        assertThat(System.getenv()).containsKey("HOME"); // the JVM has more; none of it reached the worker
    }

    @Test
    void checkAllSpreadsFilesOverEveryWorkerAndKeepsTheirOrder(@TempDir Path dir) throws Exception {
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            Path file = dir.resolve("m" + i + ".py");
            Files.writeString(file, "\n".repeat(i) + BLOCKING);
            files.add(file);
        }
        files.add(dir.resolve("missing.py"));

        List<CheckResult> results = checker.checkAll(files);

        assertThat(results).hasSize(13);
        for (int i = 0; i < 12; i++) {
            assertThat(results.get(i).path()).isEqualTo(files.get(i).toString());
            assertThat(results.get(i).findings()).extracting(Finding::line).containsExactly(4 + i);
        }
        assertThat(results.get(12).failed()).isTrue();
        assertThat(results.get(12).error()).contains("missing.py").contains("no such file");
        assertThat(checker.workerPids()).hasSize(2);
    }

    @Test
    void workersStartOnlyWhenNeededOrWhenWarmedUp() {
        assertThat(checker.workerPids()).isEmpty();

        checker.warmUp();

        assertThat(checker.workerPids()).hasSize(2);
        assertThat(checker.check("a.py", BLOCKING).failed()).isFalse();
        assertThat(checker.startedWorkers()).isEqualTo(2);
    }

    @Test
    void closedCheckerRefusesWorkAndStopsItsWorkers() throws Exception {
        checker.check("warm.py", BLOCKING);
        List<Long> pids = checker.workerPids();

        checker.close();

        for (long pid : pids) {
            ProcessHandle.of(pid).ifPresent(handle -> handle.onExit().join());
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> checker.check("x.py", "pass\n"))
                .isInstanceOf(IllegalStateException.class);
    }
}
