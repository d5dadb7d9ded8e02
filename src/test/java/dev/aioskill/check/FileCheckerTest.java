package dev.aioskill.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aioskill.config.PythonInterpreter;
import dev.aioskill.config.PythonResolver;
import dev.aioskill.config.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The content cache in front of the real worker pool. */
class FileCheckerTest {

    static final String BLOCKING = "import asyncio, time\n\nasync def fetch():\n    time.sleep(1)\n    await asyncio.sleep(0)\n";

    @TempDir
    Path cache;
    @TempDir
    Path tree;

    private final PythonInterpreter python = new PythonResolver(Settings.load()).resolve();

    private CheckerInstall install() {
        return CheckerInstall.fromClasspath(Settings.of(Map.of("AIOSKILL_CACHE_DIR", cache.toString())));
    }

    private List<CheckResult> run(List<Path> files, FileChecker[] out) {
        CheckerInstall install = install();
        try (AsyncChecker checker = new AsyncChecker(python, install, 2, Duration.ofSeconds(10))) {
            FileChecker fileChecker = new FileChecker(checker, ResultCache.forChecker(install, python));
            out[0] = fileChecker;
            List<CheckResult> results = fileChecker.checkFiles(files);
            assertThat(checker.workerPids().size()).isLessThanOrEqualTo(2);
            return results;
        }
    }

    @Test
    void unchangedFilesAreAnsweredByStampWithoutReadingThem() throws Exception {
        List<Path> files = new ArrayList<>();
        FileTime past = FileTime.from(Instant.now().minusSeconds(60));
        for (int i = 0; i < 5; i++) {
            Path file = Files.writeString(tree.resolve("m" + i + ".py"), "\n".repeat(i) + BLOCKING);
            Files.setLastModifiedTime(file, past);
            files.add(file);
        }
        FileChecker[] first = new FileChecker[1];
        List<CheckResult> firstResults = run(files, first);
        assertThat(first[0].checked()).isEqualTo(5);

        FileChecker[] second = new FileChecker[1];
        List<CheckResult> secondResults = run(files, second);

        assertThat(secondResults).isEqualTo(firstResults);
        assertThat(second[0].cacheHits()).isEqualTo(5);
        assertThat(second[0].unreadHits()).isEqualTo(5);
        assertThat(second[0].checked()).isZero();
    }

    @Test
    void fileRewrittenInTheSameClockTickWithTheSameSizeIsCheckedAgain() throws Exception {
        Path file = Files.writeString(tree.resolve("racy.py"), BLOCKING);
        FileTime stamp = Files.getLastModifiedTime(file);
        FileChecker[] first = new FileChecker[1];
        assertThat(run(List.of(file), first).get(0).findings()).extracting(Finding::rule).containsExactly("AIO100");

        // Same length, same modification time, other content: only the racy-window rule catches this.
        Files.writeString(file, BLOCKING.replace("time.sleep(1)", "print(1)     "));
        Files.setLastModifiedTime(file, stamp);
        FileChecker[] second = new FileChecker[1];
        List<CheckResult> results = run(List.of(file), second);

        assertThat(results.get(0).findings()).isEmpty();
        assertThat(second[0].unreadHits()).isZero();
    }

    @Test
    void changedFileIsCheckedAgainAndMovedFileIsStillAHit() throws Exception {
        FileTime past = FileTime.from(Instant.now().minusSeconds(60));
        Path a = Files.writeString(tree.resolve("a.py"), BLOCKING);
        Files.setLastModifiedTime(a, past);
        run(List.of(a), new FileChecker[1]);

        Files.writeString(a, "x = 1\n");
        Path moved = Files.move(Files.writeString(tree.resolve("b.py"), BLOCKING), tree.resolve("c.py"));
        FileChecker[] again = new FileChecker[1];
        List<CheckResult> results = run(List.of(a, moved), again);

        assertThat(results.get(0).findings()).isEmpty();
        assertThat(results.get(1).findings()).extracting(Finding::path).containsExactly(moved.toString());
        assertThat(again[0].checked()).isEqualTo(1);
        assertThat(again[0].cacheHits()).isEqualTo(1);
    }
}
