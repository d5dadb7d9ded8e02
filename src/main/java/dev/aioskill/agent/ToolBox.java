package dev.aioskill.agent;

import dev.aioskill.config.Secrets;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.agent.tool.ToolSpecifications;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.invocation.InvocationContext;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.tool.DefaultToolExecutor;
import dev.langchain4j.service.tool.ToolErrorContext;
import dev.langchain4j.service.tool.ToolErrorHandlerResult;
import dev.langchain4j.service.tool.ToolExecutionResult;
import dev.langchain4j.service.tool.ToolExecutor;
import java.lang.reflect.Method;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Hands {@link AgentTools} to an AiServices builder with the harness's rules around them:
 * <ul>
 *   <li>at most {@code maxCallsPerTurn} tool calls per turn (one AiServices invocation); later calls are
 *       not run and the model is told to answer with what it has; a model that keeps calling regardless
 *       ends the turn with a {@link ToolCallLimitException};</li>
 *   <li>an unknown tool name, or arguments that are not valid JSON or do not fit the tool, become an error
 *       result the model can correct, never an exception;</li>
 *   <li>a tool that throws becomes an error result with a one-line, masked message.</li>
 * </ul>
 */
public final class ToolBox {

    /** Refused calls tolerated after the limit before the turn is stopped: the model gets a chance to obey. */
    static final int REFUSALS_BEFORE_STOP = 3;
    /** Turns remembered for counting; old entries go first (a turn normally lasts seconds). */
    private static final int TURNS_REMEMBERED = 4096;

    private final int maxCallsPerTurn;
    private final Map<ToolSpecification, ToolExecutor> tools;
    private final Map<Object, AtomicInteger> callsPerTurn = Collections.synchronizedMap(
            new LinkedHashMap<>(64, 0.75f, false) {
                private static final long serialVersionUID = 1L;

                @Override
                protected boolean removeEldestEntry(Map.Entry<Object, AtomicInteger> eldest) {
                    return size() > TURNS_REMEMBERED;
                }
            });

    public ToolBox(AgentTools agentTools, int maxCallsPerTurn) {
        Objects.requireNonNull(agentTools, "agentTools");
        if (maxCallsPerTurn < 1) {
            throw new IllegalArgumentException("maxCallsPerTurn must be at least 1, was " + maxCallsPerTurn);
        }
        this.maxCallsPerTurn = maxCallsPerTurn;
        Map<ToolSpecification, ToolExecutor> found = new LinkedHashMap<>();
        for (Method method : AgentTools.class.getDeclaredMethods()) {
            if (method.isAnnotationPresent(Tool.class)) {
                ToolExecutor executor = DefaultToolExecutor.builder()
                        .object(agentTools)
                        .originalMethod(method)
                        .methodToInvoke(method)
                        .wrapToolArgumentsExceptions(true)
                        .propagateToolExecutionExceptions(true)
                        .build();
                found.put(ToolSpecifications.toolSpecificationFrom(method), new Capped(executor));
            }
        }
        this.tools = Collections.unmodifiableMap(found);
    }

    /** The tool specifications and their capped executors (for AiServices or a hand-written loop). */
    public Map<ToolSpecification, ToolExecutor> tools() {
        return tools;
    }

    public List<String> toolNames() {
        return tools.keySet().stream().map(ToolSpecification::name).sorted().toList();
    }

    public int maxCallsPerTurn() {
        return maxCallsPerTurn;
    }

    /** Registers the tools and the error rules on an AiServices builder. */
    public <T> AiServices<T> configure(AiServices<T> builder) {
        return builder.tools(tools)
                .hallucinatedToolNameStrategy(this::unknownTool)
                .toolArgumentsErrorHandler(this::badArguments)
                .toolExecutionErrorHandler(this::failedTool)
                // Backstop for loops the per-call count cannot see (unknown tool names are not executed).
                .maxSequentialToolsInvocations(maxCallsPerTurn + REFUSALS_BEFORE_STOP + 1);
    }

    /**
     * Runs one turn and turns LangChain4j's own loop-limit failure into a {@link ToolCallLimitException};
     * other exceptions pass unchanged.
     */
    public <T> T runTurn(Supplier<T> turn) {
        try {
            return turn.get();
        } catch (RuntimeException e) {
            String message = e.getMessage();
            if (!(e instanceof ToolCallLimitException) && message != null
                    && message.contains("sequential tool invocations")) {
                throw new ToolCallLimitException(maxCallsPerTurn, "the model answered with tool calls "
                        + (maxCallsPerTurn + REFUSALS_BEFORE_STOP + 1) + " times in a row");
            }
            throw e;
        }
    }

    private ToolExecutionResultMessage unknownTool(ToolExecutionRequest request) {
        return ToolExecutionResultMessage.builder()
                .id(request.id())
                .toolName(request.name())
                .text("Error: there is no tool named '" + request.name() + "'. Available tools: "
                        + String.join(", ", toolNames()) + ".")
                .isError(true)
                .build();
    }

    private ToolErrorHandlerResult badArguments(Throwable error, ToolErrorContext context) {
        String name = context.toolExecutionRequest().name();
        return ToolErrorHandlerResult.text("Error: the arguments for " + name + " are not valid JSON or do not match "
                + "its parameters (" + oneLine(error) + "). Call it again with a JSON object of its parameters.");
    }

    private ToolErrorHandlerResult failedTool(Throwable error, ToolErrorContext context) {
        if (error instanceof ToolCallLimitException limit) {
            throw limit;
        }
        return ToolErrorHandlerResult.text("Error: " + context.toolExecutionRequest().name() + " failed ("
                + oneLine(error) + ").");
    }

    private static String oneLine(Throwable error) {
        String message = error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
        String line = message.strip().lines().findFirst().orElse("");
        return Secrets.mask(line.length() > 200 ? line.substring(0, 197) + "..." : line);
    }

    /** Counts calls per turn and refuses those over the limit. */
    private final class Capped implements ToolExecutor {
        private final ToolExecutor delegate;

        Capped(ToolExecutor delegate) {
            this.delegate = delegate;
        }

        @Override
        public ToolExecutionResult executeWithContext(ToolExecutionRequest request, InvocationContext context) {
            int call = counter(context).incrementAndGet();
            if (call > maxCallsPerTurn + REFUSALS_BEFORE_STOP) {
                throw new ToolCallLimitException(maxCallsPerTurn, (call - maxCallsPerTurn - 1) + " refused calls");
            }
            if (call > maxCallsPerTurn) {
                return ToolExecutionResult.builder()
                        .isError(true)
                        .resultText("Error: tool-call limit reached (" + maxCallsPerTurn + " calls per turn); "
                                + request.name() + " was not run. Do not call more tools: answer now with what you have.")
                        .build();
            }
            return delegate.executeWithContext(request, context);
        }

        @Override
        public String execute(ToolExecutionRequest request, Object memoryId) {
            return executeWithContext(request, InvocationContext.builder().chatMemoryId(memoryId).build()).resultText();
        }

        private AtomicInteger counter(InvocationContext context) {
            Object turn = context == null ? "no-context"
                    : context.invocationId() != null ? context.invocationId()
                    : context.chatMemoryId() != null ? context.chatMemoryId() : "no-context";
            return callsPerTurn.computeIfAbsent(turn, key -> new AtomicInteger());
        }
    }

    @Override
    public String toString() {
        return tools.keySet().stream().map(ToolSpecification::name).collect(Collectors.joining(", ", "ToolBox[", "]"))
                + " max " + maxCallsPerTurn + " calls per turn";
    }
}
