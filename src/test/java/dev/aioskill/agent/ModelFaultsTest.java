package dev.aioskill.agent;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Failures between the harness and the model server, through the real SDK and real HTTP. Retries are the
 * SDK's own: attempts are counted by the X-Stainless-Retry-Count header each one carries.
 */
class ModelFaultsTest {

    @RegisterExtension
    static WireMockExtension wm = FakeOpenAi.server();

    private MeteredChatModel model(int maxRetries) {
        return new ModelFactory(FakeOpenAi.settings(wm).withMaxRetries(maxRetries)).chatModel();
    }

    /** The first answer is the failure, every later one the given success. */
    private void failOnceThen(ResponseDefinitionBuilder failure) {
        wm.stubFor(FakeOpenAi.chat().inScenario("flaky").whenScenarioStateIs(STARTED)
                .willReturn(failure).willSetStateTo("recovered"));
        wm.stubFor(FakeOpenAi.chat().inScenario("flaky").whenScenarioStateIs("recovered")
                .willReturn(FakeOpenAi.answer("recovered")));
    }

    private List<String> retryCounts() {
        return FakeOpenAi.requests(wm).stream().map(r -> r.getHeader("X-Stainless-Retry-Count")).toList();
    }

    @Test
    void rateLimitWithRetryAfterIsRetriedByTheSdkOnceThenSucceeds() {
        failOnceThen(FakeOpenAi.error(429, "slow down").withHeader("Retry-After", "0"));

        String answer = model(2).chat("hi");

        assertThat(answer).isEqualTo("recovered");
        assertThat(retryCounts()).containsExactly("0", "1");
    }

    @Test
    void internalServerErrorIsRetriedThenSucceeds() {
        failOnceThen(FakeOpenAi.error(500, "boom").withHeader("Retry-After-Ms", "10"));

        assertThat(model(1).chat("hi")).isEqualTo("recovered");
        assertThat(retryCounts()).containsExactly("0", "1");
    }

    @Test
    void serviceUnavailableIsRetriedThenSucceeds() {
        failOnceThen(FakeOpenAi.error(503, "overloaded").withHeader("Retry-After-Ms", "10"));

        assertThat(model(1).chat("hi")).isEqualTo("recovered");
        assertThat(retryCounts()).containsExactly("0", "1");
    }

    @Test
    void rateLimitOnEveryAttemptEndsInOneLineNamingTheAttempts() {
        wm.stubFor(FakeOpenAi.chat().willReturn(FakeOpenAi.error(429, "slow down").withHeader("Retry-After", "0")));

        assertThatThrownBy(() -> model(3).chat("hi"))
                .isInstanceOfSatisfying(ModelCallException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ModelCallException.Kind.RATE_LIMITED);
                    assertThat(e.status()).contains(429);
                    assertThat(e.getMessage())
                            .startsWith("the model server answered 429 Too Many Requests after 4 attempts")
                            .doesNotContain("\n");
                });
        assertThat(retryCounts()).containsExactly("0", "1", "2", "3");
    }

    @Test
    void unauthorizedIsNotRetriedAndPointsAtTheKey() {
        wm.stubFor(FakeOpenAi.chat().willReturn(FakeOpenAi.error(401, "Incorrect API key provided")));

        assertThatThrownBy(() -> model(3).chat("hi"))
                .isInstanceOfSatisfying(ModelCallException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ModelCallException.Kind.UNAUTHORIZED);
                    assertThat(e.getMessage()).contains("401 Unauthorized; check OPENAI_API_KEY")
                            .doesNotContain(FakeOpenAi.KEY);
                });
        assertThat(FakeOpenAi.requests(wm).size()).isEqualTo(1);
    }

    @Test
    void badRequestIsNotRetriedAndCarriesTheServersShortReason() {
        wm.stubFor(FakeOpenAi.chat().willReturn(FakeOpenAi.error(400, "Invalid value for 'response_format'")));

        assertThatThrownBy(() -> model(3).chat("hi"))
                .isInstanceOfSatisfying(ModelCallException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ModelCallException.Kind.BAD_REQUEST);
                    assertThat(e.getMessage()).isEqualTo(
                            "the model server rejected the request with 400 Bad Request (Invalid value for 'response_format')");
                });
        assertThat(FakeOpenAi.requests(wm).size()).isEqualTo(1);
    }

    @Test
    void aServerSlowerThanTheTimeoutGivesAClearTimeoutAfterTheRetry() {
        wm.stubFor(FakeOpenAi.chat().willReturn(FakeOpenAi.answer("too late").withFixedDelay(2_500)));
        MeteredChatModel model = new ModelFactory(FakeOpenAi.settings(wm)
                .withTimeout(Duration.ofSeconds(1)).withMaxRetries(1)).chatModel();

        assertThatThrownBy(() -> model.chat("hi"))
                .isInstanceOfSatisfying(ModelCallException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ModelCallException.Kind.TIMEOUT);
                    assertThat(e.getMessage()).startsWith("the model server timed out after 1 s (2 attempts)");
                });
        assertThat(retryCounts()).containsExactly("0", "1");
    }

    @Test
    void aServerThatStallsMidAnswerTimesOutInsteadOfHangingTheCaller() {
        // Headers at once, then the body in 3 pieces over 6 s: each silence is longer than the 1 s timeout.
        wm.stubFor(FakeOpenAi.chat().willReturn(FakeOpenAi.answer("slow").withChunkedDribbleDelay(3, 6_000)));
        MeteredChatModel model = new ModelFactory(FakeOpenAi.settings(wm).withTimeout(Duration.ofSeconds(1))).chatModel();
        long start = System.nanoTime();

        assertThatThrownBy(() -> model.chat("hi"))
                .isInstanceOfSatisfying(ModelCallException.class,
                        e -> assertThat(e.kind()).isEqualTo(ModelCallException.Kind.TIMEOUT));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void aConnectionResetOnceIsRetriedThenSucceeds() {
        failOnceThen(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));

        assertThat(model(1).chat("hi")).isEqualTo("recovered");
        assertThat(retryCounts()).containsExactly("0", "1");
    }

    @Test
    void aConnectionResetOnEveryAttemptGivesAClearError() {
        wm.stubFor(FakeOpenAi.chat().willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        assertThatThrownBy(() -> model(1).chat("hi"))
                .isInstanceOfSatisfying(ModelCallException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ModelCallException.Kind.CONNECTION_RESET);
                    assertThat(e.getMessage()).isEqualTo(
                            "the model server reset the connection after 2 attempts; try again later");
                });
        assertThat(retryCounts()).containsExactly("0", "1");
    }

    @Test
    void nothingListeningOnThePortSaysSoAndNamesTheBaseUrl() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        ModelSettings settings = ModelSettings.of("http://127.0.0.1:" + port + "/v1", FakeOpenAi.KEY, "m")
                .withTimeout(Duration.ofSeconds(2)).withMaxRetries(0);

        assertThatThrownBy(() -> new ModelFactory(settings).chatModel().chat("hi"))
                .isInstanceOfSatisfying(ModelCallException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ModelCallException.Kind.CONNECTION_REFUSED);
                    assertThat(e.getMessage()).isEqualTo("cannot connect to the model server at http://127.0.0.1:"
                            + port + "/v1; is it running? check OPENAI_BASE_URL");
                });
    }

    @Test
    void everySuccessfulCallIsMeteredWithTokensLatencyAndModel() {
        wm.stubFor(FakeOpenAi.chat().willReturn(FakeOpenAi.answer("one")));
        UsageMeter meter = new UsageMeter();
        MeteredChatModel model = new ModelFactory(FakeOpenAi.settings(wm), meter).chatModel();

        ModelUsage turn;
        try (UsageMeter.Scope scope = meter.open()) {
            model.chat("a");
            model.chat("b");
            turn = scope.usage();
        }
        model.chat("outside the scope");

        assertThat(turn.calls()).isEqualTo(2);
        assertThat(turn.inputTokens()).isEqualTo(22);
        assertThat(turn.outputTokens()).isEqualTo(14);
        assertThat(turn.totalTokens()).isEqualTo(36);
        assertThat(turn.model()).isEqualTo(FakeOpenAi.MODEL);
        assertThat(turn.latencyMillis()).isGreaterThanOrEqualTo(0);
        assertThat(meter.total().calls()).isEqualTo(3);
        assertThat(turn.summary()).startsWith("gpt-test: 2 calls, 22 in + 14 out = 36 tokens, ");
        LoggedRequest request = FakeOpenAi.requests(wm).get(0);
        assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + FakeOpenAi.KEY);
    }
}
