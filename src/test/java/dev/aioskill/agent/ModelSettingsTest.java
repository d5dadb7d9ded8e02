package dev.aioskill.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aioskill.config.ConfigurationException;
import dev.aioskill.config.Settings;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelSettingsTest {

    @Test
    void defaultsApplyWhenOnlyAKeyIsSet() {
        ModelSettings settings = ModelSettings.from(Settings.of(Map.of(Settings.OPENAI_API_KEY, FakeOpenAi.KEY)));

        assertThat(settings.configured()).isTrue();
        assertThat(settings.model()).isEqualTo("gpt-4.1-mini");
        assertThat(settings.timeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(settings.maxRetries()).isEqualTo(3);
        assertThat(settings.responseFormat()).isEqualTo(ResponseFormatMode.JSON_SCHEMA);
        assertThat(settings.maxToolCalls()).isEqualTo(8);
        assertThat(settings.effectiveBaseUrl()).isEqualTo("https://api.openai.com/v1");
        assertThat(settings.effectiveApiKey()).isEqualTo(FakeOpenAi.KEY);
    }

    @Test
    void everyVariableIsRead() {
        ModelSettings settings = ModelSettings.from(Settings.of(Map.of(
                Settings.OPENAI_BASE_URL, "http://127.0.0.1:11434",
                Settings.AIOSKILL_MODEL, "qwen2.5-coder",
                ModelSettings.AIOSKILL_TIMEOUT_SECONDS, "15",
                ModelSettings.AIOSKILL_MAX_RETRIES, "0",
                ModelSettings.AIOSKILL_RESPONSE_FORMAT, "JSON_OBJECT",
                ModelSettings.AIOSKILL_MAX_TOOL_CALLS, "4")));

        assertThat(settings.effectiveBaseUrl()).isEqualTo("http://127.0.0.1:11434/v1");
        assertThat(settings.apiKey()).isEmpty();
        assertThat(settings.effectiveApiKey()).isEqualTo(ModelSettings.PLACEHOLDER_KEY);
        assertThat(settings.model()).isEqualTo("qwen2.5-coder");
        assertThat(settings.timeout()).isEqualTo(Duration.ofSeconds(15));
        assertThat(settings.maxRetries()).isZero();
        assertThat(settings.responseFormat()).isEqualTo(ResponseFormatMode.JSON_OBJECT);
        assertThat(settings.maxToolCalls()).isEqualTo(4);
    }

    @Test
    void malformedValuesNameTheVariable() {
        assertThatThrownBy(() -> ModelSettings.from(Settings.of(Map.of(ModelSettings.AIOSKILL_TIMEOUT_SECONDS, "soon"))))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("AIOSKILL_TIMEOUT_SECONDS");
        assertThatThrownBy(() -> ModelSettings.from(Settings.of(Map.of(ModelSettings.AIOSKILL_TIMEOUT_SECONDS, "0"))))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("above 0");
        assertThatThrownBy(() -> ModelSettings.from(Settings.of(Map.of(ModelSettings.AIOSKILL_MAX_RETRIES, "-1"))))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("AIOSKILL_MAX_RETRIES");
        assertThatThrownBy(() -> ModelSettings.from(Settings.of(Map.of(ModelSettings.AIOSKILL_RESPONSE_FORMAT, "xml"))))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("json_schema, json_object or text");
        assertThatThrownBy(() -> ModelSettings.from(Settings.of(Map.of(ModelSettings.AIOSKILL_MAX_TOOL_CALLS, "0"))))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("AIOSKILL_MAX_TOOL_CALLS");
    }

    @Test
    void toStringNeverShowsTheKey() {
        ModelSettings settings = ModelSettings.of("http://127.0.0.1:1/v1", FakeOpenAi.KEY, "m");

        assertThat(settings.toString()).doesNotContain(FakeOpenAi.KEY).contains("apiKey=<set>");
    }

    @Test
    void noKeyAndNoBaseUrlMeansNoModelAndTheFactorySaysWhatToSet() {
        ModelSettings settings = ModelSettings.from(Settings.of(Map.of()));

        assertThat(settings.configured()).isFalse();
        assertThatThrownBy(() -> new ModelFactory(settings).chatModel())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("OPENAI_API_KEY")
                .hasMessageContaining("OPENAI_BASE_URL");
    }
}
