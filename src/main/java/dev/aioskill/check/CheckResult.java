package dev.aioskill.check;

import java.util.List;

/**
 * What checking one source gave: its findings, or why it could not be checked (a timeout, a crashed
 * worker, an unreadable file). A file that does not parse is not an error: it has an AIO000 finding.
 *
 * @param path     the path the findings name
 * @param findings the findings in the checker's order (line, column, rule); empty on error
 * @param error    null when the source was checked, else a one-line reason
 */
public record CheckResult(String path, List<Finding> findings, String error) {

    public CheckResult {
        findings = List.copyOf(findings);
    }

    public static CheckResult checked(String path, List<Finding> findings) {
        return new CheckResult(path, findings, null);
    }

    public static CheckResult failed(String path, String error) {
        return new CheckResult(path, List.of(), error);
    }

    /** True when the source could not be checked; {@link #error()} says why. */
    public boolean failed() {
        return error != null;
    }
}
