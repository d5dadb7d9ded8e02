package dev.aioskill.agent;

import dev.aioskill.config.ConfigurationException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Turns the base URL a user wrote into the one the OpenAI SDK wants. The SDK appends
 * {@code chat/completions} to whatever it is given, so the base must end in the API version:
 * {@code http://host:port}, {@code http://host:port/v1}, {@code http://host:port/v1/} and
 * {@code http://host:port/prefix/v1} all become a base whose requests reach {@code .../v1/chat/completions}
 * exactly once. Ollama's OpenAI-compatible endpoint ({@code http://127.0.0.1:11434/v1}) is one of these.
 */
public final class BaseUrls {

    /** OpenAI's own endpoint, used when only a key is configured. */
    public static final String OPENAI = "https://api.openai.com/v1";

    /** A path segment naming an API version: v1, v2, v1beta (Gemini's compatibility path has one mid-path). */
    private static final Pattern VERSION_SEGMENT = Pattern.compile("(^|/)v\\d+[a-z0-9]*(/|$)");

    private BaseUrls() {}

    /**
     * The normalised base URL: no trailing slash, and {@code /v1} appended when the path names no API
     * version at all (an empty path or a bare proxy prefix).
     *
     * @throws ConfigurationException when the value is not an http(s) URL with a host, or carries a
     *     user name or password (a key belongs in OPENAI_API_KEY, where it is kept out of logs)
     */
    public static String normalise(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new ConfigurationException("OPENAI_BASE_URL is empty; set it to e.g. http://127.0.0.1:11434/v1 or unset it");
        }
        String text = raw.strip();
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new ConfigurationException("OPENAI_BASE_URL is not a URL: '" + text + "'; expected an http:// or https:// URL such as http://127.0.0.1:11434/v1");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw new ConfigurationException("OPENAI_BASE_URL must be an http:// or https:// URL with a host, was '"
                    + text + "'; expected e.g. http://127.0.0.1:11434/v1");
        }
        if (uri.getRawUserInfo() != null) {
            throw new ConfigurationException(
                    "OPENAI_BASE_URL must not carry a user name or password; put the key in OPENAI_API_KEY");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new ConfigurationException("OPENAI_BASE_URL must not have a query or fragment, was '" + text + "'");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        if (!VERSION_SEGMENT.matcher(path.toLowerCase(Locale.ROOT)).find()) {
            path = path + "/v1";
        }
        return scheme + "://" + uri.getRawAuthority() + path;
    }
}
