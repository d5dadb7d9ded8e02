package dev.aioskill.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Configuration read from the process environment and an optional {@code .env} file in the working
 * directory. The environment wins over the file. Values of secret keys are registered with
 * {@link Secrets} so that no log line can show them.
 */
public final class Settings {

    public static final String OPENAI_API_KEY = "OPENAI_API_KEY";
    public static final String OPENAI_BASE_URL = "OPENAI_BASE_URL";
    public static final String AIOSKILL_MODEL = "AIOSKILL_MODEL";
    public static final String AIOSKILL_PYTHON = "AIOSKILL_PYTHON";
    public static final String SLACK_BOT_TOKEN = "SLACK_BOT_TOKEN";
    public static final String SLACK_APP_TOKEN = "SLACK_APP_TOKEN";
    public static final String SLACK_SIGNING_SECRET = "SLACK_SIGNING_SECRET";

    /** Keys whose values are credentials: never printed, never logged. */
    public static final Set<String> SECRET_KEYS =
            Set.of(OPENAI_API_KEY, SLACK_BOT_TOKEN, SLACK_APP_TOKEN, SLACK_SIGNING_SECRET);

    private final Map<String, String> values;

    private Settings(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        values.forEach((key, value) -> {
            if (SECRET_KEYS.contains(key)) {
                Secrets.register(value);
            }
        });
    }

    /** The environment of this process plus {@code ./.env}, the environment winning. */
    public static Settings load() {
        return load(System.getenv(), Path.of(".env"));
    }

    /** Settings from the given environment plus the given dotenv file (absent file: ignored). */
    public static Settings load(Map<String, String> environment, Path dotenv) {
        Map<String, String> merged = new LinkedHashMap<>();
        if (dotenv != null && Files.isRegularFile(dotenv)) {
            merged.putAll(parseDotenv(dotenv));
        }
        environment.forEach((key, value) -> {
            if (value != null) {
                merged.put(key, value);
            }
        });
        return new Settings(merged);
    }

    /** Settings made of exactly these values (tests, embedding apps). */
    public static Settings of(Map<String, String> values) {
        return new Settings(values);
    }

    /** A non-blank value, trimmed. */
    public Optional<String> get(String key) {
        String value = values.get(key);
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(value.trim());
    }

    public String getOrDefault(String key, String fallback) {
        return get(key).orElse(fallback);
    }

    /** True when a model is configured: an API key or a base URL (OpenAI-compatible local servers need no key). */
    public boolean hasModel() {
        return get(OPENAI_API_KEY).isPresent() || get(OPENAI_BASE_URL).isPresent();
    }

    /**
     * The directory aioskill caches into (the unpacked checker, check results, interpreter facts):
     * {@code AIOSKILL_CACHE_DIR}, else {@code $XDG_CACHE_HOME/aioskill}, else {@code ~/.cache/aioskill}.
     */
    public Path cacheRoot() {
        return get("AIOSKILL_CACHE_DIR").map(Path::of)
                .or(() -> get("XDG_CACHE_HOME").map(dir -> Path.of(dir, "aioskill")))
                .orElseGet(() -> Path.of(System.getProperty("user.home"), ".cache", "aioskill"))
                .toAbsolutePath();
    }

    /** Never shows secret values. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("Settings{");
        for (String key : new String[] {OPENAI_API_KEY, OPENAI_BASE_URL, AIOSKILL_MODEL, AIOSKILL_PYTHON}) {
            out.append(key).append('=');
            if (get(key).isEmpty()) {
                out.append("<unset>");
            } else if (SECRET_KEYS.contains(key)) {
                out.append("<set>");
            } else {
                out.append(get(key).get());
            }
            out.append(", ");
        }
        return out.append('}').toString().replace(", }", "}");
    }

    /**
     * Reads KEY=VALUE lines. Blank lines and lines starting with # are skipped, an optional leading
     * {@code export } is accepted, and one pair of matching quotes around the value is removed.
     */
    static Map<String, String> parseDotenv(Path file) {
        Map<String, String> result = new LinkedHashMap<>();
        try {
            for (String raw : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String line = raw.strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                if (line.startsWith("export ")) {
                    line = line.substring("export ".length()).strip();
                }
                int eq = line.indexOf('=');
                if (eq <= 0) {
                    continue;
                }
                String key = line.substring(0, eq).strip();
                String value = line.substring(eq + 1).strip();
                if (value.length() >= 2
                        && (value.startsWith("\"") && value.endsWith("\"")
                                || value.startsWith("'") && value.endsWith("'"))) {
                    value = value.substring(1, value.length() - 1);
                } else {
                    int comment = value.indexOf(" #");
                    if (comment >= 0) {
                        value = value.substring(0, comment).strip();
                    }
                }
                result.put(key, value);
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new ConfigurationException("cannot read " + file + ": " + e.getMessage());
        }
        return result;
    }
}
