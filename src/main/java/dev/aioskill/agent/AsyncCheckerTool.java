package dev.aioskill.agent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aioskill.check.AsyncChecker;
import dev.aioskill.check.CheckResult;
import dev.aioskill.check.Finding;
import java.util.Objects;

/**
 * The model's {@code check_async_code} on the project's checker: the code is checked as {@code app.py}
 * and the findings come back as a compact JSON array (rule, severity, line, col, message, fix), the
 * fields a model needs to repair a draft; {@code []} when clean.
 */
public final class AsyncCheckerTool implements CodeChecker {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final AsyncChecker checker;

    public AsyncCheckerTool(AsyncChecker checker) {
        this.checker = Objects.requireNonNull(checker, "checker");
    }

    @Override
    public String checkAsJson(String code) {
        CheckResult result = checker.check("app.py", code);
        if (result.failed()) {
            return JSON.createObjectNode().put("error", result.error()).toString();
        }
        ArrayNode findings = JSON.createArrayNode();
        for (Finding finding : result.findings()) {
            ObjectNode node = findings.addObject()
                    .put("rule", finding.rule())
                    .put("severity", finding.severity().name().toLowerCase(java.util.Locale.ROOT))
                    .put("line", finding.line())
                    .put("col", finding.col())
                    .put("message", finding.message());
            if (finding.fix() != null && !finding.fix().isBlank()) {
                node.put("fix", finding.fix());
            }
        }
        try {
            return JSON.writeValueAsString(findings);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write findings as JSON", e);
        }
    }
}
