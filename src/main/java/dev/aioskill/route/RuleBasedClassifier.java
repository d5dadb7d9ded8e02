package dev.aioskill.route;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Picks the mode from cheap signals: intent verbs (with typos and in several languages), pasted code,
 * symptoms, judging phrases and question forms. Each signal adds weight to BUILD or REVIEW; the margin
 * between the two gives the confidence, and too little weight, or a near tie, gives AMBIGUOUS with one
 * clarifying question. Deterministic, no model, a few microseconds per request.
 */
public final class RuleBasedClassifier implements ModeClassifier {

    /** Asked when code came without saying what to do with it. */
    public static final String CODE_QUESTION = "Do you want me to review this code or build something new from it?";
    /** Asked when the request says nothing about code yet (a greeting, one word). */
    public static final String OPEN_QUESTION = "Do you want me to write new async code or review code you already have?";
    /** Asked when the request asks for both, about equally. */
    public static final String MIXED_QUESTION = "Should I review your existing code first, or write the new code?";

    /** Below this weight nothing was really asked for. */
    private static final double MIN_WEIGHT = 1.0;
    /** A margin below this between build and review is a tie. */
    private static final double TIE_MARGIN = 0.5;

    private static final Set<String> MAKE_OBJECTS = Set.of("this", "it", "that", "these", "them", "my", "the", "our");
    private static final List<String> TYPO_CANDIDATES = typoCandidates();
    private static final Set<String> TYPO_CANDIDATE_SET = Set.copyOf(TYPO_CANDIDATES);
    private static final Set<String> BUILD_TYPO_TARGETS = Set.copyOf(Lexicon.BUILD_VERBS.plainWords(5));

    @Override
    public Classification classify(Request request) {
        Tally tally = new Tally();
        Reading reading = read(request, tally);
        Verbs verbs = intentVerbs(reading, tally);
        scoreVerbs(reading, verbs, tally);
        scoreJudgement(reading, tally);
        boolean whyAboutOwnCode = scoreWhyAboutOwnCode(reading, tally);
        scoreSymptoms(reading, tally);
        scoreQuestion(reading, verbs, whyAboutOwnCode, tally);
        scoreRequestsForCodeOrExplanation(reading, tally);
        scoreSpecification(reading, tally);
        return decide(tally, reading.code(), reading.words());
    }

    /**
     * What the rules read from a request before scoring.
     *
     * @param code      code was pasted, a file came with it, or the prose mentions an attached file
     * @param ownership words pointing at the user's existing code ("my", "this", "the following")
     * @param domain    the prose uses asyncio or concurrency vocabulary
     */
    private record Reading(RequestText text, Words words, boolean code, List<Keywords.Hit> ownership, boolean domain) {

        /** There is existing code to talk about: pasted, attached, or referred to as "my"/"this". */
        boolean subject() {
            return code || !ownership.isEmpty();
        }
    }

    /** Intent verbs that survived negation, typos included. */
    private record Verbs(List<Keywords.Hit> build, List<Keywords.Hit> review) {}

    private static Reading read(Request request, Tally tally) {
        RequestText text = RequestText.split(request.text());
        Words words = Words.of(text.prose());
        boolean code = text.hasCode() || request.hasAttachment();
        if (text.hasCode()) {
            tally.note("code: " + String.join(", ", text.codeEvidence()));
        }
        if (request.hasAttachment()) {
            tally.note("attached file");
        }
        if (!code && !Lexicon.FILE_MENTION.find(words).isEmpty()) {
            code = true;
            tally.note("mentions an attached file");
        }
        return new Reading(text, words, code, Lexicon.OWNERSHIP.find(words), !Lexicon.DOMAIN.find(words).isEmpty());
    }

    /** "make this faster" improves existing code, so it counts as review; "make me a server" builds one. */
    private static Verbs intentVerbs(Reading reading, Tally tally) {
        Words words = reading.words();
        List<Keywords.Hit> build = new ArrayList<>();
        List<Keywords.Hit> review = new ArrayList<>();
        for (Keywords.Hit hit : Lexicon.BUILD_VERBS.find(words)) {
            if (negated(words, hit)) {
                tally.note("negated '" + hit.keyword() + "'");
            } else if (hit.keyword().equals("make") && followedBy(words, hit.index(), MAKE_OBJECTS)) {
                review.add(new Keywords.Hit("make " + words.get(hit.index() + 1) + " ...", hit.index()));
            } else {
                build.add(hit);
            }
        }
        for (Keywords.Hit hit : Lexicon.REVIEW_VERBS.find(words)) {
            if (negated(words, hit)) {
                tally.note("negated '" + hit.keyword() + "'");
            } else {
                review.add(hit);
            }
        }
        addTypos(words, build, review);
        return new Verbs(build, review);
    }

    private static void scoreVerbs(Reading reading, Verbs verbs, Tally tally) {
        if (!verbs.build().isEmpty()) {
            tally.build(2.0 + (verbs.build().size() > 1 ? 0.5 : 0.0), "build verb " + quoted(verbs.build()));
        }
        if (!verbs.review().isEmpty()) {
            // Without code or "my/this" a review verb is often part of a spec ("how do I check if a task is done").
            double weight = reading.subject() ? 2.0 : 1.0;
            tally.review(weight + (verbs.review().size() > 1 ? 0.5 : 0.0), "review verb " + quoted(verbs.review()));
        }
        if (!verbs.build().isEmpty() && !verbs.review().isEmpty()) {
            // With both kinds, the first verb usually names the main job ("review this, then add tests").
            if (firstIndex(verbs.build()) <= firstIndex(verbs.review())) {
                tally.build(0.75, "build verb comes first");
            } else {
                tally.review(0.75, "review verb comes first");
            }
        }
    }

    private static void scoreJudgement(Reading reading, Tally tally) {
        List<Keywords.Hit> judgement = Lexicon.JUDGEMENT.find(reading.words());
        if (!judgement.isEmpty()) {
            tally.review(reading.code() ? 2.0 : 1.0, "judging phrase " + quoted(judgement));
        }
    }

    private static boolean scoreWhyAboutOwnCode(Reading reading, Tally tally) {
        boolean why = whyAboutOwnCode(reading.words(), reading.ownership());
        if (why) {
            tally.review(2.0, "why-question about existing code");
        }
        return why;
    }

    /** A symptom is strong next to code, fair about "my ...", and weak on its own ("without freezing"). */
    private static void scoreSymptoms(Reading reading, Tally tally) {
        List<Keywords.Hit> complaints = new ArrayList<>();
        for (Keywords.Hit hit : Lexicon.COMPLAINTS.find(reading.words())) {
            if (!negated(reading.words(), hit)) {
                complaints.add(hit);
            }
        }
        complaints.addAll(exceptionNames(reading.words()));
        if (complaints.isEmpty()) {
            return;
        }
        if (reading.code()) {
            tally.review(2.0, "symptom " + quoted(complaints) + " with code");
        } else if (!reading.ownership().isEmpty()) {
            tally.review(1.5, "symptom " + quoted(complaints) + " about own code");
        } else {
            tally.review(0.5, "symptom word " + quoted(complaints));
        }
    }

    /** A question next to code is about that code; without code, about asyncio, it is a concept (build). */
    private static void scoreQuestion(Reading reading, Verbs verbs, boolean whyAboutOwnCode, Tally tally) {
        if (!isQuestion(reading.text().prose(), reading.words())) {
            return;
        }
        if (reading.code() && verbs.build().isEmpty()) {
            tally.review(1.5, "question about the pasted code");
        } else if (!reading.code() && reading.domain() && !whyAboutOwnCode
                && !(reading.subject() && !verbs.review().isEmpty())) {
            // "how do I fix my loop?" is about the user's code, not the concept.
            tally.build(1.5, "conceptual question");
        }
    }

    private static void scoreRequestsForCodeOrExplanation(Reading reading, Tally tally) {
        if (!Lexicon.EXPLAIN.find(reading.words()).isEmpty()) {
            if (reading.code()) {
                tally.review(1.0, "explain the pasted code");
            } else if (reading.domain()) {
                tally.build(1.5, "asks to explain a concept");
            }
        }
        List<Keywords.Hit> asks = Lexicon.ASKS_FOR_CODE.find(reading.words());
        if (!asks.isEmpty() && (reading.domain() || reading.code())) {
            tally.build(1.5, "asks for code " + quoted(asks));
        }
    }

    /** Nothing else fired, but a longer async phrase reads like a spec ("a bounded worker pool that ..."). */
    private static void scoreSpecification(Reading reading, Tally tally) {
        Words words = reading.words();
        if (tally.buildWeight == 0 && tally.reviewWeight == 0 && !reading.code() && reading.domain()
                && words.size() >= 6 && !Lexicon.FIRST_PERSON_CONTEXT.contains(words.get(0))) {
            tally.build(1.0, "reads as a specification");
        }
    }

    private static Classification decide(Tally tally, boolean code, Words words) {
        double build = tally.buildWeight;
        double review = tally.reviewWeight;
        double top = Math.max(build, review);
        double margin = Math.abs(build - review);
        if (top < MIN_WEIGHT) {
            if (code) {
                return Classification.ambiguous(0.75, tally.reason("code without a request"), CODE_QUESTION);
            }
            if (top > 0) {
                return Classification.ambiguous(0.6, tally.reason("too little signal"), OPEN_QUESTION);
            }
            boolean greeting = !Lexicon.GREETINGS.find(words).isEmpty();
            String why = words.isEmpty() ? "no words" : greeting ? "greeting or thanks only" : "no build or review signal";
            return Classification.ambiguous(words.size() <= 3 ? 0.9 : 0.8, tally.reason(why), OPEN_QUESTION);
        }
        if (build > 0 && review > 0 && margin < TIE_MARGIN) {
            return Classification.ambiguous(0.5, tally.reason("build and review signals tie"), MIXED_QUESTION);
        }
        Mode mode = build > review ? Mode.BUILD : Mode.REVIEW;
        double confidence = Math.min(0.99, 0.5 + 0.5 * (1.0 - Math.exp(-0.6 * margin)));
        return Classification.decided(mode, round(confidence), tally.reason(null));
    }

    /** "why does this hang", "warum blockiert mein Code": a why followed closely by this/my. */
    private static boolean whyAboutOwnCode(Words words, List<Keywords.Hit> ownership) {
        for (int i = 0; i < words.size(); i++) {
            if (Lexicon.WHY.contains(words.get(i))) {
                for (Keywords.Hit own : ownership) {
                    if (own.index() > i && own.index() <= i + 3) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** Python exception and warning class names quoted in prose ("RuntimeError", "ResourceWarning"). */
    private static List<Keywords.Hit> exceptionNames(Words words) {
        List<Keywords.Hit> names = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            String token = words.get(i);
            if (token.length() > 7 && (token.endsWith("error") || token.endsWith("exception") || token.endsWith("warning"))) {
                names.add(new Keywords.Hit(token, i));
            }
        }
        return names;
    }

    private static boolean isQuestion(String prose, Words words) {
        if (prose.indexOf('?') >= 0 || prose.indexOf('\uFF1F') >= 0) {
            return true;
        }
        if (!words.isEmpty() && Lexicon.QUESTION_STARTS.contains(words.get(0))) {
            return true;
        }
        return !Lexicon.QUESTION_MARKERS.find(words).isEmpty();
    }

    private static boolean negated(Words words, Keywords.Hit hit) {
        for (int k = hit.index() - 2; k < hit.index(); k++) {
            if (k >= 0 && Lexicon.NEGATIONS.contains(words.get(k))) {
                return true;
            }
        }
        return false;
    }

    private static boolean followedBy(Words words, int index, Set<String> next) {
        return index + 1 < words.size() && next.contains(words.get(index + 1));
    }

    /** Words one edit (or one swap) away from a verb of five letters or more: "reveiw", "implemnt", "chek". */
    private static void addTypos(Words words, List<Keywords.Hit> buildVerbs, List<Keywords.Hit> reviewVerbs) {
        for (int i = 0; i < words.size(); i++) {
            String token = words.get(i);
            if (token.length() < 4 || Lexicon.NOT_TYPOS.contains(token) || TYPO_CANDIDATE_SET.contains(token)) {
                continue;
            }
            for (String verb : TYPO_CANDIDATES) {
                if (verb.charAt(0) == token.charAt(0) && Math.abs(verb.length() - token.length()) <= 1
                        && withinOneEdit(token, verb)) {
                    Keywords.Hit hit = new Keywords.Hit(verb + " (typo '" + token + "')", i);
                    if (negated(words, hit)) {
                        break;
                    }
                    (BUILD_TYPO_TARGETS.contains(verb) ? buildVerbs : reviewVerbs).add(hit);
                    break;
                }
            }
        }
    }

    private static List<String> typoCandidates() {
        List<String> all = new ArrayList<>(Lexicon.BUILD_VERBS.plainWords(5));
        all.addAll(Lexicon.REVIEW_VERBS.plainWords(5));
        return List.copyOf(all);
    }

    /** Optimal string alignment distance of at most one (one insertion, deletion, change or swap). */
    static boolean withinOneEdit(String a, String b) {
        int la = a.length();
        int lb = b.length();
        if (Math.abs(la - lb) > 1) {
            return false;
        }
        int i = 0;
        int shortest = Math.min(la, lb);
        while (i < shortest && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        if (i == shortest) {
            return true;
        }
        if (la == lb) {
            if (sameTail(a, i + 1, b, i + 1)) {
                return true;
            }
            return i + 1 < la && a.charAt(i) == b.charAt(i + 1) && a.charAt(i + 1) == b.charAt(i)
                    && sameTail(a, i + 2, b, i + 2);
        }
        return la > lb ? sameTail(a, i + 1, b, i) : sameTail(a, i, b, i + 1);
    }

    private static boolean sameTail(String a, int fromA, String b, int fromB) {
        return a.length() - fromA == b.length() - fromB && a.regionMatches(fromA, b, fromB, a.length() - fromA);
    }

    private static int firstIndex(List<Keywords.Hit> hits) {
        int first = Integer.MAX_VALUE;
        for (Keywords.Hit hit : hits) {
            if (hit.index() >= 0) {
                first = Math.min(first, hit.index());
            }
        }
        return first;
    }

    private static String quoted(List<Keywords.Hit> hits) {
        List<String> names = new ArrayList<>();
        for (Keywords.Hit hit : hits) {
            names.add("'" + hit.keyword() + "'");
        }
        return String.join(", ", names);
    }

    private static double round(double value) {
        return Math.round(value * 100.0) / 100.0;
    }

    /** The weights collected so far and the human-readable trail of why. */
    private static final class Tally {
        double buildWeight;
        double reviewWeight;
        private final List<String> notes = new ArrayList<>();

        void build(double weight, String signal) {
            buildWeight += weight;
            notes.add(signal + " (build +" + weight + ")");
        }

        void review(double weight, String signal) {
            reviewWeight += weight;
            notes.add(signal + " (review +" + weight + ")");
        }

        void note(String fact) {
            notes.add(fact);
        }

        String reason(String verdict) {
            String totals = "build " + buildWeight + " vs review " + reviewWeight;
            String head = verdict == null ? totals : verdict + "; " + totals;
            return notes.isEmpty() ? head : head + ": " + String.join("; ", notes);
        }
    }
}
