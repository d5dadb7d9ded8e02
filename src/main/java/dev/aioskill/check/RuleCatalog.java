package dev.aioskill.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every rule the checker knows, read once from {@code python -m aioskill_checker --rules --format json}
 * (which generates it from the rule docstrings, so it cannot drift from the code).
 */
public final class RuleCatalog {

    private static final Map<Path, RuleCatalog> LOADED = new ConcurrentHashMap<>();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final String checkerVersion;
    private final Map<String, RuleInfo> byId;
    private final Map<String, String> helpUris;

    RuleCatalog(String checkerVersion, List<RuleInfo> rules, Map<String, String> helpUris) {
        this.checkerVersion = checkerVersion;
        Map<String, RuleInfo> map = new LinkedHashMap<>();
        rules.forEach(rule -> map.put(rule.id(), rule));
        this.byId = Collections.unmodifiableMap(map);
        this.helpUris = Map.copyOf(helpUris);
    }

    /** The catalog of the checker this pool runs; loaded once per unpacked checker and kept. */
    public static RuleCatalog load(AsyncChecker checker) {
        WorkerLaunch launch = checker.launch();
        return LOADED.computeIfAbsent(launch.checkerDir(), dir -> {
            Path saved = savedCatalog(dir);
            try {
                if (Files.isRegularFile(saved)) {
                    return parse(Files.readString(saved, StandardCharsets.UTF_8));
                }
            } catch (IOException | CheckerException e) {
                // A damaged saved copy is ignored and written again below.
            }
            String json = CheckerScript.run(launch, launch.moduleCommand("--rules", "--format", "json"), dir, new byte[0], TIMEOUT);
            RuleCatalog catalog = parse(json);
            save(saved, json);
            return catalog;
        });
    }

    /**
     * The catalog depends only on the checker's files, and the unpacked checker directory is named by their
     * content hash, so the catalog is saved beside it once; later processes skip starting Python for it.
     */
    static Path savedCatalog(Path checkerDir) {
        return checkerDir.resolveSibling(checkerDir.getFileName() + ".rules.json");
    }

    private static void save(Path target, String json) {
        try {
            Path temp = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".tmp");
            Files.writeString(temp, json, StandardCharsets.UTF_8);
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            // Saving is an optimisation only: the next process runs the checker again.
        }
    }

    /** Reads the checker's catalog JSON: {@code {"version": ..., "rules": [{"id", "name", ...}]}}. */
    static RuleCatalog parse(String json) {
        try {
            JsonNode root = new ObjectMapper().readTree(json);
            List<RuleInfo> rules = new ArrayList<>();
            Map<String, String> helpUris = new LinkedHashMap<>();
            for (JsonNode entry : root.path("rules")) {
                String id = required(entry, "id");
                rules.add(new RuleInfo(
                        id,
                        required(entry, "name"),
                        Severity.fromId(required(entry, "severity")),
                        Category.fromId(required(entry, "category")),
                        entry.path("chapter").asText(""),
                        entry.path("what").asText(""),
                        entry.path("why").asText(""),
                        codeOf(entry.path("example").asText("")),
                        codeOf(entry.path("use_instead").asText("")),
                        entry.path("not_flagged").asText(""),
                        entry.path("fix").asText("")));
                if (entry.hasNonNull("help_uri")) {
                    helpUris.put(id, entry.get("help_uri").asText());
                }
            }
            if (rules.isEmpty()) {
                throw new CheckerException("the checker's rule catalog is empty; the packaged checker is broken, rebuild aioskill");
            }
            return new RuleCatalog(root.path("version").asText("unknown"), rules, helpUris);
        } catch (IOException | IllegalArgumentException e) {
            throw new CheckerException("cannot read the checker's rule catalog: " + e.getMessage(), e);
        }
    }

    /** The docstrings hold their examples as fenced Markdown; RuleInfo carries the code alone. */
    static String codeOf(String section) {
        String text = section.strip();
        if (!text.startsWith("```")) {
            return text;
        }
        int firstNewline = text.indexOf('\n');
        int closing = text.lastIndexOf("```");
        if (firstNewline < 0 || closing <= firstNewline) {
            return text;
        }
        return text.substring(firstNewline + 1, closing).stripTrailing();
    }

    private static String required(JsonNode entry, String key) {
        JsonNode value = entry.get(key);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new IllegalArgumentException("a rule entry has no '" + key + "': " + entry);
        }
        return value.asText();
    }

    /** All rules, in the checker's order (by id). */
    public List<RuleInfo> rules() {
        return List.copyOf(byId.values());
    }

    /** The rule with this id ({@code AIO101}, any case). */
    public Optional<RuleInfo> find(String id) {
        return Optional.ofNullable(byId.get(id.trim().toUpperCase(Locale.ROOT)));
    }

    /** Where the rule's documentation lives, when the checker names it. */
    public Optional<String> helpUri(String id) {
        return Optional.ofNullable(helpUris.get(id.trim().toUpperCase(Locale.ROOT)));
    }

    /** The checker's own version string ({@code aioskill_checker.__version__}). */
    public String checkerVersion() {
        return checkerVersion;
    }
}
