package dev.aioskill.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class StreamingTest {

    @RegisterExtension
    static WireMockExtension wm = FakeOpenAi.server();

    private static final class Collector implements StreamingChatResponseHandler {
        final List<String> partials = new CopyOnWriteArrayList<>();
        final CompletableFuture<ChatResponse> done = new CompletableFuture<>();

        @Override
        public void onPartialResponse(String partialResponse) {
            partials.add(partialResponse);
        }

        @Override
        public void onCompleteResponse(ChatResponse completeResponse) {
            done.complete(completeResponse);
        }

        @Override
        public void onError(Throwable error) {
            done.completeExceptionally(error);
        }
    }

    @Test
    void partialTextArrivesPieceByPieceThenTheCompleteResponseWithUsage() throws Exception {
        wm.stubFor(FakeOpenAi.chat().willReturn(FakeOpenAi.stream("checking ", "the draft", "... done")));
        UsageMeter meter = new UsageMeter();
        MeteredStreamingChatModel model = new ModelFactory(FakeOpenAi.settings(wm), meter).streamingChatModel();
        Collector collector = new Collector();

        model.chat("go", collector);
        ChatResponse response = collector.done.get(10, TimeUnit.SECONDS);

        assertThat(collector.partials).containsExactly("checking ", "the draft", "... done");
        assertThat(response.aiMessage().text()).isEqualTo("checking the draft... done");
        assertThat(meter.total().calls()).isEqualTo(1);
        assertThat(meter.total().totalTokens()).isEqualTo(8);
        assertThat(FakeOpenAi.body(FakeOpenAi.requests(wm).get(0)).path("stream").asBoolean()).isTrue();
    }

    @Test
    void aFinishedStreamLeavesNoThreadThatKeepsTheJvmAlive() throws Exception {
        wm.stubFor(FakeOpenAi.chat().willReturn(FakeOpenAi.stream("a", "b")));
        java.util.Set<Thread> before = Thread.getAllStackTraces().keySet();
        Collector collector = new Collector();

        new ModelFactory(FakeOpenAi.settings(wm)).streamingChatModel().chat("go", collector);
        collector.done.get(10, TimeUnit.SECONDS);

        List<String> newUserThreads = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> !before.contains(t) && t.isAlive() && !t.isDaemon())
                // WireMock's own Jetty threads (server side) start lazily too.
                .filter(t -> !t.getName().startsWith("qtp") && !t.getName().startsWith("Connector-Scheduler"))
                .map(Thread::getName)
                .toList();
        // The module's defaults leave "OkHttp Dispatcher" and "openai-stream-handler-thread-0" here.
        assertThat(newUserThreads).isEmpty();
    }

    @Test
    void aStreamThatFallsSilentEndsWithATimeout() throws Exception {
        wm.stubFor(FakeOpenAi.chat().willReturn(FakeOpenAi.stream("a", "b", "c").withChunkedDribbleDelay(3, 6_000)));
        MeteredStreamingChatModel model = new ModelFactory(
                FakeOpenAi.settings(wm).withTimeout(java.time.Duration.ofSeconds(1))).streamingChatModel();
        Collector collector = new Collector();

        model.chat("go", collector);

        Throwable error = collector.done.handle((ok, failure) -> failure).get(5, TimeUnit.SECONDS);
        assertThat(error).isInstanceOf(ModelCallException.class);
        assertThat(((ModelCallException) error).kind()).isEqualTo(ModelCallException.Kind.TIMEOUT);
    }

    @Test
    void aFailedStreamReachesTheHandlerAsATypedError() throws Exception {
        wm.stubFor(FakeOpenAi.chat().willReturn(FakeOpenAi.error(503, "overloaded")));
        MeteredStreamingChatModel model = new ModelFactory(FakeOpenAi.settings(wm)).streamingChatModel();
        Collector collector = new Collector();

        model.chat("go", collector);

        Throwable error = collector.done.handle((ok, failure) -> failure).get(10, TimeUnit.SECONDS);
        assertThat(error).isInstanceOf(ModelCallException.class);
        assertThat(((ModelCallException) error).kind()).isEqualTo(ModelCallException.Kind.SERVER_ERROR);
        assertThat(error.getMessage()).startsWith("the model server answered 503 Service Unavailable");
        assertThat(collector.partials).isEmpty();
    }
}
