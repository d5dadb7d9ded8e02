package dev.aioskill.review;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aioskill.check.RuleInfo;
import dev.aioskill.check.Severity;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reviews as one SARIF 2.1.0 run, shaped for GitHub code scanning: tool driver {@code aioskill} with a rule
 * per rule id that occurs (id, name, shortDescription, fullDescription, help, helpUri, default level), and a
 * result per finding (ruleId, ruleIndex, level, message, a location with a relative URI and a region).
 * Findings on a model topic that no checker rule covers use the rule id {@value #MODEL_RULE_ID}. The engine
 * line is in the run's properties ({@code aioskill/engine}).
 */
public final class SarifRenderer implements ReviewRenderer {

    /** The rule id of findings a model raised on a topic no checker rule covers. */
    public static final String MODEL_RULE_ID = "AIO-MODEL";
    /**
     * The rule docs generated from the checker's docstrings (docs/rules.md); each rule's helpUri is this
     * plus its id in lower case, the same anchors the checker's own SARIF uses.
     */
    /** The project's home, the driver's informationUri (as in the checker's SARIF). */
    public static final String INFORMATION_URI = "https://github.com/aioskill/aioskill";

    public static final String DEFAULT_HELP_BASE = "https://github.com/aioskill/aioskill/blob/main/docs/rules.md#";

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final RuleDocs docs;
    private final Path baseDirectory;
    private final String helpBase;
    private final String toolVersion;

    /**
     * @param docs          rule documentation for descriptions and help (may be {@link RuleDocs#none()})
     * @param baseDirectory paths under it become URIs relative to it (the repository root in CI)
     * @param helpBase      prefix of each rule's helpUri, to which the rule id in lower case is appended
     */
    public SarifRenderer(RuleDocs docs, Path baseDirectory, String helpBase) {
        this.docs = Objects.requireNonNull(docs, "rule docs");
        this.baseDirectory = baseDirectory.toAbsolutePath().normalize();
        this.helpBase = helpBase;
        String version = SarifRenderer.class.getPackage().getImplementationVersion();
        this.toolVersion = version == null ? "0.1.0-dev" : version;
    }

    /** Relative to the working directory, with the default help location. */
    public SarifRenderer(RuleDocs docs) {
        this(docs, Path.of(""), DEFAULT_HELP_BASE);
    }

    @Override
    public String render(Review review) {
        return renderAll(List.of(review));
    }

    @Override
    public String renderAll(List<Review> reviews) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
        root.put("version", "2.1.0");
        ObjectNode run = root.putArray("runs").addObject();

        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", "aioskill");
        driver.put("version", toolVersion);
        driver.put("semanticVersion", toolVersion);
        driver.put("informationUri", INFORMATION_URI);

        // Rules sorted by id so the output is stable; results point at them by index.
        TreeMap<String, ReviewFinding> ruleExamples = new TreeMap<>();
        for (Review review : reviews) {
            for (ReviewFinding f : review.findings()) {
                ruleExamples.putIfAbsent(ruleId(f), f);
            }
        }
        List<String> ruleIds = List.copyOf(ruleExamples.keySet());
        ArrayNode rules = driver.putArray("rules");
        ruleExamples.forEach((id, example) -> rules.add(ruleDescriptor(id, example)));

        ArrayNode results = run.putArray("results");
        Set<String> engineLines = new LinkedHashSet<>();
        for (Review review : reviews) {
            engineLines.add(review.engineLine());
            for (ReviewFinding f : review.findings()) {
                results.add(result(f, ruleIds.indexOf(ruleId(f))));
            }
        }
        run.putObject("properties").put("aioskill/engine", String.join(" ", engineLines));
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write SARIF", e);
        }
    }

    private static String ruleId(ReviewFinding f) {
        return f.rule() == null ? MODEL_RULE_ID : f.rule();
    }

    private ObjectNode ruleDescriptor(String id, ReviewFinding example) {
        ObjectNode rule = MAPPER.createObjectNode();
        rule.put("id", id);
        Optional<RuleInfo> info = MODEL_RULE_ID.equals(id) ? Optional.empty() : docs.find(id);
        if (MODEL_RULE_ID.equals(id)) {
            rule.put("name", "model-topic");
            rule.putObject("shortDescription").put("text", "An issue the model's review raised that no checker rule covers");
            rule.putObject("fullDescription").put("text",
                    "The reviewing model reported this on a topic outside the checker's rules; its line and quoted code were verified against the file.");
            rule.putObject("help").put("text", "Read the result's message for the topic, the problem and the fix.");
        } else {
            rule.put("name", info.map(RuleInfo::name).orElse(example.title()));
            String shortText = info.map(RuleInfo::whatItDoes).map(SarifRenderer::firstSentence)
                    .filter(s -> !s.isEmpty()).orElse(example.title());
            rule.putObject("shortDescription").put("text", shortText);
            String why = info.map(RuleInfo::why).map(RuleExplainer::oneParagraph).orElse("");
            rule.putObject("fullDescription").put("text", why.isEmpty() ? shortText : why);
            String fix = info.map(RuleInfo::fix).filter(s -> !s.isBlank()).orElse(example.fix());
            String useInstead = info.map(RuleInfo::useInstead).map(RuleExplainer::dedent).orElse(null);
            ObjectNode help = rule.putObject("help");
            help.put("text", fix + (useInstead == null ? "" : "\n\n" + useInstead));
            help.put("markdown", fix + (useInstead == null ? "" : "\n\n```python\n" + useInstead + "\n```"));
        }
        rule.put("helpUri", helpBase + id.toLowerCase(java.util.Locale.ROOT));
        Severity severity = info.map(RuleInfo::severity).orElse(example.severity());
        rule.putObject("defaultConfiguration").put("level", level(severity));
        ObjectNode props = rule.putObject("properties");
        props.put("category", example.category().title());
        props.put("chapter", info.map(RuleInfo::chapter).orElse(example.chapter()));
        props.putArray("tags").add("asyncio").add(example.category().title());
        return rule;
    }

    private ObjectNode result(ReviewFinding f, int ruleIndex) {
        ObjectNode result = MAPPER.createObjectNode();
        result.put("ruleId", ruleId(f));
        result.put("ruleIndex", ruleIndex);
        result.put("level", level(f.severity()));
        String message = (f.rule() == null ? f.title() + ": " : "") + f.problem()
                + (f.fix().isEmpty() ? "" : " Fix: " + f.fix());
        result.putObject("message").put("text", message);
        ObjectNode physical = result.putArray("locations").addObject().putObject("physicalLocation");
        physical.putObject("artifactLocation").put("uri", relativeUri(f.location().path()));
        ObjectNode region = physical.putObject("region");
        int start = Math.max(1, f.location().startLine());
        region.put("startLine", start);
        region.put("endLine", Math.max(start, f.location().endLine()));
        if (!f.location().quote().isEmpty()) {
            region.putObject("snippet").put("text", f.location().quote());
        }
        ObjectNode props = result.putObject("properties");
        props.put("category", f.category().title());
        props.put("chapter", f.chapter());
        props.put("origin", f.origin().id());
        return result;
    }

    static String level(Severity severity) {
        return switch (severity) {
            case ERROR -> "error";
            case WARNING -> "warning";
            case SUGGESTION -> "note";
        };
    }

    /** A URI relative to the base directory when the file is under it; paths are given as the user typed them. */
    String relativeUri(String path) {
        String relative = path;
        try {
            Path p = Path.of(path);
            Path absolute = p.toAbsolutePath().normalize();
            if (absolute.startsWith(baseDirectory)) {
                relative = baseDirectory.relativize(absolute).toString();
            } else if (p.isAbsolute()) {
                return absolute.toUri().toString();
            }
        } catch (InvalidPathException e) {
            // Not a file system path (e.g. "<stdin>"): encode it as it is.
        }
        relative = relative.replace('\\', '/');
        try {
            return new URI(null, null, relative, null).getRawPath();
        } catch (URISyntaxException e) {
            return relative;
        }
    }

    private static String firstSentence(String text) {
        String s = RuleExplainer.oneParagraph(text);
        int end = s.indexOf(". ");
        return end < 0 ? s : s.substring(0, end + 1);
    }
}
