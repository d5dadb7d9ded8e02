package dev.aioskill.sandbox;

import dev.aioskill.config.PythonInterpreter;
import dev.aioskill.config.PythonResolver;
import dev.aioskill.config.Settings;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * On-demand benchmark (not a unit test): the median wall time of one small async test file run by
 * bare pytest on the resolved interpreter, and through the sandbox, and their difference. Both run
 * the same pytest options (harness ini, no cache, pytest-asyncio by name, JUnit XML), interleaved so
 * machine load hits both alike. Run with {@code benchmarks/sandbox-overhead.sh [ROUNDS]}.
 */
public final class SandboxBenchmark {

    static final String CODE = String.join("\n",
            "import asyncio",
            "async def fetch(i):",
            "    await asyncio.sleep(0.001)",
            "    return i * 2",
            "async def fetch_all(n):",
            "    return await asyncio.gather(*(fetch(i) for i in range(n)))",
            "");
    static final String TESTS = String.join("\n",
            "import asyncio",
            "from app import fetch_all",
            "async def test_fetch_all():",
            "    assert await fetch_all(10) == [i * 2 for i in range(10)]",
            "async def test_timeout():",
            "    async with asyncio.timeout(1):",
            "        await asyncio.sleep(0)",
            "");

    private SandboxBenchmark() {}

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        PythonInterpreter python = new PythonResolver(Settings.load()).resolve();
        PytestSandbox sandbox = new PytestSandbox(python, SandboxOptions.defaults());
        SandboxLimits limits = SandboxLimits.defaults();

        Path dir = Files.createTempDirectory("aioskill-bench-");
        Files.writeString(dir.resolve("app.py"), CODE);
        Files.writeString(dir.resolve("test_app.py"), TESTS);
        Path ini = Files.writeString(Files.createTempFile("aioskill-bench-", ".ini"), RunDirectory.HARNESS_INI);
        Path xml = Files.createTempFile("aioskill-bench-", ".xml");

        for (int i = 0; i < 3; i++) {
            bare(python, dir, ini, xml);
            checked(sandbox.runCodeAndTests(CODE, TESTS, limits));
        }
        List<Double> bareMs = new ArrayList<>();
        List<Double> sandboxMs = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            bareMs.add(bare(python, dir, ini, xml));
            long start = System.nanoTime();
            checked(sandbox.runCodeAndTests(CODE, TESTS, limits));
            sandboxMs.add((System.nanoTime() - start) / 1e6);
        }
        double bare = median(bareMs);
        double boxed = median(sandboxMs);
        System.out.printf("interpreter      %s%n", python.describe());
        System.out.printf("rounds           %d (after 3 warm-up rounds each)%n", rounds);
        System.out.printf("bare pytest      median %.1f ms%n", bare);
        System.out.printf("sandboxed pytest median %.1f ms (PytestSandbox.run, end to end)%n", boxed);
        System.out.printf("overhead         %.1f ms (target < 150 ms), ratio %.2f%n", boxed - bare, boxed / bare);
        System.out.printf("load average     %s%n", Files.readString(Path.of("/proc/loadavg")).strip());
    }

    private static double bare(PythonInterpreter python, Path dir, Path ini, Path xml) throws Exception {
        List<String> argv = SandboxCommand.pytest(python.executable(), ini.toString(), dir.toString(), xml.toString());
        ProcessBuilder builder = new ProcessBuilder(argv).directory(dir.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().clear();
        builder.environment().putAll(SandboxCommand.environment(dir.toString(), System.getProperty("java.io.tmpdir")));
        long start = System.nanoTime();
        Process process = builder.start();
        int code = process.waitFor();
        double ms = (System.nanoTime() - start) / 1e6;
        if (code != 0) {
            throw new IllegalStateException("bare pytest failed with exit code " + code);
        }
        return ms;
    }

    private static void checked(TestRun run) {
        if (run.status() != TestStatus.PASSED) {
            throw new IllegalStateException("sandboxed run " + run.status().label() + ": " + run.message() + "\n" + run.output());
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
