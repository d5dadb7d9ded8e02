package dev.aioskill.review;

import dev.aioskill.check.Category;
import dev.aioskill.check.Finding;
import dev.aioskill.check.Severity;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * On-demand benchmark (not a test): time to turn a 200-line file's checker findings into a grounded offline
 * review and render it, warm, in process. Run it with the test classpath:
 * {@code java -cp "$(cat target/cp.txt):target/classes:target/test-classes" dev.aioskill.review.OfflineReviewBenchmark}
 * after {@code mvn -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt}.
 */
public final class OfflineReviewBenchmark {

    public static void main(String[] args) {
        int findingsCount = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        StringBuilder source = new StringBuilder("import asyncio\nimport time\n\n");
        List<Finding> findings = new ArrayList<>();
        while (source.toString().split("\n", -1).length < 200) {
            int line = source.toString().split("\n", -1).length;
            source.append("async def handler_").append(line).append("(x):\n");
            source.append("    time.sleep(0.1)\n");
            source.append("    return await asyncio.sleep(x)\n\n");
            if (findings.size() < findingsCount) {
                findings.add(new Finding("AIO100", "blocking-sleep", Severity.ERROR, Category.BLOCKING, "bench.py",
                        line + 1, 4, line + 1, 19, "time.sleep(0.1) blocks the event loop", "Ch 2-3",
                        "Use await asyncio.sleep(...) instead."));
            }
        }
        String text = source.toString();
        OfflineReviewer reviewer = new OfflineReviewer(Samples.DOCS);
        MarkdownRenderer markdown = new MarkdownRenderer();

        for (int i = 0; i < 2_000; i++) {
            markdown.render(reviewer.review("bench.py", text, findings));
        }
        int runs = 2_000;
        long[] nanos = new long[runs];
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            markdown.render(reviewer.review("bench.py", text, findings));
            nanos[i] = System.nanoTime() - t0;
        }
        Arrays.sort(nanos);
        System.out.printf("offline review + markdown, %d lines, %d findings, %d runs: median %.3f ms, p95 %.3f ms%n",
                text.split("\n", -1).length - 1, findings.size(), runs, nanos[runs / 2] / 1e6,
                nanos[runs * 95 / 100] / 1e6);
    }
}
