package dev.aioskill.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Which findings to keep: {@code --select} and {@code --ignore} by rule id ({@code AIO101}), id prefix
 * ({@code AIO1}, {@code AIO10}) or rule name ({@code blocking-sleep}). An empty selection keeps every
 * rule; ignore wins over select. AIO000 (the file does not parse) is kept under any selection, as the
 * Python checker's own CLI does: a file no rule could look at must not pass for clean. Only
 * {@code --ignore} silences it.
 */
public final class RuleFilter {

    private static final Pattern ID_PREFIX = Pattern.compile("AIO\\d{0,3}");
    private static final String SYNTAX_RULE = "AIO000";
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]*");

    private final List<String> select;
    private final List<String> ignore;

    private RuleFilter(List<String> select, List<String> ignore) {
        this.select = select;
        this.ignore = ignore;
    }

    /** Keeps everything. */
    public static RuleFilter all() {
        return new RuleFilter(List.of(), List.of());
    }

    /**
     * Parses selectors; each entry may itself be comma-separated ({@code AIO1,AIO200}).
     *
     * @throws IllegalArgumentException for a selector that is neither an id prefix nor a rule name
     */
    public static RuleFilter of(List<String> select, List<String> ignore) {
        return new RuleFilter(parse(select), parse(ignore));
    }

    private static List<String> parse(List<String> raw) {
        List<String> out = new ArrayList<>();
        for (String entry : raw == null ? List.<String>of() : raw) {
            for (String part : entry.split(",")) {
                String selector = part.strip();
                if (selector.isEmpty()) {
                    continue;
                }
                String upper = selector.toUpperCase(Locale.ROOT);
                if (ID_PREFIX.matcher(upper).matches()) {
                    out.add(upper);
                } else if (NAME.matcher(selector).matches()) {
                    out.add(selector);
                } else {
                    throw new IllegalArgumentException("'" + selector + "' is not a rule selector; use a rule id (AIO101), "
                            + "an id prefix (AIO1) or a rule name (blocking-sleep)");
                }
            }
        }
        return List.copyOf(out);
    }

    public boolean keeps(Finding finding) {
        boolean selected = select.isEmpty() || SYNTAX_RULE.equals(finding.rule()) || matchesAny(select, finding);
        return selected && !matchesAny(ignore, finding);
    }

    public List<Finding> apply(List<Finding> findings) {
        return findings.stream().filter(this::keeps).toList();
    }

    private static boolean matchesAny(List<String> selectors, Finding finding) {
        for (String selector : selectors) {
            if (finding.rule().startsWith(selector) || selector.equals(finding.name())) {
                return true;
            }
        }
        return false;
    }
}
