package dev.aioskill.route;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The prose of a request as lower-case words without accents ("Écris" and "ecris" match the same
 * keyword), plus the whole normalised string for scripts written without spaces (Chinese, Japanese).
 */
record Words(List<String> tokens, String normalized) {

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}_']+");
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");

    Words {
        tokens = List.copyOf(tokens);
    }

    static Words of(String prose) {
        String normalized = normalize(prose);
        List<String> tokens = new ArrayList<>();
        Matcher m = WORD.matcher(normalized);
        while (m.find()) {
            String token = trimQuotes(m.group());
            if (!token.isEmpty()) {
                tokens.add(token);
            }
        }
        return new Words(tokens, normalized);
    }

    private static String trimQuotes(String token) {
        int from = 0;
        int to = token.length();
        while (from < to && token.charAt(from) == '\'') {
            from++;
        }
        while (to > from && token.charAt(to - 1) == '\'') {
            to--;
        }
        return token.substring(from, to);
    }

    /** Lower case, curly apostrophes made straight, accents dropped; keywords go through the same. */
    static String normalize(String text) {
        String lower = text.toLowerCase(Locale.ROOT).replace('\u2019', '\'').replace('\u2018', '\'');
        return MARKS.matcher(Normalizer.normalize(lower, Normalizer.Form.NFD)).replaceAll("");
    }

    int size() {
        return tokens.size();
    }

    String get(int index) {
        return tokens.get(index);
    }

    boolean isEmpty() {
        return tokens.isEmpty();
    }
}
