package dev.aioskill.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `aioskill check --format sarif` judged by Microsoft's SARIF Multitool (installed by bin/test into
 * tools/sarif). Its exit code is 0 even for invalid files, so the test reads the validator's own report.
 */
class CheckSarifValidationTest {

    private static final Path MULTITOOL = Path.of("tools/sarif/node_modules/.bin/sarif-multitool");

    @TempDir
    Path cache;
    @TempDir
    Path reports;

    @Test
    void sarifOfFindingsAndASyntaxErrorPassesTheMultitool() throws Exception {
        assertThat(MULTITOOL)
                .withFailMessage("the SARIF Multitool is not installed; run bin/test or `npm ci --prefix tools/sarif`")
                .isExecutable();
        // URIs are relative to the working directory, so the files live below it (a space in a directory name too).
        Path local = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "check-sarif-");
        try {
            Path spaced = Files.createDirectories(local.resolve("dir with space"));
            Files.writeString(spaced.resolve("app.py"), "import time\nimport requests\n\nasync def fetch(url):\n"
                    + "    time.sleep(1)\n    return requests.get(url)\n");
            Files.writeString(local.resolve("broken.py"), "def f(:\n    pass\n");
            Files.writeString(local.resolve("clean.py"), "import asyncio\n\nasync def main():\n    await asyncio.sleep(1)\n");
            StringWriter out = new StringWriter();
            int code = Main.commandLine(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true))
                    .execute("check", "--cache-dir", cache.toString(), "--format", "sarif", local.toString());
            assertThat(code).isEqualTo(ExitCodes.FINDINGS);
            JsonNode results = new ObjectMapper().readTree(out.toString()).path("runs").get(0).path("results");
            assertThat(results).hasSizeGreaterThanOrEqualTo(3);

            Path input = reports.resolve("check.sarif");
            Path report = reports.resolve("out.sarif");
            Files.writeString(input, out.toString());
            Process process = new ProcessBuilder(MULTITOOL.toAbsolutePath().toString(), "validate", "-o",
                    report.toString(), input.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(reports.resolve("validator.log").toFile())
                    .start();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("the SARIF Multitool did not finish within 120 s");
            }

            assertThat(report).withFailMessage("no validator report; its log:%n%s",
                    Files.readString(reports.resolve("validator.log"))).exists();
            List<String> problems = new ArrayList<>();
            for (JsonNode run : new ObjectMapper().readTree(report.toFile()).path("runs")) {
                for (JsonNode result : run.path("results")) {
                    String level = result.path("level").asText("warning");
                    if (level.equals("error") || level.equals("warning")) {
                        problems.add(level + " " + result.path("ruleId").asText() + " "
                                + result.path("message").path("id").asText() + " " + result.path("message").path("arguments"));
                    }
                }
            }
            assertThat(problems).isEmpty();
        } finally {
            try (Stream<Path> files = Files.walk(local)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
