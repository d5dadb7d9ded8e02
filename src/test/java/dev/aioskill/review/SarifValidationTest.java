package dev.aioskill.review;

import static dev.aioskill.review.Samples.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aioskill.check.Category;
import dev.aioskill.check.Finding;
import dev.aioskill.check.Severity;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our SARIF judged by Microsoft's SARIF Multitool rather than by our own reading of the spec. bin/test installs
 * it into tools/sarif; its exit code is 0 even for invalid files, so the test reads the validator's own SARIF
 * report and asserts it holds no error or warning.
 */
class SarifValidationTest {

    @Test
    void reviewsOfEveryKindRenderToSarifTheMultitoolAccepts(@TempDir Path dir) throws Exception {
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

        assertThat(SarifMultitool.problems(new SarifRenderer(DOCS).renderAll(List.of(offline, broken, model)), dir)).isEmpty();
    }

    @Test
    void theValidatorCatchesABrokenFileSoThisTestCanFail(@TempDir Path dir) throws Exception {
        String broken = "{\"version\":\"2.1.0\",\"runs\":[{\"tool\":{\"driver\":{\"name\":\"x\"}},\"results\":[{\"ruleId\":\"A\","
                + "\"message\":{\"text\":\"m\"},\"locations\":[{\"physicalLocation\":{\"artifactLocation\":{\"uri\":\"a.py\"},"
                + "\"region\":{\"startLine\":0}}}]}]}]}";
        assertThat(SarifMultitool.problems(broken, dir)).isNotEmpty();
    }
}
