package dev.aioskill.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class CliFrameTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    }

    @Test
    void helpListsSubcommandsAndExitCodes() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("Usage: aioskill").contains("reference").contains("Exit codes:");
    }

    @Test
    void versionNamesTheResolvedPython() {
        assertThat(run("--version")).isZero();
        assertThat(out.toString()).startsWith("aioskill ").contains("python: ").contains("Python 3.");
    }

    @Test
    void unknownOptionIsOneLineAndExitTwo() {
        assertThat(run("--no-such-option")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).startsWith("aioskill: Unknown option: '--no-such-option'");
        assertThat(err.toString().lines().count()).isEqualTo(2);
        assertThat(err.toString()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void unknownReferenceTopicIsAUsageErrorListingTopics() {
        assertThat(run("reference", "quantum entanglement")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("Available topics:").doesNotContain("\tat ");
    }

    @Test
    void referencePrintsOneSection() {
        assertThat(run("reference", "cancellation")).isZero();
        assertThat(out.toString()).startsWith("#").containsIgnoringCase("cancel");
    }

    @Test
    void referenceSkillPrintsTheSkillBody() {
        assertThat(run("reference", "--skill")).isZero();
        assertThat(out.toString()).contains("name: using-asyncio-python").contains("## Mode 2: Async Review");
    }
}
