package dev.aioskill.sandbox;

import java.util.List;
import java.util.Optional;

/**
 * Turns what a run left behind (the JUnit XML if any, the exit code, the output) into a status and
 * a one-line message. The rules: a timeout is a timeout; no report, a collection error, no test
 * collected, or only skipped tests are errors (nothing was verified); otherwise any failure makes it
 * failed, any error makes it error, and only all-passed is passed.
 */
record RunVerdict(TestStatus status, List<TestCaseResult> cases, String message) {

    private static final int SIGKILL = 9;
    private static final int SIGXCPU = 24;

    RunVerdict {
        cases = List.copyOf(cases);
    }

    int count(String outcome) {
        return (int) cases.stream().filter(c -> c.outcome().equals(outcome)).count();
    }

    static RunVerdict timeout(Optional<JUnitReport> report, SandboxLimits limits) {
        return new RunVerdict(TestStatus.TIMEOUT, report.map(JUnitReport::cases).orElse(List.of()),
                "wall-clock timeout of " + seconds(limits) + " reached; the sandbox and every process in it were killed");
    }

    static RunVerdict of(Optional<JUnitReport> maybeReport, int exitCode, String output, SandboxLimits limits) {
        if (maybeReport.isEmpty()) {
            return new RunVerdict(TestStatus.ERROR, List.of(), noReport(exitCode, output, limits));
        }
        JUnitReport report = maybeReport.get();
        List<TestCaseResult> cases = report.cases();
        if (!report.collectionFailure().isEmpty()) {
            return new RunVerdict(TestStatus.ERROR, cases, "the tests could not be collected: " + keyLine(report.collectionFailure()));
        }
        if (cases.isEmpty()) {
            return new RunVerdict(TestStatus.ERROR, cases, "no tests collected; test files are named test_*.py and test functions test_*");
        }
        long failed = report.count(TestCaseResult.FAILED);
        long errors = report.count(TestCaseResult.ERROR);
        long passed = report.count(TestCaseResult.PASSED);
        if (failed > 0) {
            return new RunVerdict(TestStatus.FAILED, cases, failed + " of " + cases.size() + " tests failed");
        }
        if (errors > 0) {
            TestCaseResult first = cases.stream().filter(c -> c.outcome().equals(TestCaseResult.ERROR)).findFirst().orElseThrow();
            return new RunVerdict(TestStatus.ERROR, cases, errors + " test(s) errored, first " + first.name() + ": " + keyLine(first.message()));
        }
        if (passed == 0) {
            return new RunVerdict(TestStatus.ERROR, cases, "every test was skipped; nothing was verified");
        }
        if (exitCode != 0) {
            return new RunVerdict(TestStatus.ERROR, cases, "the report shows no failure but pytest exited with "
                    + exitDescription(exitCode, limits) + ": " + keyLine(output));
        }
        return new RunVerdict(TestStatus.PASSED, cases, "");
    }

    private static String noReport(int exitCode, String output, SandboxLimits limits) {
        String last = keyLine(output);
        return "pytest wrote no report (" + exitDescription(exitCode, limits) + ")" + (last.isEmpty() ? "" : ": " + last);
    }

    /** The exit code in words; the sandbox passes on 128 + N for a process killed by signal N. */
    static String exitDescription(int exitCode, SandboxLimits limits) {
        if (exitCode > 128) {
            int signal = exitCode - 128;
            if (signal == SIGXCPU) {
                return "killed by SIGXCPU: the CPU limit of " + limits.cpuSeconds() + " s was reached";
            }
            if (signal == SIGKILL) {
                return "killed by SIGKILL (the CPU hard limit of " + (limits.cpuSeconds() + 1)
                        + " s, or a kill from inside the run)";
            }
            return "killed by signal " + signal;
        }
        return switch (exitCode) {
            case 1 -> "exit code 1, tests failed";
            case 2 -> "exit code 2, interrupted";
            case 3 -> "exit code 3, internal error";
            case 4 -> "exit code 4, usage error";
            case 5 -> "exit code 5, no tests collected";
            default -> "exit code " + exitCode;
        };
    }

    /** The line that says most: pytest's last "E   ..." line, else the last non-blank one. */
    static String keyLine(String text) {
        String lastE = "";
        String lastLine = "";
        for (String line : text.split("\n")) {
            String stripped = line.strip();
            if (stripped.isEmpty() || stripped.startsWith("[aioskill: output cut")) {
                continue;
            }
            lastLine = stripped;
            if (stripped.startsWith("E ")) {
                lastE = stripped.substring(1).strip();
            }
        }
        String line = lastE.isEmpty() ? lastLine : lastE;
        return line.length() > 300 ? line.substring(0, 300) + "..." : line;
    }

    private static String seconds(SandboxLimits limits) {
        long millis = limits.wallTimeout().toMillis();
        return millis % 1000 == 0 ? (millis / 1000) + " s" : (millis / 1000.0) + " s";
    }
}
