package dev.aioskill.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.openaiofficial.OpenAiOfficialChatModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ModelFactoryTest {

    @RegisterExtension
    static WireMockExtension wm = FakeOpenAi.server();

    @Test
    void aModelTheEmbeddingAppBroughtIsMeteredAndItsFailuresTyped() {
        wm.stubFor(FakeOpenAi.chat().willReturn(FakeOpenAi.answer("from the app's model")));
        ChatModel own = OpenAiOfficialChatModel.builder()
                .baseUrl(FakeOpenAi.baseUrl(wm)).apiKey(FakeOpenAi.KEY).modelName("app-model").maxRetries(0).build();
        UsageMeter meter = new UsageMeter();

        MeteredChatModel adopted = ModelFactory.adopt(own, meter);

        assertThat(adopted.chat("hi")).isEqualTo("from the app's model");
        assertThat(meter.total().calls()).isEqualTo(1);
        assertThat(ModelFactory.adopt(adopted, new UsageMeter())).isSameAs(adopted);

        wm.stubFor(FakeOpenAi.chat().willReturn(FakeOpenAi.error(429, "slow down")));
        assertThatThrownBy(() -> adopted.chat("hi"))
                .isInstanceOf(ModelCallException.class)
                // Its own retry settings are unknown here, so no attempt count is claimed.
                .hasMessageStartingWith("the model server answered 429 Too Many Requests; wait and try again");
    }

    @Test
    void jsonSchemaSupportIsDeclaredOnlyWhenTheSettingAsksForIt() {
        ModelSettings settings = FakeOpenAi.settings(wm);

        assertThat(new ModelFactory(settings).chatModel().supportedCapabilities())
                .contains(Capability.RESPONSE_FORMAT_JSON_SCHEMA);
        assertThat(new ModelFactory(settings.withResponseFormat(ResponseFormatMode.TEXT)).chatModel().supportedCapabilities())
                .doesNotContain(Capability.RESPONSE_FORMAT_JSON_SCHEMA);
    }

    @Test
    void requestsGoThroughOurTransportWithTheConfiguredModelAndKey() {
        wm.stubFor(FakeOpenAi.chat().willReturn(FakeOpenAi.answer("ok")));

        new ModelFactory(FakeOpenAi.settings(wm)).chatModel().chat("hi");

        var request = FakeOpenAi.requests(wm).get(0);
        assertThat(FakeOpenAi.body(request).path("model").asText()).isEqualTo(FakeOpenAi.MODEL);
        assertThat(request.getHeader("User-Agent")).startsWith("aioskill");
        assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + FakeOpenAi.KEY);
        assertThat(request.getHeader("Content-Type")).startsWith("application/json");
    }

    @Test
    void aReviewSizedRequestBodyArrivesWhole() {
        wm.stubFor(FakeOpenAi.chat().willReturn(FakeOpenAi.answer("ok")));
        String big = "async def f():\n    pass\n".repeat(2_000);

        new ModelFactory(FakeOpenAi.settings(wm)).chatModel().chat(big);

        assertThat(FakeOpenAi.body(FakeOpenAi.requests(wm).get(0)).path("messages").get(0).path("content").asText())
                .isEqualTo(big);
    }
}
