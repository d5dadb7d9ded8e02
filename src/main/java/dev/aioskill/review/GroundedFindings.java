package dev.aioskill.review;

import java.util.List;

/**
 * The outcome of {@link Grounding}: findings that all point at real code, in review order, and the counts of
 * what was changed to get there.
 */
public record GroundedFindings(List<ReviewFinding> findings, GroundingStats stats) {

    public GroundedFindings {
        findings = List.copyOf(findings);
    }
}
