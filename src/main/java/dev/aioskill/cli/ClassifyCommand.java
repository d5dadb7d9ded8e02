package dev.aioskill.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aioskill.route.Classification;
import dev.aioskill.route.ModeClassifier;
import dev.aioskill.route.RuleBasedClassifier;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** `aioskill classify`: whether a request asks to build, to review, or needs a clarifying question. */
@Command(name = "classify", mixinStandardHelpOptions = true,
        description = {"Say whether a request asks to build new code, to review existing code, or is ambiguous.",
            "Rule-based and offline; prints the mode, a confidence and the signals that fired."})
public final class ClassifyCommand implements Callable<Integer> {

    /** Output formats of a single classification; batch mode always writes JSON lines. */
    enum Format { text, json }

    /** Built on first use: picocli creates every command for --help, which must not pay for Jackson. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "TEXT",
            description = "The request to classify; '-' reads it from standard input.")
    String text;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text (default) or json.")
    Format format;

    @Option(names = "--batch", paramLabel = "FILE.jsonl",
            description = "Classify every line of a JSON-lines file (a \"request\" key per line; '-' for stdin) "
                    + "and print one JSON result per line, in order.")
    String batch;

    private ModeClassifier classifier;

    private ModeClassifier classifier() {
        if (classifier == null) {
            classifier = new RuleBasedClassifier();
        }
        return classifier;
    }

    @Override
    public Integer call() {
        if (batch != null && text != null) {
            throw new UsageException("give either TEXT or --batch FILE.jsonl, not both");
        }
        if (batch != null) {
            return classifyBatch();
        }
        if (text == null) {
            throw new UsageException("nothing to classify: give TEXT, '-' to read standard input, or --batch FILE.jsonl");
        }
        String request = text.equals("-") ? readStdin() : text;
        Classification result = classifier().classify(request);
        PrintWriter out = spec.commandLine().getOut();
        if (format == Format.json) {
            out.println(toJson(result));
        } else {
            out.println("mode: " + result.mode().id());
            out.println(String.format(Locale.ROOT, "confidence: %.2f", result.confidence()));
            out.println("reason: " + result.reason());
            result.clarifyingQuestion().ifPresent(q -> out.println("question: " + q));
        }
        out.flush();
        return ExitCodes.OK;
    }

    private int classifyBatch() {
        PrintWriter out = spec.commandLine().getOut();
        boolean anyBad = false;
        try (BufferedReader reader = openBatch()) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                ObjectNode row;
                try {
                    row = classifyLine(line, number);
                } catch (BadLine e) {
                    anyBad = true;
                    row = Json.MAPPER.createObjectNode();
                    row.put("line", number);
                    row.put("error", e.getMessage());
                }
                out.println(row.toString());
            }
        } catch (IOException e) {
            throw new UsageException("cannot read " + batch + ": " + e.getMessage(), e);
        }
        out.flush();
        return anyBad ? ExitCodes.USAGE : ExitCodes.OK;
    }

    private ObjectNode classifyLine(String line, int number) throws BadLine {
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            throw new BadLine("not valid JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new BadLine("expected a JSON object with a \"request\" string");
        }
        JsonNode request = node.get("request");
        if (request == null || !request.isTextual()) {
            throw new BadLine("missing \"request\" string");
        }
        ObjectNode row = Json.MAPPER.createObjectNode();
        row.put("line", number);
        row.setAll(toJson(classifier().classify(request.asText())));
        return row;
    }

    private BufferedReader openBatch() throws IOException {
        if (batch.equals("-")) {
            return new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        }
        Path path = Path.of(batch);
        if (Files.isDirectory(path)) {
            throw new UsageException("cannot read " + batch + ": it is a directory; give a .jsonl file");
        }
        // A missing or unreadable file throws here, reported as one line with exit code 2. Bytes that are not
        // UTF-8 become U+FFFD instead of aborting the whole batch halfway.
        return new BufferedReader(new InputStreamReader(Files.newInputStream(path), StandardCharsets.UTF_8));
    }

    private static String readStdin() {
        try {
            return new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UsageException("cannot read standard input: " + e.getMessage(), e);
        }
    }

    private static ObjectNode toJson(Classification result) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("mode", result.mode().id());
        node.put("confidence", result.confidence());
        node.put("reason", result.reason());
        result.clarifyingQuestion().ifPresent(q -> node.put("question", q));
        return node;
    }

    /** One line of a batch that cannot be classified; the batch goes on. */
    private static final class BadLine extends Exception {
        private static final long serialVersionUID = 1L;

        BadLine(String message) {
            super(message);
        }
    }
}
