package dev.aioskill.agent;

import dev.aioskill.config.Secrets;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.exception.ToolArgumentsException;
import dev.langchain4j.invocation.InvocationContext;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.service.tool.ToolExecutor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * A chat model that runs the tool loop itself: every request goes out with the {@link ToolBox}'s tools,
 * tool calls in the answer are executed and their results sent back, until the model answers with text.
 * That text is the answer the caller sees, so a {@link StructuredCall} on top of this model gets tools
 * (and keeps its response-format ladder and re-ask), which AiServices cannot combine with that ladder.
 *
 * <p>Each {@link #chat(ChatRequest)} is one turn with its own tool budget (the ToolBox's cap counts calls
 * per invocation id). The rules match the ToolBox's AiServices configuration: an unknown tool or bad
 * arguments become an error result the model can correct; a model that keeps calling tools past the cap
 * ends the turn with a {@link ToolCallLimitException}.
 */
public final class ToolCallingModel implements ChatModel {

    private final ChatModel model;
    private final ToolBox toolBox;
    private final List<ToolSpecification> specifications;
    private final Map<String, ToolExecutor> executors;

    /** Offers every tool of the box. */
    public ToolCallingModel(ChatModel model, ToolBox toolBox) {
        this(model, toolBox, Set.copyOf(toolBox.toolNames()));
    }

    /**
     * Offers only the named tools of the box (a review needs no test runs); a call of any other tool is
     * answered like a call of an unknown one.
     */
    public ToolCallingModel(ChatModel model, ToolBox toolBox, Set<String> offered) {
        this.model = Objects.requireNonNull(model, "model");
        this.toolBox = Objects.requireNonNull(toolBox, "toolBox");
        Map<String, ToolExecutor> byName = new LinkedHashMap<>();
        List<ToolSpecification> specs = new ArrayList<>();
        toolBox.tools().forEach((spec, executor) -> {
            if (offered.contains(spec.name())) {
                byName.put(spec.name(), executor);
                specs.add(spec);
            }
        });
        if (specs.isEmpty()) {
            throw new IllegalArgumentException("none of " + offered + " is in " + toolBox);
        }
        this.specifications = List.copyOf(specs);
        this.executors = Map.copyOf(byName);
    }

    @Override
    public ChatResponse chat(ChatRequest request) {
        InvocationContext turn = InvocationContext.builder().invocationId(UUID.randomUUID()).build();
        ChatRequestParameters parameters = withTools(request.parameters());
        List<ChatMessage> conversation = new ArrayList<>(request.messages());
        // The ToolBox refuses calls past its cap and throws a few refusals later; this bound stops a model
        // that only calls tools the ToolBox never sees (unknown names).
        int maxRounds = toolBox.maxCallsPerTurn() + ToolBox.REFUSALS_BEFORE_STOP + 1;
        for (int round = 0; ; round++) {
            ChatResponse response = model.chat(ChatRequest.builder().messages(conversation).parameters(parameters).build());
            AiMessage answer = response.aiMessage();
            if (answer == null || !answer.hasToolExecutionRequests()) {
                return response;
            }
            if (round >= maxRounds) {
                throw new ToolCallLimitException(toolBox.maxCallsPerTurn(),
                        "the model answered with tool calls " + (round + 1) + " times in a row");
            }
            conversation.add(answer);
            for (ToolExecutionRequest call : answer.toolExecutionRequests()) {
                conversation.add(ToolExecutionResultMessage.from(call, execute(call, turn)));
            }
        }
    }

    private String execute(ToolExecutionRequest call, InvocationContext turn) {
        ToolExecutor executor = executors.get(call.name());
        if (executor == null) {
            return "Error: there is no tool named '" + call.name() + "'. Available tools: "
                    + String.join(", ", executors.keySet().stream().sorted().toList()) + ".";
        }
        try {
            return executor.executeWithContext(call, turn).resultText();
        } catch (ToolCallLimitException e) {
            throw e;
        } catch (ToolArgumentsException e) {
            return "Error: the arguments for " + call.name() + " are not valid JSON or do not match its parameters ("
                    + oneLine(e) + "). Call it again with a JSON object of its parameters.";
        } catch (RuntimeException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            return "Error: " + call.name() + " failed (" + oneLine(cause) + ").";
        }
    }

    private ChatRequestParameters withTools(ChatRequestParameters given) {
        ChatRequestParameters tools = ChatRequestParameters.builder().toolSpecifications(specifications).build();
        return given == null ? tools : given.overrideWith(tools);
    }

    private static String oneLine(Throwable error) {
        String message = error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
        String line = message.strip().lines().findFirst().orElse("");
        return Secrets.mask(line.length() > 200 ? line.substring(0, 197) + "..." : line);
    }

    @Override
    public ChatRequestParameters defaultRequestParameters() {
        return model.defaultRequestParameters();
    }

    @Override
    public ModelProvider provider() {
        return model.provider();
    }

    @Override
    public Set<Capability> supportedCapabilities() {
        return model.supportedCapabilities();
    }
}
