package dev.aioskill.review;

import static dev.aioskill.review.Samples.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.aioskill.check.Category;
import dev.aioskill.check.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;

class GroundingTest {

    private final Grounding grounding = new Grounding(DOCS);
    private final SourceText source = SourceText.of(SOURCE);

    @Test
    void aFindingOnALineBeyondTheFileIsDropped() {
        ReviewFinding hallucinated = modelFinding(null, "unclosed socket", Category.RESOURCES, Severity.WARNING, 99,
                "sock = socket.socket()", "The socket is never closed.", "Use a context manager.");

        GroundedFindings result = grounding.ground(source, List.of(hallucinated), List.of());

        assertThat(result.findings()).isEmpty();
        assertThat(result.stats()).isEqualTo(new GroundingStats(1, 0, 1, 0, 0));
    }

    @Test
    void aLineBeyondTheFileWithNoQuoteIsDropped() {
        ReviewFinding hallucinated = modelFinding(null, "mystery", Category.TASKS, Severity.WARNING, 15, "",
                "Something.", "Something else.");

        assertThat(grounding.ground(source, List.of(hallucinated), List.of()).findings()).isEmpty();
    }

    @Test
    void aQuoteTwoLinesOffIsMovedToTheLineItIsOn() {
        // The quoted call is on line 7; the model said line 5.
        ReviewFinding shifted = modelFinding(null, "synchronous HTTP", Category.BLOCKING, Severity.ERROR, 5,
                "r = requests.get(url)", "requests blocks.", "Use aiohttp.");

        GroundedFindings result = grounding.ground(source, List.of(shifted), List.of());

        assertThat(result.findings()).singleElement().satisfies(f -> {
            assertThat(f.location().startLine()).isEqualTo(7);
            assertThat(f.location().endLine()).isEqualTo(7);
            assertThat(f.location().quote()).isEqualTo("r = requests.get(url)");
            assertThat(f.origin()).isEqualTo(Origin.MODEL);
        });
        assertThat(result.stats().repaired()).isEqualTo(1);
        assertThat(result.stats().dropped()).isZero();
    }

    @Test
    void aQuoteJustPastTheEndOfTheFileIsRepairedWhenTheCodeIsNearby() {
        ReviewFinding pastEnd = modelFinding(null, "loop lookup", Category.TASKS, Severity.WARNING, 16,
                "loop = asyncio.get_event_loop()", "Old API.", "Use get_running_loop().");

        GroundedFindings result = grounding.ground(source, List.of(pastEnd), List.of());

        assertThat(result.findings()).extracting(f -> f.location().startLine()).containsExactly(14);
        assertThat(result.stats().repaired()).isEqualTo(1);
    }

    @Test
    void aQuoteFourLinesAwayIsTooFarAndDropped() {
        // "time.sleep(1)" is on line 6; line 10 is four lines away, beyond the search radius.
        ReviewFinding far = modelFinding(null, "sleep", Category.BLOCKING, Severity.ERROR, 10, "time.sleep(1)",
                "Blocks.", "Await asyncio.sleep.");

        GroundedFindings result = grounding.ground(source, List.of(far), List.of());

        assertThat(result.findings()).isEmpty();
        assertThat(result.stats().dropped()).isEqualTo(1);
    }

    @Test
    void aQuoteThatIsNowhereInTheFileIsDropped() {
        ReviewFinding invented = modelFinding(null, "subprocess", Category.BLOCKING, Severity.ERROR, 6,
                "subprocess.run(cmd)", "Blocks.", "Use asyncio.create_subprocess_exec.");

        GroundedFindings result = grounding.ground(source, List.of(invented), List.of());

        assertThat(result.findings()).isEmpty();
        assertThat(result.stats()).isEqualTo(new GroundingStats(1, 0, 1, 0, 0));
    }

    @Test
    void quotesAreComparedIgnoringWhitespaceAndListingNumbers() {
        ReviewFinding spaced = modelFinding(null, "sleep", Category.BLOCKING, Severity.ERROR, 6, "time.sleep( 1 )",
                "Blocks.", "Await.");
        ReviewFinding numbered = modelFinding(null, "http", Category.BLOCKING, Severity.ERROR, 7,
                "7: r = requests.get(url)", "Blocks.", "Await.");

        GroundedFindings result = grounding.ground(source, List.of(spaced, numbered), List.of());

        assertThat(result.findings()).extracting(f -> f.location().startLine()).containsExactly(6, 7);
        assertThat(result.findings()).extracting(f -> f.location().quote())
                .containsExactly("time.sleep(1)", "r = requests.get(url)");
        assertThat(result.stats().untouched()).isTrue();
    }

    @Test
    void checkerErrorsAndWarningsTheDraftMissedAreAddedButSuggestionsAreNot() {
        GroundedFindings result = grounding.ground(source, List.of(), ALL);

        assertThat(result.findings())
                .extracting(ReviewFinding::rule, f -> f.location().startLine(), ReviewFinding::origin)
                .containsExactly(
                        tuple("AIO113", 11, Origin.CHECKER),
                        tuple("AIO121", 14, Origin.CHECKER),
                        tuple("AIO100", 6, Origin.CHECKER),
                        tuple("AIO101", 7, Origin.CHECKER));
        assertThat(result.findings()).extracting(ReviewFinding::rule).doesNotContain("AIO110");
        assertThat(result.stats()).isEqualTo(new GroundingStats(0, 0, 0, 0, 4));
    }

    @Test
    void addedCheckerFindingsCarryTheRuleDocs() {
        GroundedFindings result = grounding.ground(source, List.of(), List.of(SLEEP));

        ReviewFinding added = result.findings().get(0);
        assertThat(added.problem()).startsWith("time.sleep(1) blocks the event loop for 1 second.")
                .contains("While it sleeps, the whole event loop stops: no other task runs.");
        assertThat(added.fix()).isEqualTo("Use await asyncio.sleep(...) instead.");
        assertThat(added.snippet()).isEqualTo("async def f():\n    await asyncio.sleep(1)");
        assertThat(added.location().quote()).isEqualTo("time.sleep(1)");
    }

    @Test
    void aDraftFindingTheCheckerAlsoReportedTakesTheCheckerFactsAndKeepsItsRicherText() {
        String longProblem = "time.sleep(1) parks the only thread the event loop has, so every other fetch waits "
                + "a full second each time this line runs.";
        ReviewFinding model = modelFinding("AIO100", "sleeping", Category.TASKS, Severity.SUGGESTION, 6,
                "time.sleep(1)", longProblem, "Await.");

        GroundedFindings result = grounding.ground(source, List.of(model), List.of(SLEEP));

        assertThat(result.findings()).singleElement().satisfies(f -> {
            assertThat(f.category()).isEqualTo(Category.BLOCKING);
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
            assertThat(f.title()).isEqualTo("blocking-sleep");
            assertThat(f.chapter()).isEqualTo("Ch 2-3");
            assertThat(f.problem()).isEqualTo(longProblem);
            assertThat(f.fix()).isEqualTo("Use await asyncio.sleep(...) instead.");
            assertThat(f.origin()).isEqualTo(Origin.MODEL);
        });
        assertThat(result.stats()).isEqualTo(new GroundingStats(1, 0, 0, 0, 0));
    }

    @Test
    void duplicatesAtTheSameRuleAndLineMergeKeepingTheRicherText() {
        ReviewFinding terse = modelFinding("AIO113", "dangling task", Category.TASKS, Severity.WARNING, 11,
                "asyncio.create_task(fetch(urls[0]))", "Task dropped.", "Keep it.");
        ReviewFinding rich = new ReviewFinding("AIO113", "dangling task", Category.TASKS, "Ch 3", Severity.ERROR,
                new Location(PATH, 11, 11, "asyncio.create_task"),
                "The task is created and forgotten; the loop may collect it and its exception is never seen.",
                "Store the task in a set and await it before main returns.", "task = asyncio.create_task(x())",
                Origin.MODEL);

        GroundedFindings result = grounding.ground(source, List.of(terse, rich), List.of());

        assertThat(result.findings()).singleElement().satisfies(f -> {
            assertThat(f.problem()).startsWith("The task is created and forgotten");
            assertThat(f.fix()).startsWith("Store the task");
            assertThat(f.snippet()).isEqualTo("task = asyncio.create_task(x())");
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
        });
        assertThat(result.stats().merged()).isEqualTo(1);
    }

    @Test
    void modelTopicsMergeByTitleAndLine() {
        ReviewFinding a = modelFinding(null, "No retry policy", Category.LIBRARY, Severity.SUGGESTION, 7,
                "requests.get(url)", "No retries.", "Retry with backoff.");
        ReviewFinding b = modelFinding(null, "no  retry policy", Category.LIBRARY, Severity.SUGGESTION, 7,
                "requests.get(url)", "A failed request is never retried.", "Retry with backoff.");

        GroundedFindings result = grounding.ground(source, List.of(a, b), List.of());

        assertThat(result.findings()).hasSize(1);
        assertThat(result.stats().merged()).isEqualTo(1);
    }

    @Test
    void aRuleFindingWithNoQuoteMovesToThatRulesCheckerLineNearby() {
        ReviewFinding unquoted = modelFinding("AIO121", "old loop API", Category.TASKS, Severity.WARNING, 12, "",
                "get_event_loop is deprecated here.", "Use get_running_loop.");

        GroundedFindings result = grounding.ground(source, List.of(unquoted), List.of(GET_LOOP));

        assertThat(result.findings()).singleElement().satisfies(f -> {
            assertThat(f.location().startLine()).isEqualTo(14);
            assertThat(f.origin()).isEqualTo(Origin.MODEL);
        });
        assertThat(result.stats()).isEqualTo(new GroundingStats(1, 1, 0, 0, 0));
    }

    @Test
    void statsCountEveryKindOfChangeInOneDraft() {
        List<ReviewFinding> draft = List.of(
                modelFinding(null, "beyond", Category.TASKS, Severity.WARNING, 40, "x = 1", "p", "f"),      // dropped
                modelFinding(null, "invented", Category.TASKS, Severity.WARNING, 3, "import trio", "p", "f"), // dropped
                modelFinding("AIO101", "http", Category.BLOCKING, Severity.ERROR, 9, "requests.get(url)", "p", "f"), // repaired to 7
                modelFinding("AIO100", "sleep", Category.BLOCKING, Severity.ERROR, 6, "time.sleep(1)", "p", "f"),
                modelFinding("AIO100", "sleep", Category.BLOCKING, Severity.ERROR, 6, "time.sleep(1)", "longer p", "f")); // merged

        GroundedFindings result = grounding.ground(source, draft, ALL);

        // AIO113 and AIO121 were missed and are added; AIO110 is a suggestion and stays out.
        assertThat(result.stats()).isEqualTo(new GroundingStats(5, 1, 2, 1, 2));
        assertThat(result.findings()).extracting(ReviewFinding::rule)
                .containsExactly("AIO113", "AIO121", "AIO100", "AIO101");
    }

    @Test
    void findingsComeOutInTheSkillsSectionOrderThenByLine() {
        List<ReviewFinding> draft = List.of(
                modelFinding(null, "late blocking", Category.BLOCKING, Severity.ERROR, 7, "requests.get", "p", "f"),
                modelFinding(null, "early blocking", Category.BLOCKING, Severity.ERROR, 6, "time.sleep", "p", "f"),
                modelFinding(null, "library", Category.LIBRARY, Severity.SUGGESTION, 3, "import requests", "p", "f"),
                modelFinding(null, "concurrency", Category.CONCURRENCY, Severity.WARNING, 13, "await fetch(u)", "p", "f"));

        GroundedFindings result = grounding.ground(source, draft, List.of());

        assertThat(result.findings()).extracting(ReviewFinding::title)
                .containsExactly("concurrency", "early blocking", "late blocking", "library");
    }

    @Test
    void aDraftFindingWithoutAQuoteOnARealLineIsKeptWithTheRealLineQuoted() {
        ReviewFinding unquoted = modelFinding(null, "design", Category.CONCURRENCY, Severity.SUGGESTION, 10, "",
                "main does everything.", "Split it.");

        GroundedFindings result = grounding.ground(source, List.of(unquoted), List.of());

        assertThat(result.findings()).singleElement()
                .satisfies(f -> assertThat(f.location().quote()).isEqualTo("async def main(urls):"));
    }

    @Test
    void everyGroundedFindingIsNamedAfterTheReviewedFile() {
        ReviewFinding elsewhere = new ReviewFinding(null, "sleep", Category.BLOCKING, "Ch 2-3", Severity.ERROR,
                new Location("main.py", 6, 6, "time.sleep(1)"), "Blocks.", "Await.", null, Origin.MODEL);

        GroundedFindings result = grounding.ground("src/app.py", source, List.of(elsewhere), List.of(GET_LOOP));

        assertThat(result.findings()).extracting(f -> f.location().path()).containsOnly("src/app.py");
    }

    @Test
    void aRuleTheModelNamesTakesItsCategoryAndChapterFromTheCatalog() {
        ReviewFinding misfiled = modelFinding("AIO101", "sync http", Category.LIBRARY, Severity.ERROR, 7,
                "requests.get(url)", "Blocks.", "Use aiohttp.");

        GroundedFindings result = grounding.ground(source, List.of(misfiled), List.of());

        assertThat(result.findings()).singleElement().satisfies(f -> {
            assertThat(f.category()).isEqualTo(Category.BLOCKING);
            assertThat(f.chapter()).isEqualTo("Ch 2-3");
            assertThat(f.title()).isEqualTo("blocking-http");
        });
    }

    @Test
    void aRuleIdTheCatalogDoesNotListBecomesAPlainTopic() {
        ReviewFinding invented = modelFinding("AIO999", "AIO999", Category.TASKS, Severity.WARNING, 11,
                "asyncio.create_task", "Made up.", "Nothing.");

        GroundedFindings result = grounding.ground(source, List.of(invented), List.of());

        assertThat(result.findings()).singleElement().satisfies(f -> {
            assertThat(f.rule()).isNull();
            assertThat(f.title()).isEqualTo("unlisted rule AIO999");
        });
    }

    @Test
    void checkerMessagesStartAsSentencesUnlessTheyStartWithCode() {
        assertThat(RuleExplainer.capitaliseProse("the task is lost")).isEqualTo("The task is lost");
        assertThat(RuleExplainer.capitaliseProse("time.sleep(1) blocks")).isEqualTo("time.sleep(1) blocks");
        assertThat(RuleExplainer.capitaliseProse("input() blocks")).isEqualTo("input() blocks");
        assertThat(RuleExplainer.capitaliseProse("open_connection has no timeout")).isEqualTo("open_connection has no timeout");
    }

    @Test
    void sourceLinesAreNumberedAsPythonNumbersThem() {
        SourceText text = SourceText.of("\uFEFFa = 1\r\nb = 2\rc = 3\nd = 4\n");

        assertThat(text.lineCount()).isEqualTo(4);
        assertThat(text.line(1)).isEqualTo("a = 1");
        assertThat(text.line(3)).isEqualTo("c = 3");
        assertThat(text.line(5)).isEmpty();
    }
}
