package dev.aioskill.sandbox;

import java.util.Locale;

/** How a sandboxed run ended, from the caller's point of view. */
public enum TestStatus {
    /** Tests were collected and every one passed (skips allowed). */
    PASSED,
    /** At least one test failed. */
    FAILED,
    /** Nothing trustworthy ran: collection or import error, no test collected, pytest crashed or was killed. */
    ERROR,
    /** The wall-clock timeout was reached and the sandbox was killed. */
    TIMEOUT,
    /** The run did not start: the sandbox cannot isolate it here (fail closed). */
    REFUSED;

    /** The lower-case name used in JSON and text output. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
