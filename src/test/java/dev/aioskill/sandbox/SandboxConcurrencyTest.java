package dev.aioskill.sandbox;

import static dev.aioskill.sandbox.SandboxFixtures.py;
import static dev.aioskill.sandbox.SandboxFixtures.quick;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class SandboxConcurrencyTest {

    @Test
    void concurrentRunsEachSeeOnlyTheirOwnFilesAndProcesses() throws Exception {
        HostProcesses host = new HostProcesses();
        PytestSandbox sandbox = SandboxFixtures.sandbox(host);
        int runs = 4;
        ExecutorService pool = Executors.newFixedThreadPool(runs);
        try {
            List<Future<TestRun>> futures = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                String me = "run" + i;
                futures.add(pool.submit(() -> sandbox.run(Map.of(
                        "mine_" + me + ".py", "WHO = '" + me + "'\n",
                        "test_" + me + ".py", py(
                                "import os, time",
                                "from mine_" + me + " import WHO",
                                "def test_alone():",
                                "    open('/tmp/marker_' + WHO, 'w').write(WHO)",
                                "    open('marker_' + WHO, 'w').write(WHO)",
                                "    time.sleep(1.0)  # the runs overlap here",
                                "    assert sorted(f for f in os.listdir('/tmp') if f.startswith('marker_')) == ['marker_' + WHO]",
                                "    assert sorted(f for f in os.listdir('.') if f.startswith(('marker_', 'mine_', 'test_'))) == "
                                        + "sorted(['marker_' + WHO, 'mine_' + WHO + '.py', 'test_' + WHO + '.py'])",
                                "    assert len([p for p in os.listdir('/proc') if p.isdigit()]) <= 3")), quick())));
            }
            for (Future<TestRun> future : futures) {
                TestRun run = future.get();
                assertThat(run.status()).as(run.message() + "\n" + run.output()).isEqualTo(TestStatus.PASSED);
                assertThat(run.isolation()).isEqualTo(Isolation.BUBBLEWRAP);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(host.leftOvers()).isEmpty();
    }
}
