package dev.aioskill.review;

import java.util.Optional;

/**
 * The checker's rule families, one per block of ten ids in RULES.md (new rules take the next free number in
 * their block, so the block is a stable key). A clean review names them to say what was looked for.
 */
public enum RuleFamily {
    BLOCKING(100, 109, "blocking calls in coroutines (sleep, HTTP, file I/O, subprocesses, database and socket drivers, input, thread waits)"),
    TASKS(110, 119, "coroutine and task misuse (unawaited coroutines, dangling tasks, nested event loops, gather errors, unbounded fan-out, busy waits)"),
    LOOP(120, 129, "event loop management"),
    TIMEOUTS(130, 139, "missing timeouts"),
    CANCELLATION(140, 149, "cancellation handling"),
    RESOURCES(150, 159, "async resources (sessions, clients, files, pools)"),
    LIFECYCLE(160, 179, "start-up, shutdown and threads");

    private final int first;
    private final int last;
    private final String description;

    RuleFamily(int first, int last, String description) {
        this.first = first;
        this.last = last;
        this.description = description;
    }

    public String description() {
        return description;
    }

    /** The family of a rule id such as {@code AIO113}; empty for AIO000 and ids outside the catalog's blocks. */
    public static Optional<RuleFamily> of(String ruleId) {
        if (ruleId == null || !ruleId.matches("AIO\\d{3}")) {
            return Optional.empty();
        }
        int n = Integer.parseInt(ruleId.substring(3));
        for (RuleFamily f : values()) {
            if (n >= f.first && n <= f.last) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }
}
