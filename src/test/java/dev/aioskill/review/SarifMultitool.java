package dev.aioskill.review;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Microsoft's SARIF Multitool, installed by bin/test into tools/sarif, as tests use it. Its exit code is 0
 * even for invalid files, so {@link #problems} reads the validator's own SARIF report instead.
 */
public final class SarifMultitool {

    private static final Path BINARY = Path.of("tools/sarif/node_modules/.bin/sarif-multitool");

    private SarifMultitool() {}

    /** The error- and warning-level results the validator reports for this SARIF text (empty: valid). */
    public static List<String> problems(String sarif, Path workDir) throws IOException, InterruptedException {
        assertThat(BINARY)
                .withFailMessage("the SARIF Multitool is not installed; run bin/test or `npm ci --prefix tools/sarif`")
                .isExecutable();
        Path input = workDir.resolve("in.sarif");
        Path report = workDir.resolve("out.sarif");
        Path log = workDir.resolve("validator.log");
        Files.writeString(input, sarif, StandardCharsets.UTF_8);
        Process process = new ProcessBuilder(BINARY.toAbsolutePath().toString(), "validate", "-o",
                report.toString(), input.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the SARIF Multitool did not finish within 120 s");
        }
        assertThat(report).withFailMessage("no validator report; its log:%n%s", Files.readString(log)).exists();
        List<String> problems = new ArrayList<>();
        for (JsonNode run : new ObjectMapper().readTree(report.toFile()).path("runs")) {
            for (JsonNode result : run.path("results")) {
                String level = result.path("level").asText("warning");
                if (level.equals("error") || level.equals("warning")) {
                    // The validator's messages are templates: the id and its arguments say what is wrong.
                    problems.add(level + " " + result.path("ruleId").asText() + " "
                            + result.path("message").path("id").asText() + " " + result.path("message").path("arguments"));
                }
            }
        }
        return problems;
    }
}
