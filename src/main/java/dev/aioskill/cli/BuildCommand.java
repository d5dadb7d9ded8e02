package dev.aioskill.cli;

import dev.aioskill.Aioskill;
import dev.aioskill.agent.BuildAnswer;
import dev.aioskill.agent.BuildAnswerRenderer;
import dev.aioskill.agent.EngineException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** `aioskill build "REQUEST"`: async code for a request, checked and tested before it is shown. */
@Command(name = "build", mixinStandardHelpOptions = true,
        description = {"Write async Python for a request, checked and tested before it is shown.",
            "The answer gives the approach, a concurrency analysis, the implementation, the shutdown strategy",
            "and testing notes; the code has passed the checker and its own tests in the sandbox first."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:answered, and the code was verified (checker clean, tests passed)",
            "1:no pattern fits the request, or verification failed (the answer says what)",
            "2:bad usage, --out cannot be written, or the engine failed"})
public final class BuildCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "REQUEST", description = "What to build, in words; - reads it from standard input.")
    String request;

    @Option(names = "--out", paramLabel = "DIR", description = "Also write the code and tests as files into DIR (created if needed).")
    Path out;

    @Option(names = "--force", description = "With --out: overwrite files that already exist.")
    boolean force;

    @Option(names = "--format", defaultValue = "markdown", paramLabel = "FORMAT",
            description = "markdown or json. Default: ${DEFAULT-VALUE}.")
    TextArgument.Format format;

    @Mixin
    EngineOptions engine;

    @Override
    public Integer call() throws IOException {
        String text = TextArgument.read(request, "the request is empty; say what to build, e.g. aioskill build \"fetch 50 URLs concurrently\"");
        BuildAnswer answer;
        try (Aioskill aioskill = engine.open(spec.commandLine().getErr())) {
            answer = aioskill.build(text.strip());
        } catch (EngineException e) {
            throw new UsageException(EngineOptions.failureLine(e), e);
        }
        EngineOptions.printUsage(spec.commandLine().getErr(), "build", answer.usage());
        PrintWriter stdout = spec.commandLine().getOut();
        BuildAnswerRenderer renderer = new BuildAnswerRenderer();
        stdout.print(format == TextArgument.Format.json ? renderer.json(answer) : renderer.markdown(answer));
        stdout.flush();
        if (out != null && answer.matched()) {
            write(answer.files());
        }
        boolean verified = answer.matched() && answer.verification() != null && answer.verification().verified();
        return verified ? ExitCodes.OK : ExitCodes.FINDINGS;
    }

    /** Writes every file or none: existing files are kept unless --force. */
    private void write(Map<String, String> files) {
        List<Path> existing = new ArrayList<>();
        for (String name : files.keySet()) {
            Path target = out.resolve(name);
            if (Files.exists(target) && !force) {
                existing.add(target);
            }
        }
        if (!existing.isEmpty()) {
            throw new UsageException("not overwriting " + existing + "; use --force or another --out directory");
        }
        try {
            Files.createDirectories(out);
            for (Map.Entry<String, String> file : files.entrySet()) {
                Files.writeString(out.resolve(file.getKey()), file.getValue(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UsageException("cannot write to " + out + ": " + e.getMessage());
        }
        spec.commandLine().getErr().println("aioskill: wrote " + String.join(", ", files.keySet()) + " to " + out);
    }
}
