package dev.aioskill.agent;

/**
 * Where the model pipelines say what they are doing ("checking the draft... 2 findings, repairing..."), for
 * a terminal that wants to show progress. Only prose: code and reviews are never passed here, because
 * nothing is shown before it is grounded or verified.
 */
@FunctionalInterface
public interface Progress {

    /** Ignores every step. */
    Progress NONE = step -> { };

    /** One short step, in words. */
    void report(String step);
}
