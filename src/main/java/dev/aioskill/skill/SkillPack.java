package dev.aioskill.skill;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packaged skill: SKILL.md (front matter and body), the reference files SKILL.md names, and the
 * prompt templates, all read from the classpath ({@code references/} and {@code prompts/}), so the jar
 * carries the whole skill. Immutable and safe to share.
 */
public final class SkillPack {

    /** The prompt templates every pack must have. */
    public static final List<String> PROMPTS = List.of("system", "classify", "review", "build");

    private static final Pattern REFERENCE_MENTION = Pattern.compile("references/([A-Za-z0-9_.\\-]+\\.md)");
    private static volatile SkillPack cached;

    private final FrontMatter frontMatter;
    private final String body;
    private final List<ReferenceSection> skillSections;
    private final Map<String, String> references;
    private final ReferenceIndex index;
    private final Map<String, PromptTemplate> prompts;
    private final String source;

    private SkillPack(FrontMatter frontMatter, String body, Map<String, String> references,
            Map<String, PromptTemplate> prompts, String source) {
        this.frontMatter = frontMatter;
        this.body = body;
        this.skillSections = ReferenceIndex.build(List.of(new ReferenceIndex.ReferenceFile("SKILL.md", body))).sections();
        this.references = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(references));
        List<ReferenceIndex.ReferenceFile> files = new ArrayList<>();
        references.forEach((name, text) -> files.add(new ReferenceIndex.ReferenceFile(name, text)));
        this.index = ReferenceIndex.build(files);
        this.prompts = Map.copyOf(prompts);
        this.source = source;
    }

    /** The pack on this class's classpath, loaded once. */
    public static SkillPack load() {
        SkillPack pack = cached;
        if (pack == null) {
            synchronized (SkillPack.class) {
                pack = cached;
                if (pack == null) {
                    pack = load(SkillPack.class.getClassLoader());
                    cached = pack;
                }
            }
        }
        return pack;
    }

    /** The pack found through the given class loader. */
    public static SkillPack load(ClassLoader loader) {
        URL skillUrl = loader.getResource("references/SKILL.md");
        if (skillUrl == null) {
            throw new SkillPackException("references/SKILL.md is not on the classpath; rebuild the jar (mvn package)");
        }
        FrontMatter.Parsed parsed = FrontMatter.split(read(loader, "references/SKILL.md"));
        Map<String, String> references = new LinkedHashMap<>();
        for (String name : mentionedReferences(parsed.body())) {
            references.put(name, read(loader, "references/" + name));
        }
        Map<String, PromptTemplate> prompts = new LinkedHashMap<>();
        for (String name : PROMPTS) {
            prompts.put(name, new PromptTemplate(name, read(loader, "prompts/" + name + ".md")));
        }
        return new SkillPack(parsed.frontMatter(), parsed.body(), references, prompts, skillUrl.toString());
    }

    /** Reference file names in the order SKILL.md first mentions them. */
    static Set<String> mentionedReferences(String body) {
        Set<String> names = new LinkedHashSet<>();
        Matcher matcher = REFERENCE_MENTION.matcher(body);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    private static String read(ClassLoader loader, String resource) {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new SkillPackException(resource + " is missing from the skill pack; rebuild the jar (mvn package)");
            }
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(in.readAllBytes()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new SkillPackException(resource + " is not valid UTF-8");
        } catch (IOException e) {
            throw new SkillPackException("cannot read " + resource + ": " + e.getMessage());
        }
    }

    public FrontMatter frontMatter() {
        return frontMatter;
    }

    /** SKILL.md without its front matter. */
    public String body() {
        return body;
    }

    /**
     * A section of SKILL.md's body by the start of its heading, e.g. {@code "Mode 2"} or
     * {@code "General Guidelines"}; the first level-1 heading holds the whole body.
     */
    public Optional<String> skillSection(String headingStart) {
        return skillSections.stream()
                .filter(section -> section.heading().startsWith(headingStart))
                .map(ReferenceSection::text)
                .findFirst();
    }

    /** The text of one reference file by name ({@code api_reference.md}). */
    public Optional<String> reference(String fileName) {
        return Optional.ofNullable(references.get(fileName));
    }

    /** Reference file names, as SKILL.md names them. */
    public Set<String> referenceFiles() {
        return references.keySet();
    }

    public ReferenceIndex index() {
        return index;
    }

    /** One section of the references by topic; an unknown topic lists the topics instead of failing. */
    public ReferenceLookup readReference(String topic) {
        return index.lookup(topic);
    }

    public PromptTemplate prompt(String name) {
        PromptTemplate template = prompts.get(name);
        if (template == null) {
            throw new IllegalArgumentException("no prompt named '" + name + "'; prompts: " + prompts.keySet());
        }
        return template;
    }

    /** Where SKILL.md was loaded from (a {@code jar:} URL when running from the jar). */
    public String source() {
        return source;
    }
}
