package dev.aioskill;

import dev.aioskill.agent.BuildAnswer;
import dev.aioskill.agent.OfflineEngine;
import dev.aioskill.agent.PatternLibrary;
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
import java.util.Objects;
import java.util.Optional;

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
 */
public final class Aioskill implements AutoCloseable {

    /** Path used for code given without a file name. */
    public static final String DEFAULT_PATH = "input.py";

    private final Settings settings;
    private final AsyncChecker checker;
    private final OfflineEngine offline;
    private final ModeClassifier classifier;

    private Aioskill(Builder builder) {
        this.settings = builder.settings;
        this.checker = builder.checkerWorkers > 0
                ? new AsyncChecker(settings, builder.checkerWorkers, AsyncChecker.DEFAULT_TIMEOUT)
                : new AsyncChecker(settings);
        boolean allowUnsandboxed = builder.allowUnsandboxed;
        this.offline = new OfflineEngine(checker, () -> PytestSandbox.fromSettings(settings, allowUnsandboxed),
                PatternLibrary.load(), builder.limits);
        this.classifier = new RuleBasedClassifier();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Which engine answers: {@code offline} until a model is wired in. */
    public String engine() {
        return OfflineEngine.ENGINE;
    }

    /** Reviews code given as text, under the name {@value #DEFAULT_PATH}. */
    public Review review(String code) {
        return review(DEFAULT_PATH, code);
    }

    public Review review(String path, String code) {
        Objects.requireNonNull(code, "code");
        return offline.review(path, code);
    }

    /** Reviews a file's raw bytes, decoded as Python decodes source files. */
    public Review review(String path, byte[] code) {
        Objects.requireNonNull(code, "code");
        return offline.review(path, code);
    }

    /** Answers a request for new async code, verified by the checker and the sandbox. */
    public BuildAnswer build(String request) {
        Objects.requireNonNull(request, "request");
        return offline.build(request);
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
        return new Answer.Built(routing, build(text));
    }

    /** The rule documentation renderers need (SARIF rule metadata, explanations). */
    public RuleDocs ruleDocs() {
        return offline.ruleDocs();
    }

    @Override
    public void close() {
        checker.close();
    }

    /** Composes an {@link Aioskill}; every setting has a sane default. */
    public static final class Builder {
        private Settings settings = Settings.of(java.util.Map.of());
        private boolean allowUnsandboxed;
        private int checkerWorkers;
        private SandboxLimits limits = SandboxLimits.defaults();

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

        /** Answer with the offline engine even when a model is configured. */
        public Builder offline() {
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
