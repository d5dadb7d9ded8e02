package dev.aioskill.route;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * On-demand speed measurement of the rule-based classifier (prints numbers, asserts nothing about time):
 * {@code mvn -B -q test -Dtest=ModeClassifierBenchmark -Daioskill.bench=true -Dsurefire.failIfNoSpecifiedTests=false}
 */
@EnabledIfSystemProperty(named = "aioskill.bench", matches = "true")
class ModeClassifierBenchmark {

    @Test
    void printsMicrosecondsPerRequest() throws Exception {
        List<String> requests = new ArrayList<>();
        for (String file : List.of("evals/modes-dev.jsonl", "evals/modes-test.jsonl")) {
            LabelledRequest.load(Path.of(file)).forEach(r -> requests.add(r.request()));
        }
        RuleBasedClassifier classifier = new RuleBasedClassifier();
        int sink = 0;
        for (int warm = 0; warm < 200; warm++) {
            for (String request : requests) {
                sink += classifier.classify(request).reason().length();
            }
        }
        int rounds = 200;
        long[] perRequest = new long[rounds * requests.size()];
        int n = 0;
        long start = System.nanoTime();
        for (int round = 0; round < rounds; round++) {
            for (String request : requests) {
                long t0 = System.nanoTime();
                sink += classifier.classify(request).reason().length();
                perRequest[n++] = System.nanoTime() - t0;
            }
        }
        long total = System.nanoTime() - start;
        Arrays.sort(perRequest);
        System.out.printf(Locale.ROOT, "mode classifier: %d requests x %d rounds, mean %.1f us, p50 %.1f us, "
                        + "p99 %.1f us, max %.1f us (checksum %d)%n",
                requests.size(), rounds, total / 1000.0 / perRequest.length, perRequest[n / 2] / 1000.0,
                perRequest[(int) (n * 0.99)] / 1000.0, perRequest[n - 1] / 1000.0, sink);
    }
}
