package dev.aioskill.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class FallbackClassifierTest {

    private final AtomicInteger secondaryCalls = new AtomicInteger();
    private final ModeClassifier secondary = request -> {
        secondaryCalls.incrementAndGet();
        return Classification.decided(Mode.REVIEW, 0.97, "stand-in model said review");
    };

    @Test
    void confidentPrimaryAnswerIsKeptAndSecondaryNeverCalled() {
        FallbackClassifier classifier = new FallbackClassifier(new RuleBasedClassifier(), secondary, 0.7);
        Classification result = classifier.classify("implement an async rate limiter with a token bucket");
        assertThat(result.mode()).isEqualTo(Mode.BUILD);
        assertThat(secondaryCalls).hasValue(0);
    }

    @Test
    void lowConfidencePrimaryAnswerIsHandedToSecondary() {
        ModeClassifier unsure = request -> Classification.ambiguous(0.5, "tie", "Review or build?");
        FallbackClassifier classifier = new FallbackClassifier(unsure, secondary, 0.7);
        Classification result = classifier.classify("fix it or build a new one");
        assertThat(result.mode()).isEqualTo(Mode.REVIEW);
        assertThat(result.confidence()).isEqualTo(0.97);
        assertThat(result.reason()).contains("rules unsure (0.50 < 0.70: tie)").contains("stand-in model said review");
        assertThat(result.question()).isNull();
        assertThat(secondaryCalls).hasValue(1);
    }

    @Test
    void rulesMixedSignalCaseReachesSecondaryAtDefaultishThreshold() {
        FallbackClassifier classifier = new FallbackClassifier(new RuleBasedClassifier(), secondary, 0.7);
        // A verb of each kind: the rules' confidence stays under 0.7, so the model is asked.
        classifier.classify("review this and then write tests for it\n```python\nasync def f():\n    pass\n```");
        assertThat(secondaryCalls).hasValue(1);
    }

    @Test
    void thresholdOutsideZeroToOneIsRejected() {
        assertThatThrownBy(() -> new FallbackClassifier(new RuleBasedClassifier(), secondary, 1.5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0..1");
    }
}
