package dev.aioskill.skill;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The YAML front matter of SKILL.md. Only the subset skills use is read: {@code key: value} pairs and
 * folded ({@code >}) or literal ({@code |}) block scalars made of indented lines.
 *
 * @param name        the skill's id, e.g. {@code using-asyncio-python}
 * @param description when the skill applies (folded into one paragraph)
 * @param fields      every key read, in file order
 */
public record FrontMatter(String name, String description, Map<String, String> fields) {

    public FrontMatter {
        fields = Map.copyOf(fields);
    }

    /** Splits a document into front matter and body; a document without front matter is all body. */
    static Parsed split(String document) {
        String text = document.startsWith("\uFEFF") ? document.substring(1) : document;
        List<String> lines = text.lines().toList();
        if (lines.isEmpty() || !lines.get(0).strip().equals("---")) {
            throw new SkillPackException("SKILL.md has no front matter: it must start with a line '---'");
        }
        int end = -1;
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).strip().equals("---")) {
                end = i;
                break;
            }
        }
        if (end < 0) {
            throw new SkillPackException("SKILL.md front matter is not closed by a line '---'");
        }
        Map<String, String> fields = parseFields(lines.subList(1, end));
        String name = fields.get("name");
        String description = fields.get("description");
        if (name == null || name.isBlank() || description == null || description.isBlank()) {
            throw new SkillPackException("SKILL.md front matter needs both 'name' and 'description'");
        }
        String body = String.join("\n", lines.subList(end + 1, lines.size())).strip() + "\n";
        return new Parsed(new FrontMatter(name, description, fields), body);
    }

    private static Map<String, String> parseFields(List<String> lines) {
        Map<String, String> fields = new LinkedHashMap<>();
        int i = 0;
        while (i < lines.size()) {
            String line = lines.get(i);
            if (line.isBlank() || line.stripLeading().startsWith("#") || Character.isWhitespace(line.charAt(0))) {
                i++;
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                i++;
                continue;
            }
            String key = line.substring(0, colon).strip();
            String value = line.substring(colon + 1).strip();
            i++;
            if (value.equals(">") || value.equals(">-") || value.equals("|") || value.equals("|-")) {
                List<String> block = new ArrayList<>();
                while (i < lines.size() && (lines.get(i).isBlank() || Character.isWhitespace(lines.get(i).charAt(0)))) {
                    block.add(lines.get(i).strip());
                    i++;
                }
                String joiner = value.startsWith(">") ? " " : "\n";
                value = String.join(joiner, block).strip();
            } else if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
                    || value.startsWith("'") && value.endsWith("'"))) {
                value = value.substring(1, value.length() - 1);
            }
            fields.put(key, value);
        }
        return fields;
    }

    record Parsed(FrontMatter frontMatter, String body) {}
}
