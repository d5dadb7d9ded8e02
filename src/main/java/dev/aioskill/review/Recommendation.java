package dev.aioskill.review;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.aioskill.check.Severity;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One entry of a review's priority-ordered recommendations.
 *
 * @param priority 1 for the most critical, counting up
 * @param text     what to do, in one or two sentences (the chapter is a separate field; renderers show both)
 * @param chapter  the book chapter the advice comes from, e.g. {@code Ch 2-3}
 * @param rules    the checker rule ids it addresses; empty for advice on a model topic
 */
public record Recommendation(
        @JsonProperty("priority") int priority,
        @JsonProperty("text") String text,
        @JsonProperty("chapter") String chapter,
        @JsonProperty("rules") List<String> rules) {

    public Recommendation {
        if (priority < 1) {
            throw new IllegalArgumentException("recommendation priority must be 1 or more, was " + priority);
        }
        text = text == null ? "" : text;
        chapter = chapter == null ? "" : chapter;
        rules = rules == null ? List.of() : List.copyOf(rules);
    }

    /**
     * One recommendation per rule (or model topic) among the findings, most critical first: by the gravest
     * severity, then by how many distinct lines its findings touch, then by the earliest line.
     */
    public static List<Recommendation> rankedFrom(List<ReviewFinding> findings) {
        Map<String, List<ReviewFinding>> byKey = new LinkedHashMap<>();
        for (ReviewFinding f : findings) {
            byKey.computeIfAbsent(f.key(), k -> new ArrayList<>()).add(f);
        }
        List<Group> groups = new ArrayList<>();
        byKey.values().forEach(list -> groups.add(Group.of(list)));
        groups.sort(Comparator.comparing(Group::severity)
                .thenComparing(Comparator.comparingInt(Group::linesTouched).reversed())
                .thenComparingInt(Group::firstLine)
                .thenComparing(g -> g.lead.key()));
        List<Recommendation> ranked = new ArrayList<>();
        for (Group g : groups) {
            ReviewFinding lead = g.lead;
            ranked.add(new Recommendation(ranked.size() + 1, g.text(), lead.chapter(),
                    lead.rule() == null ? List.of() : List.of(lead.rule())));
        }
        return List.copyOf(ranked);
    }

    private record Group(ReviewFinding lead, List<ReviewFinding> members, Severity severity, int linesTouched,
            int firstLine) {

        static Group of(List<ReviewFinding> members) {
            List<ReviewFinding> sorted = new ArrayList<>(members);
            sorted.sort(ReviewFinding.IMPORTANCE);
            BitSet lines = new BitSet();
            int first = Integer.MAX_VALUE;
            for (ReviewFinding f : members) {
                lines.set(f.location().startLine(), f.location().endLine() + 1);
                first = Math.min(first, f.location().startLine());
            }
            return new Group(sorted.get(0), List.copyOf(members), sorted.get(0).severity(), lines.cardinality(), first);
        }

        String text() {
            List<Integer> starts = members.stream().map(f -> f.location().startLine()).sorted().distinct().toList();
            String where = starts.stream().map(String::valueOf).collect(Collectors.joining(", "));
            String lineWord = starts.size() == 1 ? "line " : "lines ";
            String advice = lead.fix().isEmpty() ? lead.problem() : lead.fix();
            return lead.label() + ", " + severity.id() + ", " + lineWord + where + ": " + advice;
        }
    }
}
