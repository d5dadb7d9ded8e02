package dev.aioskill.route;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RuleBasedClassifierTest {

    private final RuleBasedClassifier classifier = new RuleBasedClassifier();

    @Test
    void buildVerbWithoutCodeIsBuild() {
        Classification result = classifier.classify("write a coroutine that polls an API every minute");
        assertThat(result.mode()).isEqualTo(Mode.BUILD);
        assertThat(result.reason()).contains("build verb 'write'");
        assertThat(result.clarifyingQuestion()).isEmpty();
    }

    @Test
    void misspelledReviewVerbIsStillReview() {
        Classification result = classifier.classify("plz reviwe my coroutine\n```python\nasync def f():\n    time.sleep(1)\n```");
        assertThat(result.mode()).isEqualTo(Mode.REVIEW);
        assertThat(result.reason()).contains("typo 'reviwe'");
    }

    @Test
    void misspelledBuildVerbIsStillBuild() {
        Classification result = classifier.classify("implment a bounded queue consumer");
        assertThat(result.mode()).isEqualTo(Mode.BUILD);
        assertThat(result.reason()).contains("implement (typo 'implment')");
    }

    @Test
    void typoToleranceIgnoresRealWordsOneEditAway() {
        Classification result = classifier.classify("the audio stream stutters");
        assertThat(result.reason()).doesNotContain("audit");
    }

    @Test
    void germanReviewRequestIsReview() {
        Classification result = classifier.classify("Bitte überprüfe meinen Code:\n```python\nasync def f():\n    pass\n```");
        assertThat(result.mode()).isEqualTo(Mode.REVIEW);
        assertThat(result.reason()).contains("uberpruf*");
    }

    @Test
    void spanishAndChineseBuildRequestsAreBuild() {
        assertThat(classifier.classify("Escribe un servidor websocket con aiohttp").mode()).isEqualTo(Mode.BUILD);
        assertThat(classifier.classify("帮我写一个异步爬虫").mode()).isEqualTo(Mode.BUILD);
    }

    @Test
    void pastedCodeWithSymptomButNoVerbIsReview() {
        Classification result = classifier.classify(
                "this never finishes when the server is down\n\n    async def main():\n        await fetch_all()\n");
        assertThat(result.mode()).isEqualTo(Mode.REVIEW);
        assertThat(result.reason()).contains("indented code").contains("with code");
    }

    @Test
    void bareCodeIsAmbiguousWithACodeQuestion() {
        Classification result = classifier.classify("import asyncio\n\nasync def main():\n    await asyncio.sleep(1)\n");
        assertThat(result.mode()).isEqualTo(Mode.AMBIGUOUS);
        assertThat(result.question()).isEqualTo(RuleBasedClassifier.CODE_QUESTION);
        assertThat(result.reason()).contains("Python lines");
    }

    @Test
    void greetingIsAmbiguousWithOneShortQuestion() {
        Classification result = classifier.classify("Hello!");
        assertThat(result.mode()).isEqualTo(Mode.AMBIGUOUS);
        assertThat(result.clarifyingQuestion()).hasValue(RuleBasedClassifier.OPEN_QUESTION);
        assertThat(result.question()).endsWith("?").doesNotContain("\n");
        assertThat(result.reason()).contains("greeting");
    }

    @Test
    void emptyTextIsAmbiguousNotAnError() {
        assertThat(classifier.classify("   ").mode()).isEqualTo(Mode.AMBIGUOUS);
    }

    @Test
    void conceptualQuestionWithoutCodeIsBuild() {
        Classification result = classifier.classify("When is asyncio.wait better than gather?");
        assertThat(result.mode()).isEqualTo(Mode.BUILD);
        assertThat(result.reason()).contains("conceptual question");
    }

    @Test
    void whyQuestionAboutOwnCodeIsReviewEvenWithoutCode() {
        Classification result = classifier.classify("why does my consumer block forever?");
        assertThat(result.mode()).isEqualTo(Mode.REVIEW);
        assertThat(result.reason()).contains("why-question");
    }

    @Test
    void negatedVerbDoesNotCount() {
        Classification result = classifier.classify("don't rewrite anything, just review my handler");
        assertThat(result.mode()).isEqualTo(Mode.REVIEW);
        assertThat(result.reason()).contains("negated 'rewrite'");
    }

    @Test
    void makeThisFasterIsReviewButMakeMeAServerIsBuild() {
        String code = "\n```python\nasync def f(xs):\n    for x in xs:\n        await g(x)\n```";
        assertThat(classifier.classify("make this faster" + code).mode()).isEqualTo(Mode.REVIEW);
        assertThat(classifier.classify("make me an echo server with asyncio streams").mode()).isEqualTo(Mode.BUILD);
    }

    @Test
    void wordsInsidePastedCodeDoNotCountAsIntent() {
        // "fix" and "review" appear only inside the code block, so nothing was asked.
        Classification result = classifier.classify("```python\ndef fix():\n    review = 1\n```");
        assertThat(result.mode()).isEqualTo(Mode.AMBIGUOUS);
        assertThat(result.reason()).doesNotContain("review verb");
    }

    @Test
    void attachedFileCountsAsCode() {
        Classification result = classifier.classify(Request.withAttachment("any problems here?"));
        assertThat(result.mode()).isEqualTo(Mode.REVIEW);
        assertThat(result.reason()).contains("attached file");
    }

    @Test
    void askingForBothEquallyIsAmbiguousWithTheMixedQuestion() {
        Classification result = classifier.classify("fix my retry loop or write a new one with tenacity-like backoff?");
        assertThat(result.mode()).isIn(Mode.REVIEW, Mode.AMBIGUOUS);
        assertThat(result.confidence()).isLessThan(0.8);
    }

    @Test
    void confidenceGrowsWithAgreeingSignals() {
        double weak = classifier.classify("a semaphore-limited crawler with asyncio and aiohttp sessions").confidence();
        double strong = classifier.classify("write and implement a semaphore-limited crawler, I need an example").confidence();
        assertThat(strong).isGreaterThan(weak);
        assertThat(weak).isBetween(0.5, 1.0);
    }

    @Test
    void sameInputGivesTheSameResult() {
        String text = "why does this hang?\n```python\nawait q.get()\n```";
        assertThat(classifier.classify(text)).isEqualTo(classifier.classify(text));
    }

    @Test
    void oneEditDistanceCoversSwapsInsertionsAndDeletions() {
        assertThat(RuleBasedClassifier.withinOneEdit("reveiw", "review")).isTrue();
        assertThat(RuleBasedClassifier.withinOneEdit("chek", "check")).isTrue();
        assertThat(RuleBasedClassifier.withinOneEdit("genrate", "generate")).isTrue();
        assertThat(RuleBasedClassifier.withinOneEdit("fixx", "fix")).isTrue();
        assertThat(RuleBasedClassifier.withinOneEdit("rveiwe", "review")).isFalse();
        assertThat(RuleBasedClassifier.withinOneEdit("create", "crate")).isTrue();
        assertThat(RuleBasedClassifier.withinOneEdit("design", "resign")).isTrue();
        assertThat(RuleBasedClassifier.withinOneEdit("build", "guilt")).isFalse();
    }
}
