package dev.aioskill.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** review, build and ask through the real command line, in-process, on the offline engine. */
class AnswerCommandsTest {

    private static final String BLOCKING = "import asyncio, time\n\nasync def main():\n    time.sleep(1)\n    await asyncio.sleep(0)\n";
    private static final String CLEAN = "import asyncio\n\n\nasync def main() -> None:\n    await asyncio.sleep(0)\n\n\nif __name__ == \"__main__\":\n    asyncio.run(main())\n";

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    }

    private int runWithStdin(String stdin, String... args) {
        InputStream saved = System.in;
        System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        try {
            return run(args);
        } finally {
            System.setIn(saved);
        }
    }

    @Test
    void reviewOfAFileWithIssuesPrintsTheSkillFormatAndExitsOne() throws Exception {
        Path file = Files.writeString(dir.resolve("app.py"), BLOCKING);
        assertThat(run("review", file.toString())).isEqualTo(ExitCodes.FINDINGS);
        assertThat(out.toString()).startsWith("## Summary").contains("offline").contains("## Blocking & Performance Issues")
                .contains("AIO100").contains("## Recommendations");
    }

    @Test
    void reviewOfACleanFileExitsZeroAndSaysWhatWasChecked() throws Exception {
        Path file = Files.writeString(dir.resolve("ok.py"), CLEAN);
        assertThat(run("review", file.toString())).as(err.toString()).isZero();
        assertThat(out.toString()).contains("## Summary").doesNotContain("Issues\n");
    }

    @Test
    void missingPathIsExitTwoAndOtherPathsStillReviewed() throws Exception {
        Path file = Files.writeString(dir.resolve("app.py"), BLOCKING);
        assertThat(run("review", dir.resolve("nope.py").toString(), file.toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("nope.py: no such file or directory");
        assertThat(out.toString()).contains("AIO100");
    }

    @Test
    void reviewFormatsJsonSarifText() throws Exception {
        Path file = Files.writeString(dir.resolve("app.py"), BLOCKING);
        assertThat(run("review", "--format", "json", file.toString())).isEqualTo(1);
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.toString()).contains("AIO100");
        out.getBuffer().setLength(0);
        assertThat(run("review", "--format", "sarif", file.toString())).isEqualTo(1);
        JsonNode sarif = new ObjectMapper().readTree(out.toString());
        assertThat(sarif.path("version").asText()).isEqualTo("2.1.0");
        out.getBuffer().setLength(0);
        assertThat(run("review", "--format", "text", file.toString())).isEqualTo(1);
        assertThat(out.toString()).contains("AIO100").doesNotContain("\u001b[");
        assertThat(run("review", "--format", "yaml", file.toString())).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void reviewReadsStdinAndDirectories() throws Exception {
        assertThat(runWithStdin(BLOCKING, "review", "-")).isEqualTo(1);
        assertThat(out.toString()).contains("stdin.py").contains("AIO100");
        Files.createDirectories(dir.resolve("pkg/.venv"));
        Files.writeString(dir.resolve("pkg/a.py"), BLOCKING);
        Files.writeString(dir.resolve("pkg/.venv/skipped.py"), BLOCKING);
        out.getBuffer().setLength(0);
        assertThat(run("review", dir.resolve("pkg").toString())).isEqualTo(1);
        assertThat(out.toString()).contains("a.py").doesNotContain("skipped.py");
    }

    @Test
    void binaryInputIsAFindingShownWithoutRawBytes() throws Exception {
        byte[] noise = new byte[4000];
        new java.util.Random(7).nextBytes(noise);
        noise[10] = 0x1b; // an escape byte must never reach the terminal
        Path file = Files.write(dir.resolve("blob.py"), noise);
        assertThat(run("review", "--format", "text", file.toString())).isEqualTo(ExitCodes.FINDINGS);
        assertThat(out.toString()).contains("could not be parsed").doesNotContain("\u001b").doesNotContain("\uFFFD");
        assertThat(out.toString().lines().mapToInt(String::length).max().orElse(0)).isLessThan(600);
    }

    @Test
    void buildWritesVerifiedFilesAndNeverOverwritesSilently() throws Exception {
        Path target = dir.resolve("out");
        assertThat(run("build", "a producer consumer pipeline with a bounded queue", "--out", target.toString()))
                .as(out + "\n" + err).isZero();
        assertThat(out.toString()).contains("## Approach").contains("## Concurrency analysis").contains("## Implementation")
                .contains("## Shutdown strategy").contains("## Testing notes").contains("## Verified")
                .contains("checker: 0 findings; tests: ").contains("passed in the bubblewrap sandbox");
        try (var files = Files.list(target)) {
            assertThat(files.count()).isEqualTo(2);
        }
        Path code = Files.list(target).filter(p -> !p.getFileName().toString().startsWith("test_")).findFirst().orElseThrow();
        Files.writeString(code, "# mine\n");
        assertThat(run("build", "a producer consumer pipeline with a bounded queue", "--out", target.toString()))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("not overwriting");
        assertThat(Files.readString(code)).isEqualTo("# mine\n");
    }

    @Test
    void buildWithNoFittingPatternSaysSoAndListsPatterns() {
        assertThat(run("build", "write a django model for users")).isEqualTo(ExitCodes.FINDINGS);
        assertThat(out.toString()).contains("No pattern fits").contains("concurrent_fetch");
    }

    @Test
    void buildJsonCarriesTheVerification() throws Exception {
        assertThat(run("build", "--format", "json", "retry a flaky call with exponential backoff")).as(err.toString()).isZero();
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.path("matched").asBoolean()).isTrue();
        assertThat(json.path("verification").path("verified").asBoolean()).isTrue();
        assertThat(json.path("verification").path("checker_findings").asInt()).isZero();
        assertThat(json.path("files").size()).isEqualTo(2);
    }

    @Test
    void askAnswersAQuestionWhenAmbiguous() throws Exception {
        assertThat(run("ask", "hello")).isZero();
        assertThat(out.toString()).contains("?");
        out.getBuffer().setLength(0);
        assertThat(run("ask", "--format", "json", "hello")).isZero();
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.path("mode").asText()).isEqualTo("ambiguous");
        assertThat(json.path("question").asText()).endsWith("?");
    }

    @Test
    void askReviewsPastedCode() throws Exception {
        assertThat(runWithStdin("this hangs the whole service, why?\n\n" + BLOCKING.indent(4), "ask", "-")).isZero();
        assertThat(out.toString()).contains("routed: review").contains("AIO100");
    }
}
