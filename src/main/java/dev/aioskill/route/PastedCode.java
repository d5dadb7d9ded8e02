package dev.aioskill.route;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The code a chat or Slack message carries, for the review path of {@code ask}: the fenced blocks when
 * there are any (blocks tagged with another language, such as {@code bash}, are skipped), otherwise the
 * longest run of lines that look like Python, with common indentation removed.
 */
public final class PastedCode {

    private static final Pattern FENCE_OPEN = Pattern.compile("^\\s*(```|~~~)\\s*([\\w+-]*).*$");
    private static final Pattern OTHER_LANGUAGES = Pattern.compile(
            "(?i)bash|sh|shell|console|text|txt|json|ya?ml|toml|ini|sql|diff|html|xml|js|javascript|ts|java|go|rust");

    private PastedCode() {}

    /** The code in the message, or empty when it holds none. */
    public static Optional<String> extract(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String[] lines = text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
        List<String> fenced = fencedBlocks(lines);
        if (!fenced.isEmpty()) {
            return Optional.of(String.join("\n\n", fenced).stripTrailing() + "\n");
        }
        return unfenced(text);
    }

    private static List<String> fencedBlocks(String[] lines) {
        List<String> blocks = new ArrayList<>();
        StringBuilder current = null;
        String marker = null;
        boolean keep = false;
        for (String line : lines) {
            var open = FENCE_OPEN.matcher(line);
            if (current == null && open.matches()) {
                marker = open.group(1);
                keep = open.group(2).isEmpty() || !OTHER_LANGUAGES.matcher(open.group(2)).matches();
                current = new StringBuilder();
            } else if (current != null && line.strip().startsWith(marker)) {
                if (keep && !current.toString().isBlank()) {
                    blocks.add(dedent(current.toString()));
                }
                current = null;
            } else if (current != null) {
                current.append(line).append('\n');
            }
        }
        if (current != null && keep && !current.toString().isBlank()) {
            blocks.add(dedent(current.toString())); // an unclosed fence runs to the end of the message
        }
        return blocks;
    }

    /** Without fences: from the first line the classifier's rules read as code to the end, minus trailing prose. */
    private static Optional<String> unfenced(String text) {
        RequestText split = RequestText.split(text);
        if (!split.hasCode()) {
            return Optional.empty();
        }
        String[] lines = text.replace("\r\n", "\n").split("\n", -1);
        int first = -1;
        int last = -1;
        for (int i = 0; i < lines.length; i++) {
            if (RequestText.isCodeLine(lines[i])) {
                if (first < 0) {
                    first = i;
                }
                last = i;
            }
        }
        if (first < 0) {
            return Optional.empty();
        }
        StringBuilder code = new StringBuilder();
        for (int i = first; i <= last; i++) {
            code.append(lines[i]).append('\n');
        }
        return Optional.of(dedent(code.toString()));
    }

    /** Removes the indentation every non-blank line shares, as Python's textwrap.dedent does. */
    static String dedent(String block) {
        String[] lines = block.split("\n", -1);
        int common = Integer.MAX_VALUE;
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            int indent = 0;
            while (indent < line.length() && (line.charAt(indent) == ' ' || line.charAt(indent) == '\t')) {
                indent++;
            }
            common = Math.min(common, indent);
        }
        if (common == Integer.MAX_VALUE || common == 0) {
            return block;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            out.append(line.isBlank() ? "" : line.substring(common));
            if (i < lines.length - 1) {
                out.append('\n');
            }
        }
        return out.toString();
    }
}
