package dev.aioskill.route;

import java.util.ArrayList;
import java.util.List;

/**
 * A list of keywords matched against {@link Words}. One notation keeps the lists readable:
 * {@code "fix"} is an exact word, {@code "optimi*"} a word prefix, {@code "look over"} consecutive words
 * (the last may end in {@code *}), and an entry in a script without spaces ({@code "看看"}) a substring.
 */
final class Keywords {

    /** Where a keyword matched: the entry as written and the index of its first word (-1 for substrings). */
    record Hit(String keyword, int index) {}

    private record Entry(String written, String[] parts, boolean substring) {}

    private final List<Entry> entries = new ArrayList<>();

    Keywords(String... keywords) {
        for (String keyword : keywords) {
            String normalized = Words.normalize(keyword);
            boolean substring = normalized.codePoints().anyMatch(Keywords::isUnspacedScript);
            entries.add(new Entry(keyword, normalized.split(" "), substring));
        }
    }

    /** All entries that occur, in list order, each once (its first occurrence). */
    List<Hit> find(Words words) {
        List<Hit> hits = new ArrayList<>();
        for (Entry entry : entries) {
            if (entry.substring()) {
                if (words.normalized().contains(entry.parts()[0])) {
                    hits.add(new Hit(entry.written(), -1));
                }
                continue;
            }
            int at = indexOf(entry.parts(), words);
            if (at >= 0) {
                hits.add(new Hit(entry.written(), at));
            }
        }
        return hits;
    }

    /** Exact single-word entries of at least {@code minLength} letters, the candidates for typo matching. */
    List<String> plainWords(int minLength) {
        List<String> plain = new ArrayList<>();
        for (Entry entry : entries) {
            String only = entry.parts()[0];
            if (!entry.substring() && entry.parts().length == 1 && !only.endsWith("*") && only.length() >= minLength) {
                plain.add(only);
            }
        }
        return plain;
    }

    private static int indexOf(String[] parts, Words words) {
        for (int start = 0; start + parts.length <= words.size(); start++) {
            boolean all = true;
            for (int k = 0; k < parts.length && all; k++) {
                all = matchesPart(parts[k], words.get(start + k));
            }
            if (all) {
                return start;
            }
        }
        return -1;
    }

    private static boolean matchesPart(String part, String token) {
        if (part.endsWith("*")) {
            return token.startsWith(part.substring(0, part.length() - 1));
        }
        return token.equals(part);
    }

    private static boolean isUnspacedScript(int codePoint) {
        Character.UnicodeScript script = Character.UnicodeScript.of(codePoint);
        return script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
                || script == Character.UnicodeScript.KATAKANA || script == Character.UnicodeScript.THAI;
    }
}
