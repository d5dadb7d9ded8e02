package dev.aioskill.config;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The credentials this process knows of, so that log output can mask them. Values shorter than
 * six characters are not registered: masking them would garble ordinary words.
 */
public final class Secrets {

    private static final Set<String> KNOWN = ConcurrentHashMap.newKeySet();

    /** OpenAI and Slack credential shapes, masked even when they were never registered. */
    private static final Pattern SHAPES =
            Pattern.compile("\\b(sk-[A-Za-z0-9_\\-]{16,}|xox[abposr]-[A-Za-z0-9\\-]{10,}|xapp-[A-Za-z0-9\\-]{10,})");

    private Secrets() {}

    public static void register(String value) {
        if (value != null && value.strip().length() >= 6) {
            KNOWN.add(value.strip());
        }
    }

    /** The text with every known secret and every credential-shaped token replaced by {@code ****}. */
    public static String mask(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String masked = text;
        for (String secret : KNOWN) {
            if (masked.contains(secret)) {
                masked = masked.replace(secret, "****");
            }
        }
        return SHAPES.matcher(masked).replaceAll("****");
    }
}
