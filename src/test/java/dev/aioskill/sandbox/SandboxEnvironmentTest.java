package dev.aioskill.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The parent's environment must not reach sandboxed code. The secrets are planted in a real child
 * JVM's environment (a JVM cannot change its own), which runs the sandbox as the CLI or the Slack
 * bot would.
 */
class SandboxEnvironmentTest {

    @Test
    void aKeyPlantedInTheHarnessEnvironmentIsVisibleNowhereInside() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                EnvironmentLeakProbe.class.getName()).redirectErrorStream(true);
        builder.environment().put("OPENAI_API_KEY", "sk-aioskill-canary-0123456789abcdef");
        builder.environment().put("SLACK_BOT_TOKEN", "xoxb-aioskill-canary");
        Process child = builder.start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();

        List<String> lines = output.lines().filter(l -> l.startsWith("jvm-saw-key=")).toList();
        assertThat(lines).as(output).hasSize(1);
        assertThat(lines.get(0)).as(output)
                .startsWith("jvm-saw-key=true status=passed isolation=bubblewrap");
    }
}
