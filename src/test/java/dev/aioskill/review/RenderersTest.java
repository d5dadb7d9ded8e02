package dev.aioskill.review;

import static dev.aioskill.review.Samples.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aioskill.check.Category;
import dev.aioskill.check.Finding;
import dev.aioskill.check.Severity;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RenderersTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern HEADING = Pattern.compile("^## (.+)$", Pattern.MULTILINE);

    private final Review review = new OfflineReviewer(DOCS).review(PATH, SOURCE, ALL);

    /** A model review: a checker-confirmed finding, a model topic without a rule, and a checker addition. */
    private Review modelReview() {
        ReviewFinding topic = modelFinding(null, "No overall deadline", Category.CONCURRENCY, Severity.SUGGESTION, 10,
                "async def main(urls):", "main can run forever.", "Wrap the work in asyncio.timeout().");
        GroundedFindings grounded = new Grounding(DOCS).ground(SourceText.of(SOURCE), List.of(topic), List.of(SLEEP));
        return Review.of("gpt-test", PATH, "A model's summary.", grounded.findings(),
                Recommendation.rankedFrom(grounded.findings()), grounded.stats());
    }

    private static List<String> headings(String markdown) {
        List<String> found = new ArrayList<>();
        Matcher m = HEADING.matcher(markdown);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    @Test
    void markdownHasTheSkillsHeadingsInOrderAndOnlyForSectionsWithIssues() {
        String md = new MarkdownRenderer().render(review);

        assertThat(headings(md)).containsExactly(
                "Summary", "Coroutine & Task Issues", "Blocking & Performance Issues", "Recommendations");
        assertThat(md).doesNotContain("Concurrency Model Issues", "Resource Management Issues",
                "Shutdown & Lifecycle Issues", "Library Usage Issues");
    }

    @Test
    void markdownShowsEachIssueAsTopicLocationProblemAndFixWithAPythonSnippet() {
        String md = new MarkdownRenderer().render(review);

        assertThat(md).contains("""
                - **Topic**: Ch 2-3, blocking-sleep (AIO100), error
                - **Location**: `app.py:6`: `time.sleep(1)`
                - **Problem**: time.sleep(1) blocks the event loop for 1 second. While it sleeps, the whole event loop stops: no other task runs.
                - **Fix**: Use await asyncio.sleep(...) instead.

                  ```python
                  async def f():
                      await asyncio.sleep(1)
                  ```
                """);
        assertThat(md.split("- \\*\\*Topic\\*\\*", -1)).hasSize(review.findings().size() + 1);
    }

    @Test
    void markdownNumbersTheRecommendationsAndNamesTheirChapter() {
        String md = new MarkdownRenderer().render(review);
        String recommendations = md.substring(md.indexOf("## Recommendations"));

        assertThat(recommendations).contains("\n1. blocking-sleep (AIO100), error, line 6: ")
                .contains("\n5. sequential-await-in-loop (AIO110), suggestion, line 12: ")
                .contains("(Ch 2-3)\n");
    }

    @Test
    void markdownStatesTheEngineInOneLine() {
        assertThat(new MarkdownRenderer().render(review).lines().filter(l -> l.contains("Engine: offline")))
                .hasSize(1);
        assertThat(new MarkdownRenderer().render(modelReview())).contains("_Engine: model gpt-test");
    }

    @Test
    void markdownMarksWhatGroundingAddedToAModelReview() {
        String md = new MarkdownRenderer().render(modelReview());

        assertThat(headings(md)).containsExactly(
                "Summary", "Concurrency Model Issues", "Blocking & Performance Issues", "Recommendations");
        assertThat(md).contains("- **Topic**: Ch 2-3, blocking-sleep (AIO100), error (added from the checker)")
                .contains("- **Topic**: Ch 3, No overall deadline, suggestion\n");
    }

    @Test
    void aModelReviewSaysWhatGroundingChangedAndAnOfflineOneDoesNot() {
        String line = "Grounding: of 1 finding the model proposed, 0 moved to the line their code is on, "
                + "0 dropped as not in the file, 0 merged as duplicates; 1 added from the checker.";

        assertThat(new MarkdownRenderer().render(modelReview())).contains("_" + line + "_");
        assertThat(new TextRenderer(false).render(modelReview())).contains(line);
        assertThat(new MarkdownRenderer().render(review)).doesNotContain("Grounding:");
    }

    @Test
    void markdownOfAnUnparseableFileHasOnlyTheSummary() {
        Finding syntax = new Finding("AIO000", "syntax-error", Severity.ERROR, Category.SYNTAX, "b.py", 1, 4, 1, 5,
                "invalid syntax", "-", "");
        Review broken = new OfflineReviewer(DOCS).review("b.py", "def (:\n", List.of(syntax));

        String md = new MarkdownRenderer().render(broken);

        assertThat(headings(md)).containsExactly("Summary");
        assertThat(md).contains("b.py could not be parsed: invalid syntax (line 1, column 5");
    }

    @Test
    void markdownInlineCodeSurvivesBackticksInTheQuote() {
        // CommonMark strips one space on each side when both are there, so the padding is symmetric.
        assertThat(MarkdownRenderer.code("x = `y`")).isEqualTo("`` x = `y` ``");
        assertThat(MarkdownRenderer.code("plain")).isEqualTo("`plain`");
    }

    @Test
    void jsonRoundTripsToAnEqualReview() {
        String json = new JsonRenderer().render(review);

        assertThat(JsonRenderer.read(json)).isEqualTo(review);
        Review model = modelReview();
        assertThat(JsonRenderer.read(new JsonRenderer().render(model))).isEqualTo(model);
    }

    @Test
    void jsonUsesStableSnakeCaseKeys() throws Exception {
        JsonNode root = JSON.readTree(new JsonRenderer().render(review));

        assertThat(root.fieldNames()).toIterable()
                .containsExactly("engine", "path", "summary", "findings", "recommendations", "grounding");
        JsonNode first = root.get("findings").get(0);
        assertThat(first.fieldNames()).toIterable().containsExactly(
                "rule", "title", "category", "chapter", "severity", "location", "problem", "fix", "snippet", "origin");
        assertThat(first.get("location").fieldNames()).toIterable()
                .containsExactly("path", "start_line", "end_line", "quote");
        assertThat(first.get("severity").asText()).isEqualTo("error");
        assertThat(first.get("origin").asText()).isEqualTo("checker");
        assertThat(root.get("grounding").has("added_from_checker")).isTrue();
    }

    @Test
    void jsonOfSeveralReviewsIsAnArray() throws Exception {
        JsonNode root = JSON.readTree(new JsonRenderer().renderAll(List.of(review, modelReview())));

        assertThat(root.isArray()).isTrue();
        assertThat(root).hasSize(2);
    }

    @Test
    void readingSomethingThatIsNotAReviewFailsWithAClearMessage() {
        assertThatThrownBy(() -> JsonRenderer.read("{\"findings\": 3}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("not a review in aioskill's JSON format");
    }

    @Test
    void sarifHasTheStructureCodeScanningNeeds(@TempDir Path repo) throws Exception {
        Path file = repo.resolve("src/app.py");
        List<ReviewFinding> atAbsolutePath = review.findings().stream()
                .map(f -> f.withLocation(new Location(file.toString(), f.location().startLine(),
                        f.location().endLine(), f.location().quote())))
                .toList();
        Review absolute = Review.of(review.engine(), file.toString(), review.summary(), atAbsolutePath,
                review.recommendations(), review.grounding());

        JsonNode root = JSON.readTree(new SarifRenderer(DOCS, repo, SarifRenderer.DEFAULT_HELP_BASE).render(absolute));

        assertThat(root.get("version").asText()).isEqualTo("2.1.0");
        assertThat(root.get("$schema").asText()).contains("sarif-2.1.0");
        JsonNode run = root.get("runs").get(0);
        JsonNode driver = run.get("tool").get("driver");
        assertThat(driver.get("name").asText()).isEqualTo("aioskill");
        assertThat(driver.get("version").asText()).isNotBlank();
        List<String> ruleIds = new ArrayList<>();
        for (JsonNode rule : driver.get("rules")) {
            ruleIds.add(rule.get("id").asText());
            assertThat(rule.get("shortDescription").get("text").asText()).isNotBlank();
            assertThat(rule.get("helpUri").asText()).startsWith("https://").endsWith("#" + rule.get("id").asText().toLowerCase(java.util.Locale.ROOT));
        }
        assertThat(ruleIds).containsExactly("AIO100", "AIO101", "AIO110", "AIO113", "AIO121");
        JsonNode results = run.get("results");
        assertThat(results).hasSize(5);
        for (JsonNode result : results) {
            assertThat(ruleIds.get(result.get("ruleIndex").asInt())).isEqualTo(result.get("ruleId").asText());
            assertThat(result.get("message").get("text").asText()).isNotBlank();
            JsonNode physical = result.get("locations").get(0).get("physicalLocation");
            assertThat(physical.get("artifactLocation").get("uri").asText()).isEqualTo("src/app.py");
            assertThat(physical.get("region").get("startLine").asInt()).isGreaterThanOrEqualTo(1);
        }
        assertThat(run.get("properties").get("aioskill/engine").asText()).startsWith("Engine: offline");
    }

    @Test
    void sarifLevelsFollowSeverity() throws Exception {
        JsonNode results = JSON.readTree(new SarifRenderer(DOCS).render(review)).get("runs").get(0).get("results");

        List<String> levels = new ArrayList<>();
        results.forEach(r -> levels.add(r.get("ruleId").asText() + "=" + r.get("level").asText()));
        assertThat(levels).containsExactly("AIO113=error", "AIO110=note", "AIO121=warning", "AIO100=error", "AIO101=error");
    }

    @Test
    void sarifGivesModelTopicsTheirOwnRuleId() throws Exception {
        JsonNode run = JSON.readTree(new SarifRenderer(DOCS).render(modelReview())).get("runs").get(0);

        assertThat(run.get("tool").get("driver").get("rules").findValuesAsText("id"))
                .containsExactly("AIO-MODEL", "AIO100");
        JsonNode topic = run.get("results").get(0);
        assertThat(topic.get("ruleId").asText()).isEqualTo(SarifRenderer.MODEL_RULE_ID);
        assertThat(topic.get("message").get("text").asText()).startsWith("No overall deadline: main can run forever.");
        assertThat(topic.get("locations").get(0).get("physicalLocation").get("region").get("startLine").asInt())
                .isEqualTo(10);
    }

    @Test
    void sarifOfSeveralReviewsIsOneRunWithEveryResult() throws Exception {
        JsonNode root = JSON.readTree(new SarifRenderer(DOCS).renderAll(List.of(review, modelReview())));

        assertThat(root.get("runs")).hasSize(1);
        assertThat(root.get("runs").get(0).get("results")).hasSize(7);
    }

    @Test
    void textWithColourUsesAnsiCodesAndWithoutHasNone() {
        String plain = new TextRenderer(false).render(review);
        String coloured = new TextRenderer(true).render(review);

        assertThat(plain).doesNotContain("\u001B[");
        assertThat(coloured).contains("\u001B[31merror\u001B[0m", "\u001B[33mwarning\u001B[0m", "\u001B[1mSummary");
        assertThat(coloured.replaceAll("\u001B\\[[0-9;]*m", "")).isEqualTo(plain);
    }

    @Test
    void textShowsEachIssueWithItsLineAndQuote() {
        String plain = new TextRenderer(false).render(review);

        assertThat(plain).startsWith("Review of app.py\nEngine: offline")
                .contains("  app.py:6  error  blocking-sleep (AIO100)  [Ch 2-3]\n    6 | time.sleep(1)\n")
                .contains("\nCoroutine & Task Issues\n")
                .contains("\nRecommendations\n  1. blocking-sleep (AIO100), error, line 6: ");
        assertThat(plain.indexOf("Coroutine & Task Issues")).isLessThan(plain.indexOf("Blocking & Performance Issues"));
    }

    @Test
    void formatsAreChosenByTheirCliNames() {
        assertThat(ReviewFormat.fromId("sarif").renderer(DOCS, false)).isInstanceOf(SarifRenderer.class);
        assertThat(ReviewFormat.fromId(" Text ").renderer(DOCS, true))
                .isInstanceOfSatisfying(TextRenderer.class, t -> assertThat(t.colour()).isTrue());
        assertThatThrownBy(() -> ReviewFormat.fromId("html"))
                .hasMessage("unknown review format 'html'; use one of markdown, json, sarif, text");
    }
}
