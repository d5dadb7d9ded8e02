package dev.aioskill.skill;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The reference files cut at their headings, so one section can be read by topic. Headings inside
 * fenced code blocks (a Python comment starts with '#') are not headings.
 */
public final class ReferenceIndex {

    private final List<ReferenceSection> sections;

    private ReferenceIndex(List<ReferenceSection> sections) {
        this.sections = List.copyOf(sections);
    }

    static ReferenceIndex build(List<ReferenceFile> files) {
        List<ReferenceSection> all = new ArrayList<>();
        for (ReferenceFile file : files) {
            all.addAll(sectionsOf(file.name(), file.text()));
        }
        return new ReferenceIndex(all);
    }

    public List<ReferenceSection> sections() {
        return sections;
    }

    /** Topic ids of the level 2 and 3 headings, in file order, without repeats. */
    public List<String> topics() {
        Set<String> topics = new LinkedHashSet<>();
        for (ReferenceSection section : sections) {
            if (section.level() >= 2 && section.level() <= 3) {
                topics.add(section.topic());
            }
        }
        return List.copyOf(topics);
    }

    /**
     * The section that best matches the topic: an exact topic id first; else the section whose heading
     * holds every word of the query (a query word may be the start of a heading word, so "cancel" finds
     * "Cancellation"), preferring the heading with the fewest other words, then file order.
     */
    public ReferenceLookup lookup(String query) {
        String wanted = query == null ? "" : topicId(query);
        if (wanted.isEmpty()) {
            return new ReferenceLookup(query == null ? "" : query, Optional.empty(), topics());
        }
        for (ReferenceSection section : sections) {
            if (section.topic().equals(wanted)) {
                return new ReferenceLookup(query, Optional.of(section), topics());
            }
        }
        List<String> queryWords = Arrays.asList(wanted.split("-"));
        Optional<ReferenceSection> best = sections.stream()
                .filter(section -> coversAll(section.topic(), queryWords))
                .min(Comparator.comparingInt((ReferenceSection s) -> s.topic().split("-").length)
                        .thenComparingInt(sections::indexOf));
        return new ReferenceLookup(query, best, topics());
    }

    private static boolean coversAll(String topic, List<String> queryWords) {
        String[] headingWords = topic.split("-");
        for (String word : queryWords) {
            boolean hit = false;
            for (String headingWord : headingWords) {
                if (headingWord.equals(word) || (word.length() >= 4 && headingWord.startsWith(word))) {
                    hit = true;
                    break;
                }
            }
            if (!hit) {
                return false;
            }
        }
        return true;
    }

    /** "Cancellation & shield()" becomes {@code cancellation-shield}. */
    static String topicId(String heading) {
        String lower = heading.toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder();
        boolean dash = false;
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            if (Character.isLetterOrDigit(c) || c == '_') {
                if (dash && out.length() > 0) {
                    out.append('-');
                }
                out.append(c);
                dash = false;
            } else {
                dash = true;
            }
        }
        return out.toString();
    }

    private static List<ReferenceSection> sectionsOf(String file, String text) {
        List<String> lines = text.lines().toList();
        List<int[]> headings = new ArrayList<>(); // {line index, level}
        boolean inFence = false;
        String fence = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            String stripped = line.stripLeading();
            if (stripped.startsWith("```") || stripped.startsWith("~~~")) {
                String marker = stripped.substring(0, 3);
                if (!inFence) {
                    inFence = true;
                    fence = marker;
                } else if (marker.equals(fence)) {
                    inFence = false;
                }
                continue;
            }
            if (!inFence && line.startsWith("#")) {
                int level = 0;
                while (level < line.length() && line.charAt(level) == '#') {
                    level++;
                }
                if (level <= 6 && level < line.length() && line.charAt(level) == ' ') {
                    headings.add(new int[] {i, level});
                }
            }
        }
        List<ReferenceSection> result = new ArrayList<>();
        for (int h = 0; h < headings.size(); h++) {
            int start = headings.get(h)[0];
            int level = headings.get(h)[1];
            int end = lines.size();
            for (int next = h + 1; next < headings.size(); next++) {
                if (headings.get(next)[1] <= level) {
                    end = headings.get(next)[0];
                    break;
                }
            }
            String heading = lines.get(start).substring(level).strip();
            String body = String.join("\n", lines.subList(start, end)).strip() + "\n";
            result.add(new ReferenceSection(file, heading, topicId(heading), level, body));
        }
        return result;
    }

    record ReferenceFile(String name, String text) {}
}
