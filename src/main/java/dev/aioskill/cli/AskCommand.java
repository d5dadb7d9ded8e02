package dev.aioskill.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.aioskill.Aioskill;
import dev.aioskill.Answer;
import dev.aioskill.agent.BuildAnswerRenderer;
import dev.aioskill.agent.EngineException;
import dev.aioskill.review.JsonRenderer;
import dev.aioskill.review.MarkdownRenderer;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** `aioskill ask "TEXT"`: free text routed by the mode classifier, as chat and Slack will use it. */
@Command(name = "ask", mixinStandardHelpOptions = true,
        description = {"Answer free text the way the chat and Slack front ends will.",
            "The mode classifier routes it: a review of the code it carries (fenced or indented), a build,",
            "or one short clarifying question when the request could be either."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:answered (a review, a build or a clarifying question)", "2:bad usage or the engine failed"})
public final class AskCommand implements Callable<Integer> {


    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "TEXT", description = "The message; - reads it from standard input.")
    String text;

    @Option(names = "--format", defaultValue = "markdown", paramLabel = "FORMAT",
            description = "markdown or json. Default: ${DEFAULT-VALUE}.")
    TextArgument.Format format;

    @Option(names = "--conversation", defaultValue = "cli", paramLabel = "ID",
            description = "Conversation id (the model path keeps a memory per id). Default: ${DEFAULT-VALUE}.")
    String conversation;

    @Mixin
    EngineOptions engine;

    @Override
    public Integer call() throws IOException {
        String message = TextArgument.read(text, "the message is empty");
        Answer answer;
        try (Aioskill aioskill = engine.open(spec.commandLine().getErr())) {
            answer = aioskill.ask(message, conversation);
        } catch (EngineException e) {
            throw new UsageException(EngineOptions.failureLine(e), e);
        }
        if (answer instanceof Answer.Reviewed reviewed) {
            EngineOptions.printUsage(spec.commandLine().getErr(), "review", reviewed.review().usage());
        } else if (answer instanceof Answer.Built built) {
            EngineOptions.printUsage(spec.commandLine().getErr(), "build", built.answer().usage());
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(format == TextArgument.Format.json ? json(answer) : markdown(answer));
        out.flush();
        return ExitCodes.OK;
    }

    private static String markdown(Answer answer) {
        String routed = "<!-- routed: " + answer.routing().mode().name().toLowerCase() + " ("
                + String.format(java.util.Locale.ROOT, "%.2f", answer.routing().confidence()) + ") -->\n";
        if (answer instanceof Answer.Reviewed reviewed) {
            return routed + new MarkdownRenderer().render(reviewed.review());
        }
        if (answer instanceof Answer.Built built) {
            return routed + new BuildAnswerRenderer().markdown(built.answer());
        }
        return routed + ((Answer.Clarify) answer).question() + "\n";
    }

    private static String json(Answer answer) throws JsonProcessingException {
        // Made here, not in a static field: picocli builds every command for --help, which must stay fast.
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("mode", answer.routing().mode().name().toLowerCase());
        out.put("confidence", answer.routing().confidence());
        out.put("reason", answer.routing().reason());
        if (answer instanceof Answer.Reviewed reviewed) {
            out.put("review", json.readTree(new JsonRenderer().render(reviewed.review())));
        } else if (answer instanceof Answer.Built built) {
            out.put("build", json.readTree(new BuildAnswerRenderer().json(built.answer())));
        } else {
            out.put("question", ((Answer.Clarify) answer).question());
        }
        return json.writeValueAsString(out) + "\n";
    }
}
