package dev.aioskill.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PatternSelectorTest {

    private static PatternLibrary library;
    private static PatternSelector selector;

    @BeforeAll
    static void loadLibrary() {
        library = PatternLibrary.load();
        selector = new PatternSelector(library);
    }

    /** Requests written before tuning, with the one pattern each must get. */
    static Stream<Arguments> singlePatternRequests() {
        return Stream.of(
                Arguments.of("download a thousand web pages concurrently with aiohttp", "concurrent_fetch"),
                Arguments.of("scrape product pages from a site, at most 10 requests at a time", "concurrent_fetch"),
                Arguments.of("grab a bunch of web pages simultaneously", "concurrent_fetch"),
                Arguments.of("hit an HTTP endpoint many times concurrently but never more than 10 in flight", "concurrent_fetch"),
                Arguments.of("build a websocket chat server that broadcasts messages to all clients", "websocket_server"),
                Arguments.of("push live updates to browsers in real time", "websocket_server"),
                Arguments.of("producer consumer pipeline with a bounded queue and 5 workers", "queue_pipeline"),
                Arguments.of("process jobs from a work queue with backpressure", "queue_pipeline"),
                Arguments.of("call the synchronous boto3 SDK from my async app without blocking the event loop", "blocking_integration"),
                Arguments.of("use sqlite3 from asyncio", "blocking_integration"),
                Arguments.of("wrap a legacy library with run_in_executor", "blocking_integration"),
                Arguments.of("offload CPU-bound hashing to threads so the loop stays responsive", "blocking_integration"),
                Arguments.of("retry a flaky call with exponential backoff and jitter", "retry_backoff"),
                Arguments.of("make my client resilient to transient errors: try again after backing off", "retry_backoff"),
                Arguments.of("a long-running daemon that shuts down gracefully on SIGTERM", "graceful_service"),
                Arguments.of("how do I handle Ctrl-C and clean up background tasks when my service stops", "graceful_service"),
                Arguments.of("my process must stop cleanly when Kubernetes sends SIGTERM", "graceful_service"),
                Arguments.of("read hundreds of log files line by line and count errors", "file_processing"),
                Arguments.of("async file I/O with aiofiles for a folder of CSV files", "file_processing"),
                Arguments.of("run subtasks with a TaskGroup and cancel the rest when one fails", "taskgroup_fanout"),
                Arguments.of("fan-out with structured concurrency and handle the ExceptionGroup with except*", "taskgroup_fanout"),
                Arguments.of("all or nothing: start the lookups together and fail fast on the first error", "taskgroup_fanout"),
                Arguments.of("run ffmpeg on every video and kill it if it hangs", "async_subprocess"),
                Arguments.of("call an external command from asyncio and capture stdout with a timeout", "async_subprocess"),
                Arguments.of("write a TCP server with asyncio streams and an idle timeout", "stream_server"),
                Arguments.of("a raw socket server speaking a custom line protocol", "stream_server"));
    }

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @MethodSource("singlePatternRequests")
    void requestGetsItsPattern(String request, String expected) {
        PatternChoice choice = selector.select(request);
        assertThat(choice.matched()).as(choice.reason()).isTrue();
        assertThat(choice.primary().id()).as(choice.reason()).isEqualTo(expected);
        assertThat(choice.score()).isGreaterThanOrEqualTo(PatternSelector.MIN_SCORE);
        assertThat(choice.matchedWords()).isNotEmpty();
        assertThat(choice.reason()).contains(expected).contains("\"" + choice.matchedWords().get(0) + "\"");
    }

    /** Requests that need two patterns: the primary, and a secondary that must be among the combinations. */
    static Stream<Arguments> twoPatternRequests() {
        return Stream.of(
                Arguments.of("fetch 50 URLs with retries", "concurrent_fetch", "retry_backoff"),
                Arguments.of("producer consumer pipeline where the workers download URLs", "queue_pipeline", "concurrent_fetch"),
                Arguments.of("read URLs from a file and download each one", "concurrent_fetch", "file_processing"),
                Arguments.of("run blocking sqlite queries in a thread pool inside a service that handles SIGTERM",
                        "blocking_integration", "graceful_service"),
                Arguments.of("fan out API calls with a TaskGroup and retry each one with backoff",
                        "taskgroup_fanout", "retry_backoff"),
                Arguments.of("websocket server with graceful shutdown on SIGTERM", "graceful_service", "websocket_server"),
                Arguments.of("run shell commands from a worker pool fed by a queue", "queue_pipeline", "async_subprocess"));
    }

    @ParameterizedTest(name = "[{index}] {0} -> {1} + {2}")
    @MethodSource("twoPatternRequests")
    void requestGetsTwoPatternsAndHowTheyCombine(String request, String primary, String secondary) {
        PatternChoice choice = selector.select(request);
        assertThat(choice.matched()).as(choice.reason()).isTrue();
        assertThat(choice.primary().id()).as(choice.reason()).isEqualTo(primary);
        assertThat(choice.secondaryIds()).as(choice.reason()).contains(secondary);
        PatternChoice.Combination combination = choice.secondary().stream()
                .filter(c -> c.pattern().id().equals(secondary)).findFirst().orElseThrow();
        String expectedSentence = choice.primary().combinesWith().getOrDefault(secondary,
                combination.pattern().combinesWith().get(primary));
        assertThat(combination.howTheyCombine()).isEqualTo(expectedSentence).isNotBlank();
        assertThat(choice.reason()).contains("Combined with " + secondary).contains(combination.howTheyCombine());
    }

    @Test
    void fetchWithRetriesNamesTheMatchedWordsAndTheCombinationSentence() {
        PatternChoice choice = selector.select("fetch 50 URLs with retries");
        assertThat(choice.matchedWords()).containsExactly("fetch", "URLs");
        assertThat(choice.secondary()).hasSize(1);
        assertThat(choice.secondary().get(0).matchedWords()).containsExactly("retries");
        assertThat(choice.secondary().get(0).howTheyCombine()).contains("retry(");
    }

    static Stream<String> requestsNothingFits() {
        return Stream.of(
                "write a django model for users",
                "explain the difference between a list and a tuple",
                "create a React component with a button",
                "",
                "   ");
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" matches nothing")
    @MethodSource("requestsNothingFits")
    void unrelatedRequestGetsAnEmptyChoiceListingEveryPattern(String request) {
        PatternChoice choice = selector.select(request);
        assertThat(choice.matched()).as(choice.reason()).isFalse();
        assertThat(choice.primaryPattern()).isEmpty();
        assertThat(choice.secondary()).isEmpty();
        assertThat(choice.score()).isZero();
        assertThat(choice.available()).extracting(BuildPattern::id).containsExactlyElementsOf(library.ids());
        for (String id : library.ids()) {
            assertThat(choice.reason()).contains(id);
        }
    }

    @Test
    void nullRequestIsTreatedAsEmpty() {
        assertThat(selector.select(null).matched()).isFalse();
    }

    @Test
    void selectionIsDeterministic() {
        String request = "fan out API calls with a TaskGroup and retry each one with backoff";
        PatternChoice first = selector.select(request);
        for (int i = 0; i < 5; i++) {
            assertThat(selector.select(request)).isEqualTo(first);
        }
    }

    @Test
    void inflectedWordsMeetTheirKeywords() {
        assertThat(List.of("fetching", "fetches", "fetch").stream().map(RequestWords::stem).distinct()).hasSize(1);
        assertThat(List.of("retries", "retried", "retrying", "retry").stream().map(RequestWords::stem).distinct())
                .hasSize(1);
        assertThat(List.of("files", "file").stream().map(RequestWords::stem).distinct()).hasSize(1);
        assertThat(List.of("scraping", "scrape", "scrapes").stream().map(RequestWords::stem).distinct()).hasSize(1);
        assertThat(RequestWords.stem("stopped")).isEqualTo("stop");
        assertThat(RequestWords.stem("process")).isEqualTo("process");
        assertThat(RequestWords.of("asyncio.to_thread and fan-out, except*").stems())
                .containsExactly("asyncio", "to_thread", "and", "fan", "out", "except*");
    }

    @Test
    void negativeHintsLowerTheScore() {
        int plain = selector.select("fetch web pages").score();
        int withNegative = selector.select("fetch web pages for a django view").score();
        assertThat(withNegative).isLessThan(plain);
        assertThat(selector.select("fetch web pages for a django view").reason()).contains("counted against it: \"django\"");
    }
}
