package dev.aioskill.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aioskill.Aioskill;
import dev.aioskill.review.MarkdownRenderer;
import dev.aioskill.review.Review;
import dev.aioskill.review.ReviewFinding;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The offline review of every example and golden input finds exactly the (rule, line) pairs written into
 * the file as {@code # expect: AIO1xx} markers. The markers were written from RULES.md before the engine
 * existed (evals/golden/README.md), so this compares the engine with an independent oracle.
 */
class GoldenReviewTest {

    private static final Pattern EXPECT = Pattern.compile("#\\s*expect:\\s*([A-Z0-9_,\\s]+)");
    private static Aioskill aioskill;

    @BeforeAll
    static void open() {
        aioskill = Aioskill.builder().checkerWorkers(2).build();
    }

    @AfterAll
    static void close() {
        aioskill.close();
    }

    static Stream<Path> goldenFiles() throws IOException {
        List<Path> files = new ArrayList<>();
        for (String dir : List.of("examples", "evals/golden")) {
            try (Stream<Path> listing = Files.list(Path.of(dir))) {
                listing.filter(p -> p.toString().endsWith(".py")).sorted().forEach(files::add);
            }
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(3 + 15);
        return files.stream();
    }

    @ParameterizedTest
    @MethodSource("goldenFiles")
    void offlineReviewFindsExactlyTheExpectedFindings(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        Review review = aioskill.review(file.toString(), bytes);
        Set<String> actual = new TreeSet<>();
        for (ReviewFinding finding : review.findings()) {
            actual.add(finding.rule() + "@" + finding.location().startLine());
        }
        assertThat(actual).as(file + "\n" + new MarkdownRenderer().render(review)).isEqualTo(expected(bytes));
        String markdown = new MarkdownRenderer().render(review);
        assertThat(markdown).startsWith("## Summary").contains("offline");
        if (!review.isClean() && !review.isUnparseable()) {
            assertThat(markdown).contains("## Recommendations").contains("**Topic**").contains("**Location**")
                    .contains("**Problem**").contains("**Fix**");
        }
    }

    /** Markers read from raw bytes: some inputs are Latin-1 or carry undecodable bytes on purpose. */
    static Set<String> expected(byte[] bytes) {
        Set<String> expected = new TreeSet<>();
        String[] lines = new String(bytes, StandardCharsets.ISO_8859_1).split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher matcher = EXPECT.matcher(lines[i]);
            if (matcher.find()) {
                for (String id : matcher.group(1).split("[,\\s]+")) {
                    if (!id.isBlank()) {
                        expected.add(id.strip() + "@" + (i + 1));
                    }
                }
            }
        }
        return expected;
    }
}
