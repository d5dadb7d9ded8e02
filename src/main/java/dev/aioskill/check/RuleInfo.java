package dev.aioskill.check;

/**
 * One rule of the checker's catalog, as its docstring documents it (see RULES.md and
 * {@code python3 -m aioskill_checker --rules --format json}).
 *
 * @param id          e.g. {@code AIO100}
 * @param name        e.g. {@code blocking-sleep}
 * @param severity    default severity
 * @param category    review section
 * @param chapter     book chapter(s), e.g. {@code Ch 2-3}
 * @param whatItDoes  "What it does"
 * @param why         "Why is this bad?"
 * @param example     "Example": code that is flagged
 * @param useInstead  "Use instead": the corrected code
 * @param notFlagged  "Not flagged": the near misses left alone
 * @param fix         the one-line fix text findings carry
 */
public record RuleInfo(
        String id,
        String name,
        Severity severity,
        Category category,
        String chapter,
        String whatItDoes,
        String why,
        String example,
        String useInstead,
        String notFlagged,
        String fix) {}
