package dev.aioskill.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aioskill.config.PythonResolver;
import dev.aioskill.config.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * On demand (not part of the default suite: surefire only picks up *Test classes):
 * {@code mvn -q test -Dtest=WarmLatencyBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 * Prints the latency of one warm worker answering a 200-line async module through {@link AsyncChecker}:
 * the full round trip (JSON encoding, pipe, checking in Python, JSON decoding into {@link Finding}s).
 * Target: median under 5 ms. It prints numbers; it asserts only that the answers are right.
 */
@Tag("benchmark")
class WarmLatencyBenchmark {

    private static final int WARMUP = 300;
    private static final int MEASURED = 2000;

    @Test
    void warmWorkerAnswersA200LineModule() throws Exception {
        String source = module200Lines();
        assertThat(source.lines().count()).isEqualTo(200);
        Path cache = Files.createTempDirectory("aioskill-bench-");
        try (AsyncChecker checker = new AsyncChecker(new PythonResolver(Settings.load()).resolve(),
                CheckerInstall.fromClasspath(Settings.of(Map.of("AIOSKILL_CACHE_DIR", cache.toString()))), 1, Duration.ofSeconds(10))) {
            CheckResult first = checker.check("bench.py", source);
            assertThat(first.failed()).isFalse();
            assertThat(first.findings()).extracting(Finding::rule).contains("AIO100");
            for (int i = 0; i < WARMUP; i++) {
                checker.check("bench.py", source);
            }
            long[] nanos = new long[MEASURED];
            for (int i = 0; i < MEASURED; i++) {
                long start = System.nanoTime();
                CheckResult result = checker.check("bench.py", source);
                nanos[i] = System.nanoTime() - start;
                if (result.findings().size() != first.findings().size()) {
                    throw new AssertionError("answers changed under load: " + result);
                }
            }
            Arrays.sort(nanos);
            long[] tiny = new long[MEASURED];
            for (int i = 0; i < MEASURED; i++) {
                long start = System.nanoTime();
                checker.check("tiny.py", "pass\n");
                tiny[i] = System.nanoTime() - start;
            }
            Arrays.sort(tiny);
            System.out.printf("warm worker, 200-line module (%d bytes, %d findings), %d requests after %d warm-up:%n",
                    source.length(), first.findings().size(), MEASURED, WARMUP);
            System.out.printf("  median %.3f ms   p90 %.3f ms   p99 %.3f ms   min %.3f ms   (target: median < 5 ms)%n",
                    ms(nanos[MEASURED / 2]), ms(nanos[MEASURED * 9 / 10]), ms(nanos[MEASURED * 99 / 100]), ms(nanos[0]));
            System.out.printf("  round trip alone (a one-line file): median %.3f ms%n", ms(tiny[MEASURED / 2]));
        } finally {
            CheckerInstall.deleteTree(cache);
        }
    }

    private static double ms(long nanos) {
        return nanos / 1_000_000.0;
    }

    /** A service module of the kind the skill reviews: HTTP fetches, a queue worker, one blocking mistake. */
    static String module200Lines() {
        StringBuilder out = new StringBuilder();
        out.append("\"\"\"A small crawler service.\"\"\"\n")
                .append("import asyncio\n")
                .append("import logging\n")
                .append("import time\n")
                .append("\n")
                .append("import aiohttp\n")
                .append("\n")
                .append("log = logging.getLogger(__name__)\n")
                .append("TIMEOUT = aiohttp.ClientTimeout(total=10)\n")
                .append("\n");
        int block = 0;
        while (out.toString().lines().count() + 19 <= 196) {
            int n = block++;
            out.append("\n")
                    .append("async def fetch_").append(n).append("(session, url, retries=3):\n")
                    .append("    for attempt in range(retries):\n")
                    .append("        try:\n")
                    .append("            async with session.get(url, timeout=TIMEOUT) as response:\n")
                    .append("                response.raise_for_status()\n")
                    .append("                return await response.text()\n")
                    .append("        except aiohttp.ClientError as exc:\n")
                    .append("            log.warning('attempt %d for %s failed: %s', attempt, url, exc)\n")
                    .append("            await asyncio.sleep(2 ** attempt)\n")
                    .append("    raise RuntimeError(f'giving up on {url}')\n")
                    .append("\n")
                    .append("\n")
                    .append("async def worker_").append(n).append("(queue, session, results):\n")
                    .append("    while True:\n")
                    .append("        url = await queue.get()\n")
                    .append("        try:\n")
                    .append("            results[url] = await fetch_").append(n).append("(session, url)\n")
                    .append("        finally:\n")
                    .append("            queue.task_done()\n");
        }
        out.append("\n")
                .append("async def slow_status():\n")
                .append("    time.sleep(0.1)\n");
        while (out.toString().lines().count() < 200) {
            out.append("# end\n");
        }
        return out.toString();
    }
}
