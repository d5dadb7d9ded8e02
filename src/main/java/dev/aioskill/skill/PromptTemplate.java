package dev.aioskill.skill;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A prompt file with named slots written {@code {{slot_name}}}. Rendering fills every slot; a missing or an
 * unknown value is a programming error and fails at once, so a prompt never ships with a hole in it.
 */
public final class PromptTemplate {

    private static final Pattern SLOT = Pattern.compile("\\{\\{\\s*([a-z][a-z0-9_]*)\\s*}}");

    private final String name;
    private final String text;
    private final Set<String> slots;

    public PromptTemplate(String name, String text) {
        this.name = name;
        this.text = text;
        Set<String> found = new LinkedHashSet<>();
        Matcher matcher = SLOT.matcher(text);
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        this.slots = Set.copyOf(found);
    }

    public String name() {
        return name;
    }

    /** The slot names this template needs. */
    public Set<String> slots() {
        return slots;
    }

    /** The template with each {@code {{slot}}} replaced by its value, inserted literally. */
    public String render(Map<String, String> values) {
        for (String slot : slots) {
            if (!values.containsKey(slot) || values.get(slot) == null) {
                throw new IllegalArgumentException("prompt '" + name + "' needs a value for slot '" + slot + "'");
            }
        }
        for (String key : values.keySet()) {
            if (!slots.contains(key)) {
                throw new IllegalArgumentException("prompt '" + name + "' has no slot '" + key + "'");
            }
        }
        Matcher matcher = SLOT.matcher(text);
        StringBuilder out = new StringBuilder(text.length() + 256);
        while (matcher.find()) {
            matcher.appendReplacement(out, Matcher.quoteReplacement(values.get(matcher.group(1))));
        }
        matcher.appendTail(out);
        return out.toString();
    }
}
