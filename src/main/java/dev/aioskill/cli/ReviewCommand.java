package dev.aioskill.cli;

import dev.aioskill.Aioskill;
import dev.aioskill.agent.EngineException;
import dev.aioskill.check.PythonFiles;
import dev.aioskill.review.Review;
import dev.aioskill.review.ReviewFormat;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** `aioskill review PATH...`: a review in the skill's format, grounded on the checker. */
@Command(name = "review", mixinStandardHelpOptions = true,
        description = {"Review async Python in the skill's Review Output Format, grounded on the AST checker.",
            "Without OPENAI_API_KEY or OPENAI_BASE_URL (or with --offline) the offline engine answers and says so."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:no issues", "1:issues found (a file that does not parse is an issue)",
            "2:bad usage, or a path that cannot be read or checked (wins over 1)"})
public final class ReviewCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "PATH",
            description = "Python files or directories (searched for *.py); - reads one file from standard input.")
    List<String> paths;

    @Option(names = "--format", defaultValue = "markdown", paramLabel = "FORMAT",
            description = "markdown, json, sarif or text (coloured on a terminal). Default: ${DEFAULT-VALUE}.")
    String format;

    @Mixin
    EngineOptions engine;

    @Override
    public Integer call() throws IOException {
        ReviewFormat reviewFormat;
        try {
            reviewFormat = ReviewFormat.fromId(format);
        } catch (IllegalArgumentException e) {
            throw new UsageException("unknown --format '" + format + "'; use markdown, json, sarif or text");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        boolean failed = false;
        List<Review> reviews = new ArrayList<>();
        try (Aioskill aioskill = engine.open(err)) {
            for (String argument : paths) {
                for (Input input : inputs(argument, err)) {
                    if (input.error() != null) {
                        err.println("aioskill: " + input.error());
                        failed = true;
                        continue;
                    }
                    try {
                        Review review = aioskill.review(input.name(), input.bytes());
                        EngineOptions.printUsage(err, input.name(), review.usage());
                        reviews.add(review);
                    } catch (EngineException e) {
                        err.println("aioskill: " + EngineOptions.failureLine(e));
                        failed = true;
                    }
                }
            }
            if (!reviews.isEmpty()) {
                boolean colour = reviewFormat == ReviewFormat.TEXT && System.console() != null;
                var renderer = reviewFormat.renderer(aioskill.ruleDocs(), colour);
                out.print(reviews.size() == 1 ? renderer.render(reviews.get(0)) : renderer.renderAll(reviews));
                out.flush();
            }
        }
        err.flush();
        if (failed) {
            return ExitCodes.USAGE;
        }
        return reviews.stream().allMatch(Review::isClean) ? ExitCodes.OK : ExitCodes.FINDINGS;
    }

    /** One file to review, or why it cannot be read. */
    record Input(String name, byte[] bytes, String error) {}

    static List<Input> inputs(String argument, PrintWriter err) {
        if (argument.equals("-")) {
            try {
                return List.of(new Input("stdin.py", System.in.readAllBytes(), null));
            } catch (IOException e) {
                return List.of(new Input("-", null, "cannot read standard input: " + e.getMessage()));
            }
        }
        Path path = Path.of(argument);
        if (Files.isDirectory(path)) {
            PythonFiles.Listing listing = PythonFiles.under(path);
            List<Input> inputs = new ArrayList<>();
            listing.errors().forEach(error -> inputs.add(new Input(argument, null, error)));
            for (Path file : listing.files()) {
                inputs.add(read(file, file.toString()));
            }
            if (listing.files().isEmpty() && listing.errors().isEmpty()) {
                err.println("aioskill: no *.py files under " + argument);
            }
            return inputs;
        }
        return List.of(read(path, argument));
    }

    /** Larger files are refused before reading; the checker is built for files up to 5 MB. */
    static final long MAX_FILE_BYTES = 10L * 1024 * 1024;

    private static Input read(Path path, String name) {
        if (!Files.exists(path)) {
            return new Input(name, null, name + ": no such file or directory");
        }
        try {
            long size = Files.size(path);
            if (size > MAX_FILE_BYTES) {
                return new Input(name, null, name + ": too large to review (" + size / (1024 * 1024)
                        + " MiB; the limit is " + MAX_FILE_BYTES / (1024 * 1024) + " MiB)");
            }
            return new Input(name, Files.readAllBytes(path), null);
        } catch (IOException e) {
            return new Input(name, null, name + ": cannot read (" + PythonFiles.describe(e) + ")");
        }
    }
}
