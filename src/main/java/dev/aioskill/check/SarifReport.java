package dev.aioskill.check;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * SARIF 2.1.0 for findings, rendered by the Python checker's own {@code aioskill_checker.sarif.to_sarif}
 * so that aioskill has exactly one SARIF implementation (the one its tests run the SARIF validator on).
 * Artifact URIs are made relative to {@code workingDirectory}.
 */
public final class SarifReport {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String RENDER = "import json; from aioskill_checker.sarif import to_sarif; "
            + "json.dump(to_sarif(json.load(sys.stdin)), sys.stdout, indent=2, ensure_ascii=False); print()";

    private SarifReport() {}

    public static String render(AsyncChecker checker, List<Finding> findings, Path workingDirectory) {
        byte[] input;
        try {
            input = new ObjectMapper().writeValueAsBytes(findings);
        } catch (JsonProcessingException e) {
            throw new CheckerException("cannot encode findings for SARIF: " + e.getMessage(), e);
        }
        WorkerLaunch launch = checker.launch();
        return CheckerScript.run(launch, launch.scriptCommand(RENDER), workingDirectory, input, TIMEOUT);
    }
}
