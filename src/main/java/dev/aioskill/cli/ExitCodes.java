package dev.aioskill.cli;

/** The exit codes every subcommand shares. */
public final class ExitCodes {
    /** Success, nothing to report. */
    public static final int OK = 0;
    /** Findings (a file that does not parse is a finding), failing tests. */
    public static final int FINDINGS = 1;
    /** Bad usage, an unreadable path, a configuration error. Wins over FINDINGS. */
    public static final int USAGE = 2;
    /** A sandboxed run was refused (fail closed). */
    public static final int REFUSED = 3;

    private ExitCodes() {}
}
