package dev.aioskill.route;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A request's text split into the prose the user wrote and the code they pasted. Words inside code
 * ("import", "fix" in a comment, "check_health()") must not count as the user's intent, so the
 * classifier reads only the prose and uses the code as a yes/no signal.
 *
 * @param prose        the lines that are not code, in order
 * @param codeEvidence how code was recognised ("fenced block", "indented code", "Python lines"); empty
 *                     when the text holds no code
 */
record RequestText(String prose, Set<String> codeEvidence) {

    private static final Pattern FENCE = Pattern.compile("^\\s*(```|~~~).*$");

    /** Unindented lines that are Python rather than prose; each alternative is anchored and strict. */
    private static final Pattern PYTHON_LINE = Pattern.compile(String.join("|",
            "^(async\\s+)?def\\s+\\w+\\s*\\(.*$",
            "^class\\s+\\w+\\s*(\\(.*\\))?\\s*:\\s*$",
            "^import\\s+[\\w.]+(\\s+as\\s+\\w+)?(\\s*,\\s*[\\w.]+)*\\s*$",
            "^from\\s+[\\w.]+\\s+import\\s+[\\w*(), ]+$",
            "^await\\s+[\\w.]+\\s*\\(.*$",
            "^@[\\w.]+(\\(.*\\))?\\s*$",
            "^(async\\s+)?(with|for)\\s+.+:\\s*$",
            "^(try|finally|else)\\s*:\\s*$",
            "^except\\b.*:\\s*$",
            "^while\\s+.+:\\s*$",
            "^[A-Za-z_]\\w*(\\.\\w+)*\\s*(\\[[^\\]]*\\])?\\s*=\\s*[\\w\\[({'\"].*$",
            "^[A-Za-z_]\\w*(\\.[A-Za-z_]\\w*)*\\(.*\\)\\s*$"));

    /** Indented lines count as code only when they look like Python, not like an indented sentence. */
    private static final Pattern CODE_ISH = Pattern.compile(
            "(^\\s*(async|def|await|return|import|from|for|while|with|if|elif|else|try|except|finally|raise|"
                    + "yield|pass|class|print)\\b)|[=()\\[\\]{}]|:\\s*$");

    static RequestText split(String text) {
        String[] lines = text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
        List<String> prose = new ArrayList<>();
        Set<String> evidence = new LinkedHashSet<>();
        boolean inFence = false;
        for (String line : lines) {
            if (FENCE.matcher(line).matches()) {
                inFence = !inFence;
                evidence.add("fenced block");
                continue;
            }
            if (inFence) {
                continue;
            }
            if (isIndented(line) && CODE_ISH.matcher(line).find()) {
                evidence.add("indented code");
            } else if (PYTHON_LINE.matcher(line.strip()).matches() && !line.isBlank()) {
                evidence.add("Python lines");
            } else {
                prose.add(line);
            }
        }
        return new RequestText(String.join("\n", prose).strip(), Collections.unmodifiableSet(evidence));
    }

    /** Whether one line, outside any fence, reads as code by the same rules {@link #split} uses. */
    static boolean isCodeLine(String line) {
        if (line.isBlank()) {
            return false;
        }
        return isIndented(line) && CODE_ISH.matcher(line).find() || PYTHON_LINE.matcher(line.strip()).matches();
    }

    boolean hasCode() {
        return !codeEvidence.isEmpty();
    }

    private static boolean isIndented(String line) {
        return line.startsWith("    ") || line.startsWith("\t");
    }
}
