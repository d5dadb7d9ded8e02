package dev.aioskill.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aioskill.Aioskill;
import dev.aioskill.Answer;
import dev.aioskill.agent.BuildAnswer;
import dev.aioskill.review.Review;
import dev.aioskill.route.Mode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Uses only the public API, the way another Java application embeds aioskill. */
class EmbeddingAppTest {

    private static final String CODE = """
            import asyncio
            import time

            async def fetch(n):
                time.sleep(0.1)
                await asyncio.sleep(0)
                return n
            """;

    @Test
    void reviewsCodeFromAString() {
        try (Aioskill aioskill = Aioskill.builder().build()) {
            Review review = aioskill.review(CODE);
            assertThat(review.findings()).anySatisfy(finding -> {
                assertThat(finding.rule()).isEqualTo("AIO100");
                assertThat(finding.location().startLine()).isEqualTo(5);
                assertThat(finding.location().quote()).contains("time.sleep(0.1)");
            });
            assertThat(review.isOffline()).isTrue();
        }
    }

    @Test
    void isSafeToShareBetweenThreads() throws Exception {
        try (Aioskill aioskill = Aioskill.builder().checkerWorkers(2).build()) {
            ExecutorService pool = Executors.newFixedThreadPool(6);
            try {
                List<Future<Review>> futures = new ArrayList<>();
                for (int i = 0; i < 24; i++) {
                    futures.add(pool.submit(() -> aioskill.review("f.py", CODE)));
                }
                for (Future<Review> future : futures) {
                    assertThat(future.get().findings()).extracting(f -> f.rule()).contains("AIO100");
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void askRoutesToReviewBuildOrAQuestion() {
        try (Aioskill aioskill = Aioskill.builder().build()) {
            Answer review = aioskill.ask("why does this block?\n```python\n" + CODE + "```\n", "t1");
            assertThat(review).isInstanceOf(Answer.Reviewed.class);
            assertThat(((Answer.Reviewed) review).review().findings()).extracting(f -> f.rule()).contains("AIO100");

            Answer question = aioskill.ask("hi", "t1");
            assertThat(question).isInstanceOf(Answer.Clarify.class);
            assertThat(question.routing().mode()).isEqualTo(Mode.AMBIGUOUS);
            assertThat(((Answer.Clarify) question).question()).endsWith("?");

            Answer noCode = aioskill.ask("please review my asyncio code", "t1");
            assertThat(noCode).isInstanceOf(Answer.Clarify.class);
        }
    }

    @Test
    void buildsAVerifiedPattern() {
        try (Aioskill aioskill = Aioskill.builder().build()) {
            BuildAnswer answer = aioskill.build("fetch 50 URLs concurrently with aiohttp");
            assertThat(answer.matched()).isTrue();
            assertThat(answer.files()).isNotEmpty();
            assertThat(answer.verification().summary()).startsWith("checker: 0 findings; tests: ");
            assertThat(answer.verification().verified()).as(answer.verification().summary()).isTrue();
        }
    }
}
