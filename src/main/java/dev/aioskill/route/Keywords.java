package dev.aioskill.route;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A list of keywords matched against {@link Words}. One notation keeps the lists readable:
 * {@code "fix"} is an exact word, {@code "optimi*"} a word prefix, {@code "look over"} consecutive words
 * (the last may end in {@code *}), and an entry in a script without spaces ({@code "看看"}) a substring.
 * Entries are indexed by their first word so a request costs one map lookup per word, not one per entry.
 */
final class Keywords {

    /** Where a keyword matched: the entry as written and the index of its first word (-1 for substrings). */
    record Hit(String keyword, int index) {}

    private record Entry(int order, String written, String[] parts) {}

    private final Map<String, List<Entry>> byFirstWord = new HashMap<>();
    private final List<Entry> prefixFirst = new ArrayList<>();
    private final List<Entry> substrings = new ArrayList<>();
    private final List<String> plainWords = new ArrayList<>();

    Keywords(String... keywords) {
        for (int i = 0; i < keywords.length; i++) {
            String normalized = Words.normalize(keywords[i]);
            Entry entry = new Entry(i, keywords[i], normalized.split(" "));
            if (normalized.codePoints().anyMatch(Keywords::isUnspacedScript)) {
                substrings.add(entry);
            } else if (entry.parts()[0].endsWith("*")) {
                prefixFirst.add(entry);
            } else {
                byFirstWord.computeIfAbsent(entry.parts()[0], k -> new ArrayList<>()).add(entry);
                if (entry.parts().length == 1) {
                    plainWords.add(entry.parts()[0]);
                }
            }
        }
    }

    /** All entries that occur, in list order, each once (its first occurrence). */
    List<Hit> find(Words words) {
        Hit[] found = new Hit[entryCount()];
        for (int start = 0; start < words.size(); start++) {
            String token = words.get(start);
            List<Entry> candidates = byFirstWord.get(token);
            if (candidates != null) {
                for (Entry entry : candidates) {
                    record(found, entry, words, start);
                }
            }
            for (Entry entry : prefixFirst) {
                record(found, entry, words, start);
            }
        }
        for (Entry entry : substrings) {
            if (found[entry.order()] == null && words.normalized().contains(entry.parts()[0])) {
                found[entry.order()] = new Hit(entry.written(), -1);
            }
        }
        List<Hit> hits = new ArrayList<>();
        for (Hit hit : found) {
            if (hit != null) {
                hits.add(hit);
            }
        }
        return hits;
    }

    /** Exact single-word entries of at least {@code minLength} letters, the candidates for typo matching. */
    List<String> plainWords(int minLength) {
        return plainWords.stream().filter(w -> w.length() >= minLength).toList();
    }

    private int entryCount() {
        int count = prefixFirst.size() + substrings.size();
        for (List<Entry> list : byFirstWord.values()) {
            count += list.size();
        }
        return count;
    }

    private static void record(Hit[] found, Entry entry, Words words, int start) {
        if (found[entry.order()] != null || start + entry.parts().length > words.size()) {
            return;
        }
        for (int k = 0; k < entry.parts().length; k++) {
            if (!matchesPart(entry.parts()[k], words.get(start + k))) {
                return;
            }
        }
        found[entry.order()] = new Hit(entry.written(), start);
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
