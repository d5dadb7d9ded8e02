package dev.aioskill.review;

import dev.aioskill.check.Category;
import dev.aioskill.check.Finding;
import dev.aioskill.check.RuleInfo;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Turns a checker {@link Finding} into a {@link ReviewFinding}: the problem is the checker's message about this
 * very code followed by the rule's documented "why", the fix is the rule's fix text with its "Use instead"
 * code as the snippet. Used by the offline engine for its draft and by grounding for the findings it adds.
 */
public final class RuleExplainer {

    private static final Pattern RUNS_OF_WHITESPACE = Pattern.compile("\\s+");

    private final RuleDocs docs;

    public RuleExplainer(RuleDocs docs) {
        this.docs = Objects.requireNonNull(docs, "rule docs");
    }

    public RuleDocs docs() {
        return docs;
    }

    /**
     * @param finding a checker finding
     * @param source  the file it was found in (for the quoted line)
     * @param origin  who reports it in the review
     */
    public ReviewFinding explain(Finding finding, SourceText source, Origin origin) {
        Optional<RuleInfo> info = finding.category() == Category.SYNTAX ? Optional.empty() : docs.find(finding.rule());
        int start = Math.max(1, finding.line());
        int end = Math.max(start, Math.min(finding.endLine(), source.lineCount()));
        Location location = new Location(finding.path(), start, end, source.line(start).strip());

        String problem = sentence(finding.message());
        String why = info.map(RuleInfo::why).map(RuleExplainer::oneParagraph).orElse("");
        if (!why.isEmpty() && !problem.contains(why)) {
            problem = problem.isEmpty() ? why : problem + " " + why;
        }
        String fix = firstNonBlank(finding.fix(), info.map(RuleInfo::fix).orElse(null));
        if (finding.category() == Category.SYNTAX) {
            fix = firstNonBlank(fix, "Fix the syntax error so the file parses, then review it again.");
        }
        String snippet = info.map(RuleInfo::useInstead).map(RuleExplainer::dedent).orElse(null);
        String chapter = firstNonBlank(finding.chapter(), info.map(RuleInfo::chapter).orElse(null));
        String title = firstNonBlank(finding.name(), info.map(RuleInfo::name).orElse(finding.rule()));
        return new ReviewFinding(finding.rule(), title, finding.category(), chapter, finding.severity(), location,
                problem, fix, snippet, origin);
    }

    static String oneParagraph(String text) {
        return text == null ? "" : RUNS_OF_WHITESPACE.matcher(text.strip()).replaceAll(" ");
    }

    private static String sentence(String text) {
        String s = capitaliseProse(oneParagraph(text));
        if (s.isEmpty() || s.endsWith(".") || s.endsWith("!") || s.endsWith("?") || s.endsWith(":")) {
            return s;
        }
        return s + ".";
    }

    /** "the task is lost" becomes "The task is lost"; a message opening with code ("time.sleep(1) ...") is left alone. */
    static String capitaliseProse(String s) {
        int space = s.indexOf(' ');
        String first = space < 0 ? s : s.substring(0, space);
        if (!first.isEmpty() && first.chars().allMatch(Character::isLowerCase)) {
            return Character.toUpperCase(s.charAt(0)) + s.substring(1);
        }
        return s;
    }

    private static String firstNonBlank(String a, String b) {
        return a != null && !a.isBlank() ? a.strip() : b == null ? "" : b.strip();
    }

    /** Docstring examples carry the docstring's indentation; a snippet should start at column 0. */
    static String dedent(String code) {
        if (code == null || code.isBlank()) {
            return null;
        }
        String[] lines = code.replace("\r\n", "\n").split("\n", -1);
        int indent = Integer.MAX_VALUE;
        for (String line : lines) {
            if (!line.isBlank()) {
                int i = 0;
                while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
                    i++;
                }
                indent = Math.min(indent, i);
            }
        }
        StringBuilder out = new StringBuilder();
        for (String line : lines) {
            out.append(line.isBlank() ? "" : line.substring(indent)).append('\n');
        }
        return out.toString().strip().isEmpty() ? null : out.toString().replaceAll("^\\n+", "").stripTrailing();
    }
}
