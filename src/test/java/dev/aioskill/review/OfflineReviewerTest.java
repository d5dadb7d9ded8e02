package dev.aioskill.review;

import static dev.aioskill.review.Samples.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aioskill.check.Category;
import dev.aioskill.check.Finding;
import dev.aioskill.check.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;

class OfflineReviewerTest {

    private final OfflineReviewer reviewer = new OfflineReviewer(DOCS);

    @Test
    void everyCheckerFindingBecomesAReviewFindingExplainedByItsRule() {
        Review review = reviewer.review(PATH, SOURCE, ALL);

        assertThat(review.engine()).isEqualTo(Review.OFFLINE_ENGINE);
        assertThat(review.findings()).extracting(ReviewFinding::rule)
                .containsExactly("AIO113", "AIO110", "AIO121", "AIO100", "AIO101");
        assertThat(review.findings()).allSatisfy(f -> assertThat(f.origin()).isEqualTo(Origin.CHECKER));
        ReviewFinding http = review.findings().get(4);
        assertThat(http.problem()).isEqualTo("requests.get() is synchronous HTTP inside a coroutine. "
                + "A synchronous request holds the loop until the server answers.");
        assertThat(http.fix()).isEqualTo("Use aiohttp with one shared ClientSession.");
        assertThat(http.snippet()).isEqualTo("async with session.get(url) as resp:\n    body = await resp.text()");
        assertThat(http.location()).isEqualTo(new Location(PATH, 7, 7, "r = requests.get(url)"));
        assertThat(http.topic()).isEqualTo("Ch 2-3, Blocking & Performance: blocking-http (AIO101)");
        assertThat(review.grounding()).isEqualTo(new GroundingStats(5, 0, 0, 0, 0));
    }

    @Test
    void theSummaryCountsByCategoryAndNamesTheMostImportantProblem() {
        Review review = reviewer.review(PATH, SOURCE, ALL);

        assertThat(review.summary())
                .startsWith("app.py: 5 issues (3 errors, 1 warning, 1 suggestion), 3 in Coroutine & Task, 2 in Blocking & Performance.")
                // Three errors of one line each: the earliest wins.
                .contains("The most important problem is blocking-sleep (AIO100) at line 6 (`time.sleep(1)`): "
                        + "time.sleep(1) blocks the event loop for 1 second (Ch 2-3).");
    }

    @Test
    void anErrorTouchingMoreLinesOutranksAnEarlierOneLineError() {
        Finding wideDangling = finding("AIO113", "dangling-task", Severity.ERROR, Category.TASKS, 11, 13,
                "the task is not kept", "Ch 3", "Keep it.");

        Review review = reviewer.review(PATH, SOURCE, List.of(SLEEP, wideDangling, GET_LOOP));

        assertThat(review.summary()).contains("The most important problem is dangling-task (AIO113) at line 11");
    }

    @Test
    void aWarningNeverOutranksAnError() {
        Finding wideWarning = finding("AIO121", "get-event-loop-in-coroutine", Severity.WARNING, Category.TASKS, 10, 14,
                "asyncio.get_event_loop() called in a coroutine", "Ch 3", "Use get_running_loop().");

        Review review = reviewer.review(PATH, SOURCE, List.of(wideWarning, HTTP));

        assertThat(review.summary()).contains("The most important problem is blocking-http (AIO101) at line 7");
    }

    @Test
    void recommendationsComeOnePerRuleBySeverityThenLinesTouched() {
        Finding secondSleep = finding("AIO100", "blocking-sleep", Severity.ERROR, Category.BLOCKING, 13, 13,
                "time.sleep blocks", "Ch 2-3", "Use await asyncio.sleep(...) instead.");

        Review review = reviewer.review(PATH, SOURCE, List.of(GET_LOOP, SEQUENTIAL, HTTP, DANGLING, SLEEP, secondSleep));

        assertThat(review.recommendations()).extracting(Recommendation::rules).containsExactly(
                List.of("AIO100"),  // error, two lines
                List.of("AIO101"),  // error, one line, line 7
                List.of("AIO113"),  // error, one line, line 11
                List.of("AIO121"),  // warning
                List.of("AIO110")); // suggestion
        assertThat(review.recommendations()).extracting(Recommendation::priority).containsExactly(1, 2, 3, 4, 5);
        Recommendation first = review.recommendations().get(0);
        assertThat(first.text()).isEqualTo("blocking-sleep (AIO100), error, lines 6, 13: Use await asyncio.sleep(...) instead.");
        assertThat(first.chapter()).isEqualTo("Ch 2-3");
    }

    @Test
    void aCleanFileGetsAShortReviewSayingWhatWasChecked() {
        Review review = reviewer.review("clean.py", "import asyncio\n\nasync def main():\n    await asyncio.sleep(0)\n",
                List.of());

        assertThat(review.isClean()).isTrue();
        assertThat(review.recommendations()).isEmpty();
        assertThat(review.summary())
                .startsWith("No issues found in clean.py (4 lines).")
                .contains("ran its 5 rules")
                .contains("blocking calls in coroutines")
                .contains("coroutine and task misuse")
                .contains("event loop management")
                .doesNotContain("cancellation handling"); // no rule of that family in these docs
    }

    @Test
    void aCleanFileWithoutACatalogListsEveryFamily() {
        Review review = new OfflineReviewer(RuleDocs.none()).review("x.py", "x = 1\n", List.of());

        assertThat(review.summary()).contains("1 line)").contains("ran its rules").contains("cancellation handling")
                .contains("start-up, shutdown and threads");
    }

    @Test
    void aSyntaxErrorReviewSaysOnlyThatTheFileCouldNotBeParsedAndWhere() {
        String broken = "import asyncio\n\nasync def main(:\n    pass\n";
        Finding syntax = new Finding("AIO000", "syntax-error", Severity.ERROR, Category.SYNTAX, "broken.py", 3, 15, 3, 16,
                "invalid syntax", "-", "");

        Review review = reviewer.review("broken.py", broken, List.of(syntax));

        assertThat(review.isUnparseable()).isTrue();
        assertThat(review.findings()).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo("AIO000");
            assertThat(f.location().startLine()).isEqualTo(3);
        });
        assertThat(review.recommendations()).isEmpty();
        assertThat(review.summary()).isEqualTo("broken.py could not be parsed: invalid syntax (line 3, column 16: "
                + "`async def main(:`). Nothing else was checked; fix the syntax and review the file again.");
        assertThat(review.grounding()).isEqualTo(new GroundingStats(1, 0, 0, 0, 0));
    }

    @Test
    void aSyntaxErrorAtTheEndOfTheFileIsKeptEvenPastTheLastLine() {
        Finding eof = new Finding("AIO000", "syntax-error", Severity.ERROR, Category.SYNTAX, "eof.py", 3, 0, 3, 0,
                "unexpected EOF while parsing", "-", "");

        Review review = reviewer.review("eof.py", "def f(\n    x,\n", List.of(eof));

        assertThat(review.findings()).hasSize(1);
        assertThat(review.summary()).contains("(line 3, column 1)");
        assertThat(review.grounding().dropped()).isZero();
    }

    @Test
    void withoutRuleDocsTheCheckerMessageAndFixStillMakeAReview() {
        Review review = new OfflineReviewer(RuleDocs.none()).review(PATH, SOURCE, List.of(SLEEP));

        ReviewFinding f = review.findings().get(0);
        assertThat(f.problem()).isEqualTo("time.sleep(1) blocks the event loop for 1 second.");
        assertThat(f.fix()).isEqualTo("Use await asyncio.sleep(...) instead.");
        assertThat(f.hasSnippet()).isFalse();
    }

    @Test
    void theEngineLineSaysTheOfflineEngineWroteIt() {
        Review review = reviewer.review(PATH, SOURCE, ALL);

        assertThat(review.engineLine()).startsWith("Engine: offline").contains("no model");
    }
}
