package dev.aioskill.config;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LogSetupTest {

    @Test
    void everyLogLineMasksSecretsInMessagesAndCauses() {
        Settings.of(Map.of("OPENAI_API_KEY", "sk-log-test-0123456789abcdefghij"));
        LoggerContext context = new LoggerContext();
        LogSetup.MaskedLineLayout layout = new LogSetup.MaskedLineLayout();
        layout.setContext(context);
        layout.start();
        LoggingEvent event = new LoggingEvent("x", context.getLogger("dev.aioskill.Test"), Level.WARN,
                "calling with key {}", new IllegalStateException("bad key sk-log-test-0123456789abcdefghij"),
                new Object[] {"sk-log-test-0123456789abcdefghij"});
        String line = layout.doLayout(event);
        assertThat(line).contains("WARN").contains("dev.aioskill.Test - calling with key ****")
                .contains("java.lang.IllegalStateException: bad key ****")
                .doesNotContain("sk-log-test");
    }

    @Test
    void theCliLogsWarningsToStderrByDefault() {
        LoggerContext context = new LoggerContext();
        LogSetup setup = new LogSetup();
        setup.setContext(context);
        assertThat(setup.configure(context)).isEqualTo(ch.qos.logback.classic.spi.Configurator.ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);
        assertThat(context.getLogger("ROOT").getLevel()).isEqualTo(Level.WARN);
        assertThat(context.getLogger("ROOT").getAppender("STDERR")).isNotNull();
    }
}
