package dev.aioskill;

import dev.aioskill.agent.BuildAnswer;
import dev.aioskill.agent.Conversations;
import dev.aioskill.agent.EngineException;
import dev.aioskill.agent.MeteredChatModel;
import dev.aioskill.agent.ModelCallException;
import dev.aioskill.agent.ModelEngine;
import dev.aioskill.agent.ModelFactory;
import dev.aioskill.agent.ModelSettings;
import dev.aioskill.agent.ModelUnavailableException;
import dev.aioskill.agent.OfflineEngine;
import dev.aioskill.agent.PatternLibrary;
import dev.aioskill.agent.PatternSelector;
import dev.aioskill.agent.Progress;
import dev.aioskill.agent.StructuredOutputException;
import dev.aioskill.agent.ToolCallLimitException;
import dev.aioskill.agent.UsageMeter;
import dev.aioskill.check.AsyncChecker;
import dev.aioskill.config.Settings;
import dev.aioskill.review.Review;
import dev.aioskill.review.RuleDocs;
import dev.aioskill.route.Classification;
import dev.aioskill.route.Mode;
import dev.aioskill.route.ModeClassifier;
import dev.aioskill.route.PastedCode;
import dev.aioskill.route.Request;
import dev.aioskill.route.RuleBasedClassifier;
import dev.aioskill.sandbox.PytestSandbox;
import dev.aioskill.sandbox.SandboxLimits;
import dev.aioskill.skill.SkillPack;
import dev.langchain4j.model.chat.ChatModel;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * aioskill as a library: the one facade and composition root every front end (CLI, chat, Slack, evals)
 * and every embedding Java app goes through. Thread-safe; close it to stop the checker's workers.
 *
 * <pre>{@code
 * try (Aioskill aioskill = Aioskill.builder().fromEnvironment().build()) {
 *     Review review = aioskill.review("app.py", source);
 *     BuildAnswer answer = aioskill.build("fetch 50 URLs with retries");
 *     Answer reply = aioskill.ask(slackMessageText, threadId);
 * }
 * }</pre>
 *
 * <p>Which engine answers: the model when OPENAI_API_KEY or OPENAI_BASE_URL is set (or an app passes its own
 * LangChain4j model to {@link Builder#chatModel}), the offline engine otherwise or with {@link Builder#offline()}.
 * Model reviews are grounded on the checker and model builds verified by the checker and the sandbox before
 * they are returned; with {@link Builder#fallbackOffline(boolean)} an unreachable model is answered for by
 * the offline engine, and the answer's engine line says so.
 */
public final class Aioskill implements AutoCloseable {

    /** Path used for code given without a file name. */
    public static final String DEFAULT_PATH = "input.py";

    private final Settings settings;
    private final AsyncChecker checker;
    private final OfflineEngine offline;
    private final ModelEngine model;
    private final boolean fallbackOffline;
    private final Progress progress;
    private final ModeClassifier classifier;

    private Aioskill(Builder builder) {
        this.settings = builder.settings;
        this.checker = builder.checkerWorkers > 0
                ? new AsyncChecker(settings, builder.checkerWorkers, AsyncChecker.DEFAULT_TIMEOUT)
                : new AsyncChecker(settings);
        boolean allowUnsandboxed = builder.allowUnsandboxed;
        Supplier<PytestSandbox> sandbox = once(() -> PytestSandbox.fromSettings(settings, allowUnsandboxed));
        PatternLibrary library = PatternLibrary.load();
        this.offline = new OfflineEngine(checker, sandbox, library, builder.limits);
        this.fallbackOffline = builder.fallbackOffline;
        this.progress = builder.progress;
        this.model = builder.forceOffline ? null : modelEngine(builder, sandbox, library);
        ModeClassifier rules = new RuleBasedClassifier();
        this.classifier = model == null ? rules : model.classifier(rules);
    }

    /** The model side when a model is given or configured, else null (the offline engine answers). */
    private ModelEngine modelEngine(Builder builder, Supplier<PytestSandbox> sandbox, PatternLibrary library) {
        if (builder.chatModel == null && !settings.hasModel()) {
            return null;
        }
        ModelSettings modelSettings = ModelSettings.from(settings);
        UsageMeter meter = new UsageMeter();
        MeteredChatModel chat = builder.chatModel != null
                ? ModelFactory.adopt(builder.chatModel, meter)
                : new ModelFactory(modelSettings, meter).chatModel();
        String name = builder.chatModel != null
                ? ModelEngine.nameOf(builder.chatModel, settings.get(Settings.AIOSKILL_MODEL).orElse(null))
                : modelSettings.model();
        return new ModelEngine(chat, name, modelSettings.responseFormat(), modelSettings.maxToolCalls(), checker,
                offline::ruleDocs, sandbox, builder.limits, SkillPack.load(), new PatternSelector(library),
                builder.conversations);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Which engine answers: the model's name, or {@code offline}. */
    public String engine() {
        return model == null ? OfflineEngine.ENGINE : model.name();
    }

    /** True when a model answers (with the offline engine as fallback only if so configured). */
    public boolean usesModel() {
        return model != null;
    }

    /** Reviews code given as text, under the name {@value #DEFAULT_PATH}. */
    public Review review(String code) {
        return review(DEFAULT_PATH, code);
    }

    public Review review(String path, String code) {
        Objects.requireNonNull(code, "code");
        return review(path, code.getBytes(StandardCharsets.UTF_8));
    }

    /** Reviews a file's raw bytes, decoded as Python decodes source files. */
    public Review review(String path, byte[] code) {
        Objects.requireNonNull(code, "code");
        if (model == null) {
            return offline.review(path, code);
        }
        try {
            return model.review(path, code, progress);
        } catch (ModelCallException e) {
            return offlineInstead(e).review(path, code).withEngineNote(fallbackNote(e));
        } catch (StructuredOutputException | ToolCallLimitException e) {
            throw new EngineException(e.getMessage(), e);
        }
    }

    /** Answers a request for new async code, verified by the checker and the sandbox. */
    public BuildAnswer build(String request) {
        return build(request, null);
    }

    private BuildAnswer build(String request, String conversationId) {
        Objects.requireNonNull(request, "request");
        if (model == null) {
            return offline.build(request);
        }
        try {
            return model.build(request, conversationId, progress);
        } catch (ModelCallException e) {
            return offlineInstead(e).build(request).withEngineNote(fallbackNote(e));
        } catch (StructuredOutputException | ToolCallLimitException e) {
            throw new EngineException(e.getMessage(), e);
        }
    }

    /** The offline engine when falling back is allowed; else the failure, typed for front ends. */
    private OfflineEngine offlineInstead(ModelCallException e) {
        if (!fallbackOffline) {
            throw new ModelUnavailableException(e);
        }
        return offline;
    }

    private String fallbackNote(ModelCallException e) {
        return "The model " + model.name() + " could not be reached (" + e.getMessage()
                + "), so the offline engine answered instead.";
    }

    /** Routes one message as the chat and Slack front ends do. */
    public Classification classify(String text) {
        return classifier.classify(Request.of(text == null ? "" : text));
    }

    /**
     * Routes free text: a review of the code it carries, a build, or one clarifying question.
     *
     * @param conversationId the conversation the message belongs to; the offline engine answers each
     *                       message on its own, the model path keeps a memory per id
     */
    public Answer ask(String text, String conversationId) {
        Answer answer = route(text, conversationId);
        if (model != null && conversationId != null) {
            model.remember(conversationId, text, recap(answer));
        }
        return answer;
    }

    private Answer route(String text, String conversationId) {
        Classification routing = classify(text);
        if (routing.mode() == Mode.AMBIGUOUS) {
            return new Answer.Clarify(routing, routing.clarifyingQuestion().orElse(
                    "Do you want me to review existing code or write new code?"));
        }
        if (routing.mode() == Mode.REVIEW) {
            Optional<String> code = PastedCode.extract(text);
            if (code.isEmpty()) {
                return new Answer.Clarify(routing,
                        "Which code should I review? Paste it in a ``` block (or give me the file).");
            }
            return new Answer.Reviewed(routing, review(DEFAULT_PATH, code.get()));
        }
        return new Answer.Built(routing, build(text, conversationId));
    }

    /** What the conversation remembers of an answer: enough for a follow-up, not the whole text. */
    private static String recap(Answer answer) {
        if (answer instanceof Answer.Reviewed reviewed) {
            return "I reviewed the code: " + reviewed.review().summary();
        }
        if (answer instanceof Answer.Built built) {
            BuildAnswer b = built.answer();
            String code = b.files().getOrDefault(PytestSandbox.CODE_FILE, "");
            return "I built it (" + (b.verification() == null ? "nothing was built" : b.verification().summary())
                    + ")." + (code.isEmpty() ? "" : " app.py:\n```python\n" + code.stripTrailing() + "\n```");
        }
        return ((Answer.Clarify) answer).question();
    }

    /** The rule documentation renderers need (SARIF rule metadata, explanations). */
    public RuleDocs ruleDocs() {
        return offline.ruleDocs();
    }

    @Override
    public void close() {
        checker.close();
    }

    private static <T> Supplier<T> once(Supplier<T> supplier) {
        return new Supplier<>() {
            private T value;

            @Override
            public synchronized T get() {
                if (value == null) {
                    value = supplier.get();
                }
                return value;
            }
        };
    }

    /** Composes an {@link Aioskill}; every setting has a sane default. */
    public static final class Builder {
        private Settings settings = Settings.of(java.util.Map.of());
        private boolean allowUnsandboxed;
        private int checkerWorkers;
        private SandboxLimits limits = SandboxLimits.defaults();
        private boolean forceOffline;
        private boolean fallbackOffline;
        private ChatModel chatModel;
        private Progress progress = Progress.NONE;
        private Conversations conversations = new Conversations();

        private Builder() {}

        /** Configuration from the environment and ./.env (the CLI's choice). */
        public Builder fromEnvironment() {
            this.settings = Settings.load();
            return this;
        }

        /** Explicit configuration (embedding apps, tests). */
        public Builder settings(Settings value) {
            this.settings = Objects.requireNonNull(value, "settings");
            return this;
        }

        /** Answer with the offline engine even when a model is configured or given. */
        public Builder offline() {
            this.forceOffline = true;
            return this;
        }

        /**
         * Use this LangChain4j model instead of one built from OPENAI_* settings; its own retry and timeout
         * settings apply. AIOSKILL_MODEL, when set, names it in answers; else its default model name does.
         */
        public Builder chatModel(ChatModel value) {
            this.chatModel = Objects.requireNonNull(value, "chatModel");
            return this;
        }

        /**
         * When the model cannot be reached (after the SDK's own retries), answer from the offline engine and
         * say so in the answer's engine line, instead of failing with a {@link ModelUnavailableException}.
         */
        public Builder fallbackOffline(boolean value) {
            this.fallbackOffline = value;
            return this;
        }

        /** Where the model path reports its steps in prose (a terminal's progress line). Never code. */
        public Builder progress(Progress value) {
            this.progress = Objects.requireNonNull(value, "progress");
            return this;
        }

        /** Conversation memory for {@link Aioskill#ask} on the model path (default: in memory). */
        public Builder conversations(Conversations value) {
            this.conversations = Objects.requireNonNull(value, "conversations");
            return this;
        }

        /** Run build verification without bubblewrap where it is unavailable (limits still apply). */
        public Builder allowUnsandboxed(boolean value) {
            this.allowUnsandboxed = value;
            return this;
        }

        /** Number of warm checker workers (default: the number of cores). */
        public Builder checkerWorkers(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("checkerWorkers must be at least 1");
            }
            this.checkerWorkers = value;
            return this;
        }

        /** Limits for sandboxed test runs (default {@link SandboxLimits#defaults()}). */
        public Builder sandboxLimits(SandboxLimits value) {
            this.limits = Objects.requireNonNull(value, "limits");
            return this;
        }

        public Aioskill build() {
            return new Aioskill(this);
        }
    }
}
