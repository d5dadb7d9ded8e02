package dev.aioskill.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.aioskill.config.PythonResolver;
import dev.aioskill.config.Settings;
import dev.aioskill.sandbox.InvalidSandboxFilesException;
import dev.aioskill.sandbox.PytestSandbox;
import dev.aioskill.sandbox.SandboxLimits;
import dev.aioskill.sandbox.SandboxOptions;
import dev.aioskill.sandbox.TestCaseResult;
import dev.aioskill.sandbox.TestRun;
import dev.aioskill.sandbox.TestRunReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** `aioskill test --code FILE --tests FILE`: runs the tests against the code in the sandbox. */
@Command(name = "test", mixinStandardHelpOptions = true,
        description = {"Run pytest tests against Python code in the sandbox.",
            "The sandbox is bubblewrap with no network, resource limits and a wall-clock timeout. Both files",
            "keep their names: the tests import the code by module name (app.py: import app)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:all tests passed",
            "1:a test failed or errored, nothing was collected, or the run timed out",
            "2:bad usage or unreadable file",
            "3:the sandbox refused to run (bubblewrap missing or unusable)"
        })
public final class TestCommand implements Callable<Integer> {

    /** Formats of the result. */
    public enum Format { TEXT, JSON }

    @Spec
    CommandSpec spec;

    @Option(names = "--code", required = true, paramLabel = "FILE", description = "The Python code under test, e.g. app.py.")
    Path code;

    @Option(names = "--tests", required = true, paramLabel = "FILE",
            description = "The pytest file, named test_*.py or *_test.py.")
    Path tests;

    @Option(names = "--timeout", paramLabel = "S", description = "Wall-clock timeout in seconds (default: ${DEFAULT-VALUE}).",
            defaultValue = "30")
    double timeoutSeconds;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text or json (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--unsandboxed",
            description = "Where bubblewrap cannot run, run anyway with only the limits and a cleared environment"
                    + " (the result says isolation none). Never use it for code you do not trust.")
    boolean unsandboxed;

    /** Hidden: where bubblewrap is when not at /usr/bin/bwrap (tests use it to see the refusal). */
    @Option(names = "--bwrap", hidden = true, paramLabel = "PATH")
    Path bwrap;

    @Override
    public Integer call() {
        if (!(timeoutSeconds > 0) || timeoutSeconds > 3600) {
            throw new UsageException("--timeout must be between 0 and 3600 seconds, got " + timeoutSeconds);
        }
        String codeName = fileName(code, "--code");
        String testsName = fileName(tests, "--tests");
        if (codeName.equals(testsName)) {
            throw new UsageException("--code and --tests are both named " + codeName + "; give them different file names");
        }
        if (!(testsName.startsWith("test_") || testsName.endsWith("_test.py")) || !testsName.endsWith(".py")) {
            throw new UsageException("--tests " + tests + ": pytest collects files named test_*.py or *_test.py; rename it");
        }
        Map<String, String> files = new LinkedHashMap<>();
        files.put(codeName, read(code, "--code"));
        files.put(testsName, read(tests, "--tests"));
        // The CPU limit follows the timeout, so a longer timeout is not cut short by the CPU default.
        SandboxLimits limits = SandboxLimits.defaults()
                .withWallTimeout(Duration.ofMillis(Math.round(timeoutSeconds * 1000)))
                .withCpuSeconds((int) Math.ceil(timeoutSeconds));

        TestRun run;
        try {
            SandboxOptions options = SandboxOptions.defaults().withAllowUnsandboxed(unsandboxed);
            if (bwrap != null) {
                options = options.withBwrap(bwrap);
            }
            run = new PytestSandbox(new PythonResolver(Settings.load()).resolve(), options).run(files, limits);
        } catch (InvalidSandboxFilesException e) {
            throw new UsageException(e.getMessage(), e);
        }

        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (format == Format.JSON) {
            out.println(toJson(run));
            if (!run.message().isEmpty()) {
                err.println("aioskill: " + run.status().label() + ": " + run.message());
            }
        } else {
            out.print(TestRunReport.text(run));
        }
        out.flush();
        err.flush();
        return exitCode(run);
    }

    static int exitCode(TestRun run) {
        return switch (run.status()) {
            case PASSED -> ExitCodes.OK;
            case REFUSED -> ExitCodes.REFUSED;
            case FAILED, ERROR, TIMEOUT -> ExitCodes.FINDINGS;
        };
    }

    private static String fileName(Path path, String option) {
        Path name = path.getFileName();
        if (name == null) {
            throw new UsageException(option + " " + path + " is not a file");
        }
        return name.toString();
    }

    private static String read(Path path, String option) {
        if (!Files.isRegularFile(path)) {
            throw new UsageException(option + " " + path + ": no such file");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(path))).toString();
        } catch (CharacterCodingException e) {
            throw new UsageException(option + " " + path + " is not UTF-8 text", e);
        } catch (IOException e) {
            throw new UsageException(option + " " + path + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** The JSON form; keys as documented in the README. */
    static String toJson(TestRun run) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("status", run.status().label());
        json.put("passed", run.passed());
        json.put("failed", run.failed());
        json.put("errors", run.errors());
        json.put("skipped", run.skipped());
        json.put("tests", run.tests().stream().map(TestCommand::testJson).toList());
        json.put("isolation", run.isolation().label());
        json.put("wall_seconds", Math.round(run.wallSeconds() * 1000) / 1000.0);
        json.put("stdout", run.stdout());
        json.put("stderr", run.stderr());
        json.put("output", run.output());
        try {
            return new ObjectMapper().disable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a test result could not be written as JSON", e);
        }
    }

    private static Map<String, Object> testJson(TestCaseResult test) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", test.name());
        json.put("outcome", test.outcome());
        json.put("duration_seconds", test.durationSeconds());
        json.put("message", test.message());
        return json;
    }
}
