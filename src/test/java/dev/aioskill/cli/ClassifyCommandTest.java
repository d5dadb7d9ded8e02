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
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `aioskill classify` run in-process through the real command line. */
class ClassifyCommandTest {

    private final ObjectMapper json = new ObjectMapper();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @TempDir
    Path dir;

    private int run(String... args) {
        return Main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    }

    @Test
    void textOutputShowsModeConfidenceAndReason() {
        int code = run("classify", "review this coroutine\n```python\nasync def f():\n    time.sleep(1)\n```");
        assertThat(code).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).startsWith("mode: review\n").containsPattern("confidence: 0\\.\\d\\d\n")
                .contains("reason: ").contains("review verb 'review'").doesNotContain("question:");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void textOutputOfAmbiguousRequestEndsWithTheQuestion() {
        run("classify", "hello");
        assertThat(out.toString()).startsWith("mode: ambiguous\n")
                .endsWith("question: Do you want me to write new async code or review code you already have?\n");
    }

    @Test
    void jsonOutputHasModeConfidenceReasonAndQuestionOnlyWhenAmbiguous() throws Exception {
        run("classify", "--format", "json", "implement a TCP echo server with asyncio streams");
        JsonNode build = json.readTree(out.toString());
        assertThat(build.get("mode").asText()).isEqualTo("build");
        assertThat(build.get("confidence").asDouble()).isBetween(0.5, 1.0);
        assertThat(build.get("reason").asText()).contains("build verb");
        assertThat(build.has("question")).isFalse();

        out.getBuffer().setLength(0);
        run("classify", "--format=JSON", "hi");
        JsonNode ambiguous = json.readTree(out.toString());
        assertThat(ambiguous.get("mode").asText()).isEqualTo("ambiguous");
        assertThat(ambiguous.get("question").asText()).endsWith("?");
    }

    @Test
    void dashReadsTheRequestFromStandardInput() throws Exception {
        InputStream saved = System.in;
        try {
            System.setIn(new ByteArrayInputStream("warum hängt das?\n\n    async def f():\n        await q.get()\n"
                    .getBytes(StandardCharsets.UTF_8)));
            int code = run("classify", "--format", "json", "-");
            assertThat(code).isEqualTo(ExitCodes.OK);
            assertThat(json.readTree(out.toString()).get("mode").asText()).isEqualTo("review");
        } finally {
            System.setIn(saved);
        }
    }

    @Test
    void batchPrintsOneResultPerLineInOrderAndReportsABadLineWithoutStopping() throws Exception {
        Path file = dir.resolve("requests.jsonl");
        Files.writeString(file, String.join("\n",
                "{\"request\": \"write an async crawler with a semaphore\"}",
                "{\"request\": \"why does this hang?\\n```python\\nawait q.get()\\n```\", \"mode\": \"review\"}",
                "this is not json",
                "",
                "{\"text\": \"no request key\"}",
                "{\"request\": \"hola\"}") + "\n", StandardCharsets.UTF_8);

        int code = run("classify", "--batch", file.toString());

        List<String> lines = out.toString().lines().toList();
        assertThat(lines).hasSize(5);
        List<JsonNode> rows = lines.stream().map(this::parse).toList();
        assertThat(rows.get(0).get("mode").asText()).isEqualTo("build");
        assertThat(rows.get(0).get("line").asInt()).isEqualTo(1);
        assertThat(rows.get(1).get("mode").asText()).isEqualTo("review");
        assertThat(rows.get(2).get("line").asInt()).isEqualTo(3);
        assertThat(rows.get(2).get("error").asText()).startsWith("not valid JSON");
        assertThat(rows.get(3).get("line").asInt()).isEqualTo(5);
        assertThat(rows.get(3).get("error").asText()).contains("missing \"request\"");
        assertThat(rows.get(4).get("mode").asText()).isEqualTo("ambiguous");
        assertThat(rows.get(4).get("question").asText()).isNotBlank();
        assertThat(code).as("a bad line makes the exit code 2 after all lines are done").isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void batchOfGoodLinesExitsZero() throws Exception {
        Path file = dir.resolve("good.jsonl");
        Files.writeString(file, "{\"request\": \"hi\"}\n{\"request\": \"fix my gather\"}\n", StandardCharsets.UTF_8);
        assertThat(run("classify", "--batch", file.toString())).isEqualTo(ExitCodes.OK);
        assertThat(out.toString().lines()).hasSize(2);
    }

    @Test
    void batchLineWithBytesThatAreNotUtf8IsStillClassified() throws Exception {
        Path file = dir.resolve("latin1.jsonl");
        byte[] latin1 = "{\"request\": \"r\u00e9vise mon code\"}\n{\"request\": \"hi\"}\n"
                .getBytes(StandardCharsets.ISO_8859_1);
        Files.write(file, latin1);
        assertThat(run("classify", "--batch", file.toString())).isEqualTo(ExitCodes.OK);
        assertThat(out.toString().lines()).hasSize(2);
    }

    @Test
    void unreadableBatchFileIsOneLineAndExitTwo() {
        int code = run("classify", "--batch", dir.resolve("missing.jsonl").toString());
        assertThat(code).isEqualTo(ExitCodes.USAGE);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString().lines()).hasSize(1);
        assertThat(err.toString()).startsWith("aioskill: cannot read ").contains("missing.jsonl");
    }

    @Test
    void directoryAsBatchFileIsAUsageError() {
        assertThat(run("classify", "--batch", dir.toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("is a directory");
    }

    @Test
    void missingTextIsAUsageError() {
        assertThat(run("classify")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("nothing to classify");
    }

    @Test
    void textAndBatchTogetherIsAUsageError() {
        assertThat(run("classify", "--batch", "x.jsonl", "hello")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("not both");
    }

    @Test
    void unknownFormatIsAUsageError() {
        assertThat(run("classify", "--format", "yaml", "hi")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("yaml");
    }

    private JsonNode parse(String line) {
        try {
            return json.readTree(line);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + line, e);
        }
    }
}
