package dev.aioskill.agent;

import dev.aioskill.check.AsyncChecker;
import dev.aioskill.review.Review;
import dev.aioskill.review.RuleDocs;
import dev.aioskill.route.ModeClassifier;
import dev.aioskill.sandbox.PytestSandbox;
import dev.aioskill.sandbox.SandboxLimits;
import dev.aioskill.skill.SkillPack;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.memory.ChatMemory;
import dev.langchain4j.model.chat.ChatModel;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The model side of aioskill put together: the grounded reviewer, the verified builder, the tools they
 * offer the model, the LLM mode classifier behind the rules, and conversation memory. One per facade;
 * thread-safe as its parts are.
 */
public final class ModelEngine {

    /** Below this confidence of the rules, the model decides the mode. */
    public static final double CLASSIFIER_THRESHOLD = 0.7;

    private final MeteredChatModel model;
    private final String name;
    private final ResponseFormatMode rung;
    private final SkillPack pack;
    private final LlmReviewer reviewer;
    private final LlmBuilder builder;
    private final Conversations conversations;

    /**
     * @param model    the metered model (ours from {@link ModelFactory}, or one an app brought, adopted)
     * @param name     the model's name, shown as the engine of every answer
     * @param rung     where the structured-output ladder starts
     * @param maxToolCalls tool calls the model may make per turn
     */
    public ModelEngine(MeteredChatModel model, String name, ResponseFormatMode rung, int maxToolCalls,
            AsyncChecker checker, Supplier<RuleDocs> docs, Supplier<PytestSandbox> sandbox, SandboxLimits limits,
            SkillPack pack, PatternSelector selector, Conversations conversations) {
        this.model = Objects.requireNonNull(model, "model");
        this.name = Objects.requireNonNull(name, "name");
        this.rung = Objects.requireNonNull(rung, "rung");
        this.pack = Objects.requireNonNull(pack, "pack");
        this.conversations = Objects.requireNonNull(conversations, "conversations");
        TestRunner runner = (code, tests) -> new PytestSandboxTool(sandbox.get(), limits).run(code, tests);
        ToolBox tools = new ToolBox(new AgentTools(pack, new AsyncCheckerTool(checker), runner), maxToolCalls);
        this.reviewer = new LlmReviewer(checker, docs, pack, model, tools, rung, name);
        this.builder = new LlmBuilder(checker, sandbox, limits, pack, model, tools, rung, selector, name,
                LlmBuilder.DEFAULT_ROUNDS);
    }

    /** The engine name for a model: the name it was configured with, else what it reports, else "model". */
    public static String nameOf(ChatModel model, String configured) {
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        if (model.defaultRequestParameters() != null && model.defaultRequestParameters().modelName() != null) {
            return model.defaultRequestParameters().modelName();
        }
        return "model";
    }

    public String name() {
        return name;
    }

    public Review review(String path, byte[] source, Progress progress) {
        return reviewer.review(path, source, progress);
    }

    /** A build in the context of the conversation's earlier messages. */
    public BuildAnswer build(String request, Object conversationId, Progress progress) {
        List<ChatMessage> history = conversationId == null ? List.of() : conversations.messages(conversationId);
        return builder.build(request, history, progress);
    }

    /** The rules first; below {@value #CLASSIFIER_THRESHOLD} one structured model call decides. */
    public ModeClassifier classifier(ModeClassifier rules) {
        return LlmModeClassifier.behindRules(rules, new StructuredCall(model, rung, 0), pack, CLASSIFIER_THRESHOLD);
    }

    /**
     * Keeps one exchange in the conversation's memory: the user's text and a short account of the answer
     * (not the whole review or code, which would crowd the window).
     */
    public void remember(Object conversationId, String userText, String answerSummary) {
        ChatMemory memory = conversations.memory(conversationId);
        memory.add(UserMessage.from(userText));
        memory.add(AiMessage.from(answerSummary));
    }

    public Conversations conversations() {
        return conversations;
    }

    public UsageMeter meter() {
        return model.meter();
    }
}
