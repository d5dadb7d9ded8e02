package dev.aioskill.review;

import static dev.aioskill.review.Samples.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aioskill.check.Category;
import dev.aioskill.check.Finding;
import dev.aioskill.check.Severity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our SARIF judged by Microsoft's SARIF Multitool rather than by our own reading of the spec. bin/test installs
 * it into tools/sarif; its exit code is 0 even for invalid files, so the test reads the validator's own SARIF
 * report and asserts it holds no error or warning.
 */
class SarifValidationTest {

    private static final Path MULTITOOL = Path.of("tools/sarif/node_modules/.bin/sarif-multitool");

    @Test
    void reviewsOfEveryKindRenderToSarifTheMultitoolAccepts(@TempDir Path dir) throws Exception {
        assertThat(MULTITOOL)
                .withFailMessage("the SARIF Multitool is not installed; run bin/test or `npm ci --prefix tools/sarif`")
                .isExecutable();

        OfflineReviewer reviewer = new OfflineReviewer(DOCS);
        Review offline = reviewer.review(PATH, SOURCE, ALL);
        Finding syntax = new Finding("AIO000", "syntax-error", Severity.ERROR, Category.SYNTAX, "dir with space/b.py",
                1, 4, 1, 5, "invalid syntax", "-", "");
        Review broken = reviewer.review("dir with space/b.py", "def (:\n", List.of(syntax));
        ReviewFinding topic = modelFinding(null, "No overall deadline", Category.CONCURRENCY, Severity.SUGGESTION, 10,
                "async def main(urls):", "main can run forever.", "Wrap the work in asyncio.timeout().");
        GroundedFindings grounded = new Grounding(DOCS).ground("model.py", SourceText.of(SOURCE), List.of(topic),
                List.of(SLEEP));
        Review model = Review.of("gpt-test", "model.py", "Summary.", grounded.findings(),
                Recommendation.rankedFrom(grounded.findings()), grounded.stats());

        Path input = dir.resolve("in.sarif");
        Path report = dir.resolve("out.sarif");
        Files.writeString(input, new SarifRenderer(DOCS).renderAll(List.of(offline, broken, model)));

        Process process = new ProcessBuilder(MULTITOOL.toAbsolutePath().toString(), "validate", "-o",
                report.toString(), input.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("validator.log").toFile())
                .start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the SARIF Multitool did not finish within 120 s");
        }

        assertThat(report).withFailMessage("no validator report; its log:%n%s",
                Files.readString(dir.resolve("validator.log"))).exists();
        List<String> problems = new ArrayList<>();
        for (JsonNode run : new ObjectMapper().readTree(report.toFile()).path("runs")) {
            for (JsonNode result : run.path("results")) {
                String level = result.path("level").asText("warning");
                if (level.equals("error") || level.equals("warning")) {
                    // The validator's messages are templates: the id and its arguments say what is wrong.
                    problems.add(level + " " + result.path("ruleId").asText() + " "
                            + result.path("message").path("id").asText() + " "
                            + result.path("message").path("arguments"));
                }
            }
        }
        assertThat(problems).isEmpty();
    }
}
