package dev.aioskill.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.aioskill.route.Classification;
import dev.aioskill.route.FallbackClassifier;
import dev.aioskill.route.Mode;
import dev.aioskill.route.Request;
import dev.aioskill.route.RuleBasedClassifier;
import dev.aioskill.skill.SkillPack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class LlmModeClassifierTest {

    @RegisterExtension
    static WireMockExtension wm = FakeOpenAi.server();

    static final SkillPack PACK = SkillPack.load();
    static final String REQUEST = "make this faster: async def f(): await g()";

    private final RuleBasedClassifier rules = new RuleBasedClassifier();

    private LlmModeClassifier classifier() {
        MeteredChatModel model = new ModelFactory(FakeOpenAi.settings(wm)).chatModel();
        return new LlmModeClassifier(new StructuredCall(model, ResponseFormatMode.JSON_SCHEMA, 0), PACK, rules);
    }

    @Test
    void theModelsAnswerDecidesAndThePromptCarriesTheRulesReadingAndTheRequest() {
        wm.stubFor(FakeOpenAi.chat().willReturn(FakeOpenAi.answer(
                "```json\n{\"mode\": \"review\", \"confidence\": 0.85, \"reason\": \"Optimising pasted code.\"}\n```")));

        Classification result = classifier().classify(REQUEST);

        assertThat(result.mode()).isEqualTo(Mode.REVIEW);
        assertThat(result.confidence()).isEqualTo(0.85);
        assertThat(result.reason()).isEqualTo("model: Optimising pasted code.");
        String prompt = FakeOpenAi.body(FakeOpenAi.requests(wm).get(0)).path("messages").get(0).path("content").asText();
        Classification ruling = rules.classify(REQUEST);
        assertThat(prompt)
                .contains("The rule-based router was unsure. Its reading: " + ruling.mode().name() + " with confidence")
                .contains(ruling.reason())
                .contains("<<<\n" + REQUEST + "\n>>>")
                .doesNotContain("{{");
    }

    @Test
    void aConfidenceInPercentIsReadAsAFraction() {
        wm.stubFor(FakeOpenAi.chat().willReturn(FakeOpenAi.answer("{\"mode\":\"BUILD\",\"confidence\":90,\"reason\":\"new code\"}")));

        assertThat(classifier().classify(REQUEST).confidence()).isEqualTo(0.9);
    }

    @Test
    void anAmbiguousAnswerCarriesAClarifyingQuestion() {
        wm.stubFor(FakeOpenAi.chat().willReturn(FakeOpenAi.answer("{\"mode\":\"Ambiguous\",\"confidence\":0.7,\"reason\":\"unclear\"}")));

        Classification result = classifier().classify("hmm");

        assertThat(result.mode()).isEqualTo(Mode.AMBIGUOUS);
        assertThat(result.clarifyingQuestion()).isPresent();
    }

    @Test
    void aMalformedAnswerKeepsTheRulesResultWithOneCallOnly() {
        wm.stubFor(FakeOpenAi.chat().willReturn(FakeOpenAi.answer("It is probably a review, I think.")));

        Classification result = classifier().classify(REQUEST);
        Classification ruling = rules.classify(REQUEST);

        assertThat(result.mode()).isEqualTo(ruling.mode());
        assertThat(result.confidence()).isEqualTo(ruling.confidence());
        assertThat(result.reason()).endsWith("; the model's answer was unusable");
        assertThat(FakeOpenAi.requests(wm).size()).isEqualTo(1);
    }

    @Test
    void anUnknownModeKeepsTheRulesResult() {
        wm.stubFor(FakeOpenAi.chat().willReturn(FakeOpenAi.answer("{\"mode\":\"DEBUG\",\"confidence\":0.9,\"reason\":\"x\"}")));

        assertThat(classifier().classify(REQUEST).mode()).isEqualTo(rules.classify(REQUEST).mode());
    }

    @Test
    void anUnreachableModelKeepsTheRulesResultAndSaysWhy() {
        wm.stubFor(FakeOpenAi.chat().willReturn(FakeOpenAi.error(500, "down")));

        Classification result = classifier().classify(REQUEST);

        assertThat(result.mode()).isEqualTo(rules.classify(REQUEST).mode());
        assertThat(result.reason()).contains("model unavailable: the model server answered 500 Internal Server Error");
    }

    @Test
    void behindTheRulesTheModelIsAskedOnlyBelowTheThreshold() {
        wm.stubFor(FakeOpenAi.chat().willReturn(FakeOpenAi.answer("{\"mode\":\"build\",\"confidence\":0.8,\"reason\":\"r\"}")));
        MeteredChatModel model = new ModelFactory(FakeOpenAi.settings(wm)).chatModel();
        StructuredCall call = new StructuredCall(model, ResponseFormatMode.JSON_SCHEMA, 0);

        FallbackClassifier never = LlmModeClassifier.behindRules(rules, call, PACK, 0.0);
        FallbackClassifier always = LlmModeClassifier.behindRules(rules, call, PACK, 1.0);

        Classification kept = never.classify(Request.of(REQUEST));
        assertThat(FakeOpenAi.requests(wm).size()).isZero();
        assertThat(kept).isEqualTo(rules.classify(REQUEST));

        Classification decided = always.classify(Request.of(REQUEST));
        assertThat(FakeOpenAi.requests(wm).size()).isEqualTo(1);
        assertThat(decided.mode()).isEqualTo(Mode.BUILD);
        assertThat(decided.reason()).startsWith("rules unsure").endsWith("decided by fallback: model: r");
    }
}
