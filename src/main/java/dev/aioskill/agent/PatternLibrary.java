package dev.aioskill.agent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The offline engine's tested build patterns, read from the classpath: {@code patterns/index.json}
 * lists the ids in order (a jar cannot list a directory), and each id has {@code patterns/<id>/}
 * holding {@code pattern.json}, {@code <id>.py} and {@code test_<id>.py}. Loaded eagerly and
 * immutable, so one instance is safe to share between threads.
 */
public final class PatternLibrary {

    /** Classpath root of the patterns. */
    public static final String ROOT = "patterns/";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static volatile PatternLibrary cached;

    private final List<BuildPattern> patterns;
    private final Map<String, BuildPattern> byId;

    private PatternLibrary(List<BuildPattern> patterns) {
        this.patterns = List.copyOf(patterns);
        Map<String, BuildPattern> index = new LinkedHashMap<>();
        for (BuildPattern pattern : patterns) {
            if (index.put(pattern.id(), pattern) != null) {
                throw new PatternLibraryException("pattern '" + pattern.id() + "' is listed twice in "
                        + ROOT + "index.json; remove the duplicate");
            }
        }
        this.byId = Collections.unmodifiableMap(index);
    }

    /** The library packaged with this class, loaded once. */
    public static PatternLibrary load() {
        PatternLibrary library = cached;
        if (library == null) {
            synchronized (PatternLibrary.class) {
                library = cached;
                if (library == null) {
                    library = load(PatternLibrary.class.getClassLoader());
                    cached = library;
                }
            }
        }
        return library;
    }

    /** The library found through {@code loader}; fails with a message naming the broken file. */
    public static PatternLibrary load(ClassLoader loader) {
        JsonNode index = readJson(loader, ROOT + "index.json");
        JsonNode ids = index.path("patterns");
        if (!ids.isArray() || ids.isEmpty()) {
            throw new PatternLibraryException(ROOT + "index.json must hold a non-empty \"patterns\" array of ids");
        }
        List<BuildPattern> patterns = new ArrayList<>();
        for (JsonNode id : ids) {
            patterns.add(loadPattern(loader, id.asText()));
        }
        return new PatternLibrary(patterns);
    }

    /** Every pattern, in index order. */
    public List<BuildPattern> all() {
        return patterns;
    }

    /** The pattern with this id, if there is one. */
    public Optional<BuildPattern> byId(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** The ids, in index order. */
    public List<String> ids() {
        return List.copyOf(byId.keySet());
    }

    private static BuildPattern loadPattern(ClassLoader loader, String id) {
        if (!id.matches("[a-z][a-z0-9_]*")) {
            throw new PatternLibraryException("pattern id '" + id + "' in " + ROOT
                    + "index.json is not a Python module name; use lower case letters, digits and _");
        }
        String dir = ROOT + id + "/";
        JsonNode json = readJson(loader, dir + "pattern.json");
        String declared = text(json, "id", dir);
        if (!declared.equals(id)) {
            throw new PatternLibraryException(dir + "pattern.json declares id '" + declared
                    + "' but lives under '" + id + "'; make them equal");
        }
        String title = text(json, "title", dir);
        String summary = text(json, "summary", dir);
        JsonNode keywords = json.path("keywords");
        BuildPattern.Keywords words = new BuildPattern.Keywords(
                strings(keywords, "primary", dir, true),
                strings(keywords, "secondary", dir, false),
                strings(keywords, "negative", dir, false));
        Map<String, String> combines = new LinkedHashMap<>();
        json.path("combines_with").fields().forEachRemaining(e -> combines.put(e.getKey(), e.getValue().asText()));
        return new BuildPattern(
                id,
                title,
                summary,
                words,
                strings(json, "chapters", dir, true),
                text(json, "approach", dir),
                text(json, "concurrency", dir),
                text(json, "shutdown", dir),
                text(json, "testing", dir),
                combines,
                readText(loader, dir + id + ".py"),
                readText(loader, dir + "test_" + id + ".py"));
    }

    private static String text(JsonNode json, String field, String dir) {
        JsonNode node = json.path(field);
        if (!node.isTextual() || node.asText().isBlank()) {
            throw new PatternLibraryException(dir + "pattern.json needs a non-empty string field \"" + field + "\"");
        }
        return node.asText();
    }

    private static List<String> strings(JsonNode json, String field, String dir, boolean required) {
        JsonNode node = json.path(field);
        if (node.isMissingNode() && !required) {
            return List.of();
        }
        if (!node.isArray() || (required && node.isEmpty())) {
            throw new PatternLibraryException(dir + "pattern.json needs " + (required ? "a non-empty" : "an")
                    + " array of strings \"" + field + "\"");
        }
        List<String> values = new ArrayList<>();
        node.forEach(value -> values.add(value.asText()));
        return values;
    }

    private static JsonNode readJson(ClassLoader loader, String resource) {
        try {
            return JSON.readTree(readText(loader, resource));
        } catch (JsonProcessingException e) {
            throw new PatternLibraryException(resource + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static String readText(ClassLoader loader, String resource) {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new PatternLibraryException(resource + " is not on the classpath; rebuild the jar (mvn package)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new PatternLibraryException("cannot read " + resource + ": " + e.getMessage(), e);
        }
    }
}
