package dev.aioskill.agent;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the JSON object in a model's answer, which may wrap it in a code fence or in prose
 * ("Here is the review: {...} Let me know..."). Only finds; parsing is Jackson's job.
 */
final class LenientJson {

    private static final Pattern FENCE = Pattern.compile("```[A-Za-z0-9_-]*\\s*\\n?(.*?)```", Pattern.DOTALL);

    private LenientJson() {}

    /**
     * The outermost JSON object in the text: inside the first code fence that holds one, else in the
     * whole text. Empty when there is no opening brace at all.
     *
     * @throws IllegalArgumentException when an object opens but never closes (a cut-off answer)
     */
    static Optional<String> outermostObject(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher fence = FENCE.matcher(text);
        while (fence.find()) {
            Optional<String> inFence = scan(fence.group(1));
            if (inFence.isPresent()) {
                return inFence;
            }
        }
        return scan(text);
    }

    private static Optional<String> scan(String text) {
        int start = text.indexOf('{');
        if (start < 0) {
            return Optional.empty();
        }
        int depth = 0;
        boolean inString = false;
        boolean escaped = false;
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inString) {
                if (escaped) {
                    escaped = false;
                } else if (c == '\\') {
                    escaped = true;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{') {
                depth++;
            } else if (c == '}') {
                depth--;
                if (depth == 0) {
                    return Optional.of(text.substring(start, i + 1));
                }
            }
        }
        throw new IllegalArgumentException("the JSON object opened at character " + start + " is never closed");
    }
}
