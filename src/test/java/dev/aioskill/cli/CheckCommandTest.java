package dev.aioskill.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aioskill.check.AsyncChecker;
import dev.aioskill.check.Finding;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** `aioskill check` in-process, with the real checker behind it. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CheckCommandTest {

    static final String BLOCKING = "import asyncio, time\n\nasync def fetch():\n    time.sleep(1)\n    await asyncio.sleep(0)\n";
    static final String TWO_RULES = "import asyncio, time, requests\n\nasync def fetch(url):\n    await asyncio.sleep(0)\n    time.sleep(1)\n    return requests.get(url)\n";
    static final String CLEAN = "import asyncio\n\nasync def main():\n    await asyncio.sleep(1)\n";

    @TempDir
    Path dir;
    @TempDir
    Path cache;

    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();

    int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        List<String> all = new ArrayList<>(List.of("check", "--cache-dir", cache.toString()));
        all.addAll(Arrays.asList(args));
        return Main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(all.toArray(String[]::new));
    }

    Path write(String name, String content) throws Exception {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content);
    }

    @Test
    void cleanFileExitsZeroAndPrintsNothing() throws Exception {
        assertThat(run(write("ok.py", CLEAN).toString())).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void findingsExitOneInFlake8Style() throws Exception {
        Path file = write("app.py", BLOCKING);

        assertThat(run(file.toString())).isEqualTo(ExitCodes.FINDINGS);

        assertThat(out.toString().lines().toList()).containsExactly(
                file + ":4:5: AIO100 time.sleep() blocks the event loop inside coroutine 'fetch'");
    }

    @Test
    void syntaxErrorIsAFindingAndExitsOne() throws Exception {
        Path file = write("broken.py", "def f(:\n    pass\n");

        assertThat(run(file.toString())).isEqualTo(ExitCodes.FINDINGS);

        assertThat(out.toString()).startsWith(file + ":1:").contains(" AIO000 ");
    }

    @Test
    void missingPathIsOneLineOnStderrAndExitsTwo() {
        assertThat(run(dir.resolve("nope.py").toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString().lines().toList()).containsExactly("aioskill: cannot read " + dir.resolve("nope.py") + ": no such file or directory");
    }

    @Test
    void missingPathWinsOverFindingsButTheOtherFilesAreStillChecked() throws Exception {
        Path file = write("app.py", BLOCKING);

        assertThat(run(dir.resolve("nope.py").toString(), file.toString())).isEqualTo(ExitCodes.USAGE);

        assertThat(out.toString()).contains(file + ":4:5: AIO100");
        assertThat(err.toString().lines()).hasSize(1);
    }

    @Test
    void unreadableFileIsReportedAndExitsTwo() throws Exception {
        Path secret = write("secret.py", BLOCKING);
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("---------"));
        Assumptions.assumeFalse(Files.isReadable(secret), "running as root: permissions do not stop reads");
        Path file = write("app.py", BLOCKING);

        assertThat(run(dir.toString())).isEqualTo(ExitCodes.USAGE);

        assertThat(err.toString()).contains("cannot read " + secret).contains("permission denied");
        assertThat(out.toString()).contains(file + ":4:5: AIO100");
    }

    @Test
    void pathThatIsNotARegularFileIsAnErrorNotAHang() throws Exception {
        Path fifo = dir.resolve("pipe.py");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertThat(mkfifo.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(mkfifo.exitValue()).isZero();
        Path file = write("app.py", BLOCKING);

        assertThat(run(fifo.toString(), file.toString())).isEqualTo(ExitCodes.USAGE);

        assertThat(err.toString().lines().toList()).containsExactly(
                "aioskill: cannot read " + fifo + ": not a regular file (use - for standard input)");
        assertThat(out.toString()).contains(file + ":4:5: AIO100");
    }

    @Test
    void jsonIsOneArrayOfFindingsWithTheCheckerKeys() throws Exception {
        Path file = write("app.py", TWO_RULES);

        assertThat(run("--format", "json", file.toString())).isEqualTo(ExitCodes.FINDINGS);

        Finding[] findings = new ObjectMapper().readValue(out.toString(), Finding[].class);
        assertThat(findings).extracting(Finding::rule, Finding::line, Finding::path).containsExactly(
                org.assertj.core.groups.Tuple.tuple("AIO100", 5, file.toString()),
                org.assertj.core.groups.Tuple.tuple("AIO101", 6, file.toString()));
        JsonNode first = new ObjectMapper().readTree(out.toString()).get(0);
        assertThat(first.fieldNames()).toIterable().containsExactly(
                "rule", "name", "severity", "category", "path", "line", "col", "end_line", "end_col", "message", "chapter", "fix");
    }

    @Test
    void jsonForACleanRunIsAnEmptyArray() throws Exception {
        assertThat(run("--format", "json", write("ok.py", CLEAN).toString())).isZero();
        assertThat(new ObjectMapper().readTree(out.toString()).isArray()).isTrue();
        assertThat(new ObjectMapper().readTree(out.toString())).isEmpty();
    }

    @Test
    void sarifHasWhatCodeScanningNeeds() throws Exception {
        // SARIF URIs are relative to the working directory, so the file must live below it.
        Path base = Files.createDirectories(Path.of("target"));
        Path local = Files.createTempDirectory(base, "sarif-");
        try {
            Path file = Files.writeString(local.resolve("app.py"), BLOCKING);
            String relative = Path.of("").toAbsolutePath().relativize(file.toAbsolutePath()).toString();

            assertThat(run("--format", "sarif", relative)).isEqualTo(ExitCodes.FINDINGS);

            JsonNode sarif = new ObjectMapper().readTree(out.toString());
            assertThat(sarif.path("version").asText()).isEqualTo("2.1.0");
            JsonNode driver = sarif.path("runs").get(0).path("tool").path("driver");
            assertThat(driver.path("name").asText()).isEqualTo("aioskill");
            assertThat(driver.path("version").asText()).isNotBlank();
            JsonNode rule = driver.path("rules").get(0);
            assertThat(rule.path("id").asText()).matches("AIO\\d{3}");
            assertThat(rule.path("shortDescription").path("text").asText()).isNotBlank();
            assertThat(rule.path("helpUri").asText()).startsWith("http");
            JsonNode result = sarif.path("runs").get(0).path("results").get(0);
            assertThat(result.path("ruleId").asText()).isEqualTo("AIO100");
            assertThat(result.path("message").path("text").asText()).contains("time.sleep()");
            JsonNode location = result.path("locations").get(0).path("physicalLocation");
            assertThat(location.path("artifactLocation").path("uri").asText()).isEqualTo(relative).doesNotStartWith("/");
            assertThat(location.path("region").path("startLine").asInt()).isEqualTo(4);
        } finally {
            try (var files = Files.walk(local)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void selectAndIgnoreByIdPrefixAndName() throws Exception {
        Path file = write("app.py", TWO_RULES);

        assertThat(run("--select", "AIO101", file.toString())).isEqualTo(ExitCodes.FINDINGS);
        assertThat(out.toString()).doesNotContain("AIO100").contains("AIO101");

        assertThat(run("--select", "AIO10", "--ignore", "blocking-sleep", file.toString())).isEqualTo(ExitCodes.FINDINGS);
        assertThat(out.toString()).doesNotContain("AIO100").contains("AIO101");

        assertThat(run("--ignore", "AIO10", file.toString())).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void noPathOrAnUnknownFormatIsAUsageError() throws Exception {
        assertThat(run()).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("Missing required parameter").contains("PATH");

        assertThat(run("--format", "xml", write("app.py", BLOCKING).toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--format").contains("text, json, sarif");
    }

    @Test
    void unknownSelectorIsAUsageError() throws Exception {
        assertThat(run("--select", "E501", write("app.py", BLOCKING).toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("'E501' is not a rule selector");
    }

    @Test
    void directoriesAreWalkedSkippingVirtualEnvironments() throws Exception {
        write("src/app.py", BLOCKING);
        write("src/ok.py", CLEAN);
        write("venv/lib/site.py", BLOCKING);
        write(".venv/x.py", BLOCKING);
        write("node_modules/y.py", BLOCKING);
        write("src/__pycache__/z.py", BLOCKING);
        write("README.txt", BLOCKING);

        assertThat(run(dir.toString())).isEqualTo(ExitCodes.FINDINGS);

        assertThat(out.toString().lines().toList()).containsExactly(dir.resolve("src/app.py") + ":4:5: AIO100 time.sleep() blocks the event loop inside coroutine 'fetch'");
    }

    @Test
    void dashReadsStandardInputAsBytes() {
        InputStream original = System.in;
        try {
            System.setIn(new ByteArrayInputStream(BLOCKING.getBytes(StandardCharsets.UTF_8)));
            assertThat(run("-")).isEqualTo(ExitCodes.FINDINGS);
            assertThat(out.toString()).startsWith("stdin:4:5: AIO100");

            System.setIn(new ByteArrayInputStream(BLOCKING.getBytes(StandardCharsets.UTF_8)));
            assertThat(run("--stdin-filename", "pkg/app.py", "-")).isEqualTo(ExitCodes.FINDINGS);
            assertThat(out.toString()).startsWith("pkg/app.py:4:5: AIO100");
        } finally {
            System.setIn(original);
        }
    }

    @Test
    void secondRunOverAnUnchangedTreeAnswersFromTheCacheWithoutWorkers() throws Exception {
        for (int i = 0; i < 6; i++) {
            write("pkg/m" + i + ".py", "\n".repeat(i) + BLOCKING);
        }
        assertThat(run(dir.toString())).isEqualTo(ExitCodes.FINDINGS);
        String first = out.toString();
        long startsAfterFirst = AsyncChecker.workerStarts();

        assertThat(run(dir.toString())).isEqualTo(ExitCodes.FINDINGS);

        assertThat(out.toString()).isEqualTo(first);
        assertThat(AsyncChecker.workerStarts()).as("no worker started for cached files").isEqualTo(startsAfterFirst);

        // The cache keys on content, not on the path: a copy elsewhere is a hit that names its own path.
        Files.copy(dir.resolve("pkg/m0.py"), dir.resolve("copy.py"));
        assertThat(run(dir.resolve("copy.py").toString())).isEqualTo(ExitCodes.FINDINGS);
        assertThat(out.toString()).startsWith(dir.resolve("copy.py") + ":4:5: AIO100");
        assertThat(AsyncChecker.workerStarts()).isEqualTo(startsAfterFirst);

        // A changed file is checked again; --no-cache checks everything.
        write("pkg/m0.py", CLEAN);
        assertThat(run(dir.resolve("pkg").toString())).isEqualTo(ExitCodes.FINDINGS);
        assertThat(out.toString()).doesNotContain("m0.py");
        assertThat(AsyncChecker.workerStarts()).isGreaterThan(startsAfterFirst);
        long beforeNoCache = AsyncChecker.workerStarts();
        assertThat(run("--no-cache", dir.resolve("pkg/m1.py").toString())).isEqualTo(ExitCodes.FINDINGS);
        assertThat(AsyncChecker.workerStarts()).isGreaterThan(beforeNoCache);
    }

    @Test
    void helpListsCheckUnderTheRootCommand() {
        StringWriter help = new StringWriter();
        Main.commandLine(new PrintWriter(help, true), new PrintWriter(new StringWriter(), true)).execute("--help");
        assertThat(help.toString()).contains("check");
    }
}
