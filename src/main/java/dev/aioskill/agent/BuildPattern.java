package dev.aioskill.agent;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One tested pattern of the offline build engine: the metadata of its {@code pattern.json}, the
 * program ({@code <id>.py}) and its pytest module ({@code test_<id>.py}), as packaged under
 * {@code patterns/<id>/} on the classpath.
 *
 * @param id           directory name and module name, e.g. {@code concurrent_fetch}
 * @param title        one-line title
 * @param summary      one-sentence summary
 * @param keywords     the words and phrases that select the pattern (see {@link PatternSelector})
 * @param chapters     book chapters the pattern draws on, e.g. {@code "Ch 3: tasks, gather"}
 * @param approach     the approach section of the build answer
 * @param concurrency  what runs concurrently, what is sequential, where blocking could happen
 * @param shutdown     the shutdown strategy
 * @param testing      notes on the tests
 * @param combinesWith other pattern id to one sentence on how the two combine, in file order
 * @param code         the Python program
 * @param tests        the pytest module that tests it
 */
public record BuildPattern(
        String id,
        String title,
        String summary,
        Keywords keywords,
        List<String> chapters,
        String approach,
        String concurrency,
        String shutdown,
        String testing,
        Map<String, String> combinesWith,
        String code,
        String tests) {

    public BuildPattern {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(keywords, "keywords");
        chapters = List.copyOf(chapters);
        // Map.copyOf would lose the file order, which the answer keeps when listing combinations.
        combinesWith = Collections.unmodifiableMap(new LinkedHashMap<>(combinesWith));
    }

    /** File name of the program, e.g. {@code concurrent_fetch.py}. */
    public String codeFileName() {
        return id + ".py";
    }

    /** File name of the tests, e.g. {@code test_concurrent_fetch.py}. */
    public String testFileName() {
        return "test_" + id + ".py";
    }

    /**
     * Selection words of a pattern.
     *
     * @param primary   words or phrases that on their own point at the pattern
     * @param secondary supporting words that only count alongside others
     * @param negative  words suggesting the request wants something else
     */
    public record Keywords(List<String> primary, List<String> secondary, List<String> negative) {
        public Keywords {
            primary = List.copyOf(primary);
            secondary = List.copyOf(secondary);
            negative = List.copyOf(negative);
        }
    }
}
