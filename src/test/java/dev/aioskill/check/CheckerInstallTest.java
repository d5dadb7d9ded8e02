package dev.aioskill.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aioskill.config.Settings;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckerInstallTest {

    @TempDir
    Path cache;

    private CheckerInstall packaged() {
        return CheckerInstall.fromClasspath(Settings.of(Map.of("AIOSKILL_CACHE_DIR", cache.toString())));
    }

    @Test
    void unpacksEveryCheckerFileIntoADirectoryNamedByItsHash() throws Exception {
        CheckerInstall install = packaged();

        Path dir = install.unpack();

        assertThat(dir).isEqualTo(cache.resolve("checker-" + install.contentHash()));
        assertThat(install.contentHash()).matches("[0-9a-f]{12}");
        assertThat(install.fileNames()).contains("aioskill_checker/__init__.py", "aioskill_checker/worker.py");
        for (String name : install.fileNames()) {
            assertThat(dir.resolve(name)).isRegularFile();
        }
    }

    @Test
    void secondInstallReusesTheUnpackedDirectory() throws Exception {
        Path dir = packaged().unpack();
        Path init = dir.resolve("aioskill_checker/__init__.py");
        FileTime old = FileTime.fromMillis(1_000_000_000_000L);
        Files.setLastModifiedTime(init, old);

        Path again = packaged().unpack();

        assertThat(again).isEqualTo(dir);
        assertThat(Files.getLastModifiedTime(init)).as("not written again").isEqualTo(old);
    }

    @Test
    void changedCheckerContentGetsANewDirectory() throws Exception {
        Map<String, byte[]> files = new TreeMap<>(CheckerInstall.readPackagedFiles(markerUrl()));
        CheckerInstall original = new CheckerInstall(files, cache);
        files.put("aioskill_checker/__init__.py", "__version__ = 'changed'\n".getBytes(StandardCharsets.UTF_8));
        CheckerInstall changed = new CheckerInstall(files, cache);

        assertThat(changed.contentHash()).isNotEqualTo(original.contentHash());
        assertThat(changed.unpack()).isNotEqualTo(original.unpack());
        assertThat(Files.readString(changed.directory().resolve("aioskill_checker/__init__.py"))).contains("changed");
    }

    @Test
    void checkerInsideAJarHasTheSameFilesAndHashAsTheClassesDirectory() throws Exception {
        Map<String, byte[]> fromClasses = CheckerInstall.readPackagedFiles(markerUrl());
        Path jar = cache.resolve("packaged.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("dev/aioskill/Other.class"));
            out.closeEntry();
            for (Map.Entry<String, byte[]> file : fromClasses.entrySet()) {
                out.putNextEntry(new JarEntry("checker/" + file.getKey()));
                out.write(file.getValue());
                out.closeEntry();
            }
        }
        java.net.URL marker = new java.net.URL("jar:" + jar.toUri() + "!/checker/aioskill_checker/__init__.py");

        Map<String, byte[]> fromJar = CheckerInstall.readPackagedFiles(marker);

        assertThat(fromJar.keySet()).isEqualTo(fromClasses.keySet());
        assertThat(new CheckerInstall(fromJar, cache).contentHash()).isEqualTo(new CheckerInstall(fromClasses, cache).contentHash());
    }

    @Test
    void processesUnpackingAtOnceAllGetOneCompleteCopy() throws Exception {
        Map<String, byte[]> files = CheckerInstall.readPackagedFiles(markerUrl());
        int racers = 6;
        CyclicBarrier start = new CyclicBarrier(racers);
        ExecutorService threads = Executors.newFixedThreadPool(racers);
        List<Future<Path>> results = new ArrayList<>();
        try {
            for (int i = 0; i < racers; i++) {
                results.add(threads.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    return new CheckerInstall(files, cache).unpack();
                }));
            }
            Path expected = new CheckerInstall(files, cache).directory();
            for (Future<Path> result : results) {
                assertThat(result.get(30, TimeUnit.SECONDS)).isEqualTo(expected);
            }
        } finally {
            threads.shutdownNow();
        }
        try (Stream<Path> left = Files.list(cache)) {
            assertThat(left.map(p -> p.getFileName().toString()).toList())
                    .as("no temporary directories left behind").containsExactly("checker-" + new CheckerInstall(files, cache).contentHash());
        }
    }

    @Test
    void damagedUnpackedCopyIsReplaced() throws Exception {
        CheckerInstall install = packaged();
        Path dir = install.unpack();
        Files.delete(dir.resolve("aioskill_checker/worker.py"));
        try (OutputStream truncate = Files.newOutputStream(dir.resolve("aioskill_checker/engine.py"))) {
            truncate.flush();
        }

        Path again = install.unpack();

        assertThat(again).isEqualTo(dir);
        assertThat(dir.resolve("aioskill_checker/worker.py")).isRegularFile();
        assertThat(Files.size(dir.resolve("aioskill_checker/engine.py"))).isPositive();
    }

    @Test
    void cacheRootHonoursOverrideThenXdgThenHome() {
        assertThat(CheckerInstall.cacheRoot(Settings.of(Map.of("AIOSKILL_CACHE_DIR", "/tmp/a", "XDG_CACHE_HOME", "/tmp/x"))))
                .isEqualTo(Path.of("/tmp/a"));
        assertThat(CheckerInstall.cacheRoot(Settings.of(Map.of("XDG_CACHE_HOME", "/tmp/x")))).isEqualTo(Path.of("/tmp/x/aioskill"));
        assertThat(CheckerInstall.cacheRoot(Settings.of(Map.of())))
                .isEqualTo(Path.of(System.getProperty("user.home"), ".cache", "aioskill"));
    }

    private static java.net.URL markerUrl() {
        return CheckerInstall.class.getClassLoader().getResource("checker/aioskill_checker/__init__.py");
    }
}
