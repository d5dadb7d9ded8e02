package dev.aioskill.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Workers that misbehave in ways the real checker never does on purpose: a stand-in package named
 * aioskill_checker answers like a worker but hangs on the path "hang", floods stderr on "noisy" and
 * prints a stray line on "chatty". The pool must stop a stuck worker, say so and go on with a fresh
 * one; it must never block on a full stderr pipe, and must skip what is not its answer.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MisbehavingWorkerTest {

    private static final String STAND_IN = """
            import json, sys, time
            for line in sys.stdin:
                request = json.loads(line)
                if request.get("path") == "hang":
                    time.sleep(600)
                if request.get("path") == "noisy":
                    sys.stderr.write("x" * 4_000_000 + "\\n")
                    sys.stderr.flush()
                if request.get("path") == "chatty":
                    print("debug: not a response", flush=True)
                    print(json.dumps({"id": -1, "findings": []}), flush=True)
                print(json.dumps({"id": request["id"], "findings": []}), flush=True)
            """;

    private static WorkerLaunch standIn(Path dir) throws Exception {
        Path pkg = Files.createDirectories(dir.resolve("aioskill_checker"));
        Files.writeString(pkg.resolve("__init__.py"), "");
        Files.writeString(pkg.resolve("__main__.py"), STAND_IN);
        return new WorkerLaunch(Path.of("/usr/bin/python3"), dir, WorkerLaunch.CHECKER_ENVIRONMENT);
    }

    @Test
    void floodedStderrNeverBlocksTheWorkerAndStrayLinesAreSkipped(@TempDir Path dir) throws Exception {
        try (AsyncChecker checker = new AsyncChecker(standIn(dir), 1, Duration.ofSeconds(20))) {
            for (int i = 0; i < 3; i++) {
                CheckResult noisy = checker.check("noisy", "pass\n");
                assertThat(noisy.failed()).as(String.valueOf(noisy.error())).isFalse();
            }
            CheckResult chatty = checker.check("chatty", "pass\n");
            assertThat(chatty.failed()).as(String.valueOf(chatty.error())).isFalse();
            assertThat(checker.startedWorkers()).isEqualTo(1);
            assertThat(checker.retries()).isZero();
        }
    }

    @Test
    void stuckRequestIsStoppedWithAClearErrorAndTheWorkerReplaced(@TempDir Path dir) throws Exception {
        try (AsyncChecker checker = new AsyncChecker(standIn(dir), 1, Duration.ofMillis(1500))) {
            assertThat(checker.check("ok.py", "pass\n").failed()).isFalse();
            long stuckPid = checker.workerPids().get(0);

            long started = System.nanoTime();
            CheckResult stuck = checker.check("hang", "pass\n");
            long tookMillis = (System.nanoTime() - started) / 1_000_000;

            assertThat(stuck.failed()).isTrue();
            assertThat(stuck.error()).contains("longer than 1500 ms").contains("hang").contains("not checked");
            assertThat(tookMillis).isBetween(1000L, 20_000L);
            assertThat(ProcessHandle.of(stuckPid).map(ProcessHandle::isAlive).orElse(false)).isFalse();

            CheckResult next = checker.check("ok.py", "pass\n");
            assertThat(next.failed()).isFalse();
            assertThat(checker.workerPids()).hasSize(1).doesNotContain(stuckPid);
        }
    }
}
