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
 * A stuck request. The real checker has no input that hangs on purpose, so a stand-in package named
 * aioskill_checker answers like a worker but sleeps on the path "hang": the pool must kill it, say so,
 * and serve the next request from a fresh process.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WorkerTimeoutTest {

    private static final String STAND_IN = """
            import json, sys, time
            for line in sys.stdin:
                request = json.loads(line)
                if request.get("path") == "hang":
                    time.sleep(600)
                print(json.dumps({"id": request["id"], "findings": []}), flush=True)
            """;

    @Test
    void stuckRequestIsStoppedWithAClearErrorAndTheWorkerReplaced(@TempDir Path dir) throws Exception {
        Path pkg = Files.createDirectories(dir.resolve("aioskill_checker"));
        Files.writeString(pkg.resolve("__init__.py"), "");
        Files.writeString(pkg.resolve("__main__.py"), STAND_IN);
        WorkerLaunch launch = new WorkerLaunch(Path.of("/usr/bin/python3"), dir, WorkerLaunch.CHECKER_ENVIRONMENT);

        try (AsyncChecker checker = new AsyncChecker(launch, 1, Duration.ofMillis(1500))) {
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
