package dev.aioskill.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.exception.TimeoutException;
import org.junit.jupiter.api.Test;

/** Failures of models from other LangChain4j modules (an embedding app's Ollama model, say) are typed too. */
class ModelCallExceptionTest {

    @Test
    void anotherModulesHttpFailureKeepsItsStatus() {
        RuntimeException wrapped = new RateLimitException(new HttpException(429, "{\"error\":\"busy\"}"));

        RuntimeException translated = ModelCallException.translate(wrapped, null);

        assertThat(translated).isInstanceOfSatisfying(ModelCallException.class, e -> {
            assertThat(e.kind()).isEqualTo(ModelCallException.Kind.RATE_LIMITED);
            assertThat(e.getMessage()).startsWith("the model server answered 429 Too Many Requests; wait and try again");
        });
    }

    @Test
    void anotherModulesTimeoutIsATimeout() {
        RuntimeException translated = ModelCallException.translate(new TimeoutException("read timed out"), null);

        assertThat(translated).isInstanceOfSatisfying(ModelCallException.class,
                e -> assertThat(e.kind()).isEqualTo(ModelCallException.Kind.TIMEOUT));
    }

    @Test
    void aBugIsNotDisguisedAsAModelFailure() {
        IllegalStateException bug = new IllegalStateException("bug");

        assertThat(ModelCallException.translate(bug, null)).isSameAs(bug);
    }
}
