package dev.aioskill.agent;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.aioskill.config.ConfigurationException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BaseUrlsTest {

    @RegisterExtension
    static WireMockExtension wm = FakeOpenAi.server();

    @ParameterizedTest
    @CsvSource({
        "http://127.0.0.1:8080,            http://127.0.0.1:8080/v1",
        "http://127.0.0.1:8080/,           http://127.0.0.1:8080/v1",
        "http://127.0.0.1:8080/v1,         http://127.0.0.1:8080/v1",
        "http://127.0.0.1:8080/v1/,        http://127.0.0.1:8080/v1",
        "http://127.0.0.1:8080/v1//,       http://127.0.0.1:8080/v1",
        "http://127.0.0.1:8080/prefix/v1,  http://127.0.0.1:8080/prefix/v1",
        "http://127.0.0.1:8080/prefix,     http://127.0.0.1:8080/prefix/v1",
        "http://127.0.0.1:11434/v1,        http://127.0.0.1:11434/v1",
        "'  https://api.openai.com/v1  ',  https://api.openai.com/v1",
        "HTTP://[::1]:9000,                http://[::1]:9000/v1",
        "https://example.test/v1beta/openai, https://example.test/v1beta/openai",
    })
    void normalisedBaseEndsInTheApiVersionExactlyOnce(String raw, String expected) {
        assertThat(BaseUrls.normalise(raw)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
        "ftp://127.0.0.1/v1,            http:// or https://",
        "127.0.0.1:8080,                http:// or https://",
        "http://user:secret@host/v1,    OPENAI_API_KEY",
        "http://host/v1?x=1,            query",
        "'http://host /v1',             not a URL",
    })
    void malformedBaseUrlsAreRefusedWithAMessageSayingWhatToSet(String raw, String hint) {
        assertThatThrownBy(() -> BaseUrls.normalise(raw))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("OPENAI_BASE_URL")
                .hasMessageContaining(hint)
                .hasMessageNotContaining("secret");
    }

    @ParameterizedTest
    @CsvSource({
        "'',           /v1/chat/completions",
        "/,            /v1/chat/completions",
        "/v1,          /v1/chat/completions",
        "/v1/,         /v1/chat/completions",
        "/prefix/v1,   /prefix/v1/chat/completions",
        "/prefix/v1/,  /prefix/v1/chat/completions",
    })
    void everyBaseUrlFormReachesChatCompletionsOnceThroughTheRealSdk(String suffix, String expectedPath) {
        wm.stubFor(post(anyUrl()).willReturn(FakeOpenAi.answer("pong")));
        String base = "http://127.0.0.1:" + wm.getPort() + suffix;
        ModelSettings settings = ModelSettings.of(base, FakeOpenAi.KEY, FakeOpenAi.MODEL)
                .withTimeout(Duration.ofSeconds(5)).withMaxRetries(0);

        String answer = new ModelFactory(settings).chatModel().chat("ping");

        assertThat(answer).isEqualTo("pong");
        wm.verify(1, anyRequestedFor(anyUrl()));
        wm.verify(1, postRequestedFor(urlPathEqualTo(expectedPath)));
    }

    @Test
    void ollamaStyleEndpointWithoutAKeyGetsThePlaceholderNeverAnEnvironmentKey() {
        wm.stubFor(post(anyUrl()).willReturn(FakeOpenAi.answer("pong")));
        ModelSettings settings = ModelSettings.of("http://127.0.0.1:" + wm.getPort() + "/v1", null, "llama3.2")
                .withTimeout(Duration.ofSeconds(5)).withMaxRetries(0);

        new ModelFactory(settings).chatModel().chat("ping");

        wm.verify(1, postRequestedFor(urlPathEqualTo("/v1/chat/completions")));
        assertThat(FakeOpenAi.requests(wm).get(0).getHeader("Authorization"))
                .isEqualTo("Bearer " + ModelSettings.PLACEHOLDER_KEY);
        assertThat(FakeOpenAi.body(FakeOpenAi.requests(wm).get(0)).path("model").asText()).isEqualTo("llama3.2");
    }
}
