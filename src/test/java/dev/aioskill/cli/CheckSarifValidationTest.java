package dev.aioskill.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aioskill.review.SarifMultitool;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `aioskill check --format sarif` judged by Microsoft's SARIF Multitool (installed by bin/test into
 * tools/sarif). Its exit code is 0 even for invalid files, so the test reads the validator's own report.
 */
class CheckSarifValidationTest {

    @TempDir
    Path cache;
    @TempDir
    Path reports;

    @Test
    void sarifOfFindingsAndASyntaxErrorPassesTheMultitool() throws Exception {
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

            assertThat(SarifMultitool.problems(out.toString(), reports)).isEmpty();
        } finally {
            try (Stream<Path> files = Files.walk(local)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
