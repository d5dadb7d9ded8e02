package dev.aioskill.agent;

import dev.aioskill.check.AsyncChecker;
import dev.aioskill.check.CheckResult;
import dev.aioskill.check.Finding;
import dev.aioskill.check.PythonSource;
import dev.aioskill.check.RuleCatalog;
import dev.aioskill.review.OfflineReviewer;
import dev.aioskill.review.Review;
import dev.aioskill.review.RuleDocs;
import dev.aioskill.sandbox.PytestSandbox;
import dev.aioskill.sandbox.SandboxLimits;
import dev.aioskill.sandbox.TestRun;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The embedded default: answers with no model. Reviews are the checker's findings explained with each
 * rule's documentation; builds are tested patterns from the library, checked and run in the sandbox
 * again before they are shown, so the answer states what was verified on this machine.
 */
public final class OfflineEngine {

    public static final String ENGINE = "offline";

    private final AsyncChecker checker;
    private final Supplier<RuleDocs> docs;
    private final Supplier<PytestSandbox> sandbox;
    private final PatternSelector selector;
    private final SandboxLimits limits;

    public OfflineEngine(AsyncChecker checker, Supplier<PytestSandbox> sandbox, PatternLibrary library, SandboxLimits limits) {
        this.checker = checker;
        this.docs = memoize(() -> {
            RuleCatalog catalog = RuleCatalog.load(checker);
            return RuleDocs.of(catalog.rules());
        });
        this.sandbox = memoize(sandbox);
        this.selector = new PatternSelector(library);
        this.limits = limits;
    }

    /** The rule documentation, loaded from the checker once. */
    public RuleDocs ruleDocs() {
        return docs.get();
    }

    /** Reviews one file's bytes (decoded as Python decodes them). */
    public Review review(String path, byte[] source) {
        CheckResult result = checker.check(path, source);
        if (result.failed()) {
            throw new EngineException("cannot check " + path + ": " + result.error());
        }
        return new OfflineReviewer(docs.get()).review(path, PythonSource.decode(source), result.findings());
    }

    public Review review(String path, String source) {
        return review(path, source.getBytes(StandardCharsets.UTF_8));
    }

    /** Answers a build request from the pattern library, verified again on this machine. */
    public BuildAnswer build(String request) {
        PatternChoice choice = selector.select(request);
        Optional<BuildPattern> chosen = choice.primaryPattern();
        if (chosen.isEmpty()) {
            return new BuildAnswer(request, ENGINE, false, choice.reason(), List.of(), "", "", Map.of(), "", "",
                    List.of(), null);
        }
        BuildPattern pattern = chosen.get();
        List<String> combinations = new ArrayList<>();
        for (PatternChoice.Combination combination : choice.secondary()) {
            combinations.add(combination.pattern().title() + " (" + combination.pattern().id() + "): "
                    + combination.howTheyCombine());
        }
        Map<String, String> files = new LinkedHashMap<>();
        files.put(pattern.codeFileName(), pattern.code());
        files.put(pattern.testFileName(), pattern.tests());
        Verification verification = verify(pattern.codeFileName(), pattern.code(), files);
        return new BuildAnswer(request, ENGINE, true, choice.reason(), pattern.chapters(), pattern.approach(),
                pattern.concurrency(), files, pattern.shutdown(), pattern.testing(), combinations,
                BuildAnswer.VerificationView.of(verification));
    }

    /** Runs the checker on the implementation and its tests in the sandbox. */
    Verification verify(String codeFile, String code, Map<String, String> files) {
        CheckResult checked = checker.check(codeFile, code);
        List<Finding> findings = checked.failed() ? List.of() : checked.findings();
        if (checked.failed()) {
            throw new EngineException("cannot check the answer's code: " + checked.error());
        }
        TestRun run = sandbox.get().run(files, limits);
        return new Verification(findings, Optional.of(run));
    }

    private static <T> Supplier<T> memoize(Supplier<T> supplier) {
        return new Supplier<>() {
            private volatile T value;

            @Override
            public T get() {
                T result = value;
                if (result == null) {
                    synchronized (this) {
                        result = value;
                        if (result == null) {
                            result = supplier.get();
                            value = result;
                        }
                    }
                }
                return result;
            }
        };
    }
}
