package dev.aioskill.agent;

import dev.aioskill.route.Classification;
import dev.aioskill.route.FallbackClassifier;
import dev.aioskill.route.Mode;
import dev.aioskill.route.ModeClassifier;
import dev.aioskill.route.Request;
import dev.aioskill.route.RuleBasedClassifier;
import dev.aioskill.skill.SkillPack;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the model which mode a request is in, with one structured call built from {@code prompts/classify.md}
 * (the rules' reading and the request in its slots). The answer is read leniently (code fences, prose
 * around the JSON, any letter case for the mode, a confidence given in percent). When the answer is
 * unusable, or the model cannot be reached, the rules' own result stands: classification never fails.
 *
 * <p>Meant to sit behind the rules in a {@link FallbackClassifier}, so it only runs when the rules are
 * unsure: see {@link #behindRules(ModeClassifier, StructuredCall, SkillPack, double)}.
 */
public final class LlmModeClassifier implements ModeClassifier {

    private static final Logger LOG = LoggerFactory.getLogger(LlmModeClassifier.class);

    /** Confidence assumed when the model names a mode but gives no usable confidence. */
    static final double DEFAULT_CONFIDENCE = 0.6;

    /** The model's answer as it arrives; every field may be missing or odd. */
    public record ModeVerdict(String mode, Double confidence, String reason) {}

    private final StructuredCall call;
    private final SkillPack pack;
    private final ModeClassifier rules;

    /**
     * @param call  a structured call with no re-ask (one call per classification, by design)
     * @param rules the classifier whose reading goes into the prompt and whose result stands when the
     *              model's answer is unusable
     */
    public LlmModeClassifier(StructuredCall call, SkillPack pack, ModeClassifier rules) {
        this.call = Objects.requireNonNull(call, "call");
        this.pack = Objects.requireNonNull(pack, "pack");
        this.rules = Objects.requireNonNull(rules, "rules");
    }

    /**
     * The rules first; the model only below the threshold. The structured call should be built with
     * {@code reasks = 0}.
     */
    public static FallbackClassifier behindRules(ModeClassifier rules, StructuredCall call, SkillPack pack,
            double threshold) {
        return new FallbackClassifier(rules, new LlmModeClassifier(call, pack, rules), threshold);
    }

    @Override
    public Classification classify(Request request) {
        Classification ruling = rules.classify(request);
        String prompt = pack.prompt("classify").render(Map.of(
                "rule_reading", describe(ruling),
                "request", request.text()));
        List<ChatMessage> messages = List.of(UserMessage.from(prompt));
        try {
            Structured<ModeVerdict> answer = call.ask(messages, ModeVerdict.class, LlmModeClassifier::problem);
            return toClassification(answer.value(), ruling, request);
        } catch (StructuredOutputException e) {
            LOG.debug("model's mode answer unusable, keeping the rules' result: {}", e.getMessage());
            return keep(ruling, "the model's answer was unusable");
        } catch (ModelCallException e) {
            LOG.warn("mode classification without the model: {}", e.getMessage());
            return keep(ruling, "model unavailable: " + e.getMessage());
        } catch (RuntimeException e) {
            // A classifier never fails a request: anything else unexpected also leaves the rules' answer.
            LOG.warn("mode classification without the model: {}: {}", e.getClass().getSimpleName(), e.getMessage());
            return keep(ruling, "model call failed");
        }
    }

    static Optional<String> problem(ModeVerdict verdict) {
        if (verdict.mode() == null || verdict.mode().isBlank()) {
            return Optional.of("\"mode\" is missing");
        }
        try {
            Mode.fromId(verdict.mode());
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of("\"mode\" must be BUILD, REVIEW or AMBIGUOUS, was '" + verdict.mode() + "'");
        }
    }

    private static Classification toClassification(ModeVerdict verdict, Classification ruling, Request request) {
        Mode mode = Mode.fromId(verdict.mode());
        double confidence = confidence(verdict.confidence());
        String reason = "model: " + (verdict.reason() == null || verdict.reason().isBlank()
                ? mode.id() : verdict.reason().strip().lines().findFirst().orElse(mode.id()));
        if (mode == Mode.AMBIGUOUS) {
            String question = ruling.clarifyingQuestion().orElse(request.hasAttachment()
                    ? RuleBasedClassifier.CODE_QUESTION : RuleBasedClassifier.OPEN_QUESTION);
            return Classification.ambiguous(confidence, reason, question);
        }
        return Classification.decided(mode, confidence, reason);
    }

    /** 0..1 as given; 1..100 read as percent; anything else the default. */
    static double confidence(Double raw) {
        if (raw == null || raw.isNaN() || raw < 0) {
            return DEFAULT_CONFIDENCE;
        }
        if (raw <= 1.0) {
            return raw;
        }
        if (raw <= 100.0) {
            return raw / 100.0;
        }
        return DEFAULT_CONFIDENCE;
    }

    private static Classification keep(Classification ruling, String why) {
        return new Classification(ruling.mode(), ruling.confidence(), ruling.reason() + "; " + why, ruling.question());
    }

    private static String describe(Classification ruling) {
        return String.format(Locale.ROOT, "%s with confidence %.2f (%s)",
                ruling.mode().name(), ruling.confidence(), ruling.reason());
    }
}
