package dev.aioskill.agent;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The words of a request (or of a keyword phrase), each with a crude stem, so "fetching", "fetches"
 * and "fetch" meet, and "retries", "retried", "retrying" and "retry" too. Package-private: only the
 * selector needs it.
 *
 * <p>Tokens are maximal runs of {@code [a-z0-9_*]} after lower-casing, so {@code asyncio.to_thread}
 * gives {@code asyncio} and {@code to_thread}, {@code fan-out} gives {@code fan} and {@code out}, and
 * {@code except*} stays one token. {@link #stem} then strips one suffix.
 */
record RequestWords(List<String> originals, List<String> stems) {

    RequestWords {
        originals = List.copyOf(originals);
        stems = List.copyOf(stems);
    }

    static RequestWords of(String text) {
        List<String> originals = new ArrayList<>();
        List<String> stems = new ArrayList<>();
        String lower = text.toLowerCase(Locale.ROOT);
        int start = -1;
        for (int i = 0; i <= lower.length(); i++) {
            boolean wordChar = i < lower.length() && isWordChar(lower.charAt(i));
            if (wordChar && start < 0) {
                start = i;
            } else if (!wordChar && start >= 0) {
                // Keep the user's spelling for the reason text, match on the stem.
                originals.add(text.substring(start, i));
                stems.add(stem(lower.substring(start, i)));
                start = -1;
            }
        }
        return new RequestWords(originals, stems);
    }

    boolean isEmpty() {
        return stems.isEmpty();
    }

    int size() {
        return stems.size();
    }

    /** Index where {@code phrase}'s stems occur as consecutive words, or -1. */
    int find(RequestWords phrase) {
        List<String> needle = phrase.stems;
        if (needle.isEmpty()) {
            return -1;
        }
        outer:
        for (int i = 0; i + needle.size() <= stems.size(); i++) {
            for (int j = 0; j < needle.size(); j++) {
                if (!stems.get(i + j).equals(needle.get(j))) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** The request's own words from {@code from} (inclusive) to {@code to} (exclusive). */
    String original(int from, int to) {
        return String.join(" ", originals.subList(from, to));
    }

    /**
     * A deliberately small stemmer: words of up to three letters are kept; otherwise the first rule
     * that applies strips a suffix: {@code -ies/-ied -> -y}, {@code -ing}, {@code -ed} (then a doubled
     * final consonant other than l, s, z is undoubled: stopped, running), {@code -ly},
     * {@code -es}, {@code -s} (not -ss, -us, -is); finally a trailing {@code e} is dropped, so
     * "scrape"/"scraping" and "file"/"files" meet.
     */
    static String stem(String word) {
        int n = word.length();
        if (n <= 3) {
            return word;
        }
        String s;
        if ((word.endsWith("ies") || word.endsWith("ied")) && n > 4) {
            s = word.substring(0, n - 3) + "y";
        } else if (word.endsWith("ing") && n > 5) {
            s = undouble(word.substring(0, n - 3));
        } else if (word.endsWith("ed") && n > 4) {
            s = undouble(word.substring(0, n - 2));
        } else if (word.endsWith("ly") && n > 6) {
            s = word.substring(0, n - 2);
        } else if (word.endsWith("es") && n > 4) {
            s = word.substring(0, n - 2);
        } else if (word.endsWith("s") && !word.endsWith("ss") && !word.endsWith("us") && !word.endsWith("is")) {
            s = word.substring(0, n - 1);
        } else {
            s = word;
        }
        if (s.endsWith("e") && s.length() > 3) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }

    private static String undouble(String s) {
        int n = s.length();
        if (n >= 3 && s.charAt(n - 1) == s.charAt(n - 2) && "aeioulsz".indexOf(s.charAt(n - 1)) < 0) {
            return s.substring(0, n - 1);
        }
        return s;
    }

    private static boolean isWordChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '*';
    }
}
