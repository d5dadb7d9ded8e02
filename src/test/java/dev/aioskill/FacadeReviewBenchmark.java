package dev.aioskill;

import dev.aioskill.review.MarkdownRenderer;
import dev.aioskill.review.Review;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * On-demand: warm in-process review latency through the facade for a 200-line file with findings,
 * checker round trip and Markdown rendering included (target: under 20 ms median). Prints numbers,
 * asserts nothing about time:
 * {@code mvn -B -q test -Dtest=FacadeReviewBenchmark -Daioskill.bench=true -Dsurefire.failIfNoSpecifiedTests=false}
 */
@EnabledIfSystemProperty(named = "aioskill.bench", matches = "true")
class FacadeReviewBenchmark {

    @Test
    void printsWarmReviewLatency() throws Exception {
        StringBuilder source = new StringBuilder(Files.readString(Path.of("examples/scraper.py")));
        int extra = 0;
        while (source.toString().lines().count() < 200) {
            source.append("\nLIMIT_").append(extra).append(" = ").append(extra); // one statement per line: any cut parses
            extra++;
        }
        String code = String.join("\n", source.toString().lines().limit(200).toList()) + "\n";
        try (Aioskill aioskill = Aioskill.builder().checkerWorkers(1).build()) {
            MarkdownRenderer renderer = new MarkdownRenderer();
            for (int i = 0; i < 100; i++) {
                renderer.render(aioskill.review("bench.py", code));
            }
            int rounds = 300;
            long[] nanos = new long[rounds];
            int findings = 0;
            for (int i = 0; i < rounds; i++) {
                long start = System.nanoTime();
                Review review = aioskill.review("bench.py", code);
                findings = review.findings().size();
                renderer.render(review);
                nanos[i] = System.nanoTime() - start;
            }
            Arrays.sort(nanos);
            System.out.printf(Locale.ROOT, "facade review, warm, %d lines, %d findings, %d rounds: median %.2f ms, p90 %.2f ms, p99 %.2f ms%n",
                    code.lines().count(), findings, rounds, nanos[rounds / 2] / 1e6, nanos[rounds * 9 / 10] / 1e6,
                    nanos[rounds * 99 / 100] / 1e6);
        }
    }
}
