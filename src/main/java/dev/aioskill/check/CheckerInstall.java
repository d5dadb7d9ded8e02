package dev.aioskill.check;

import dev.aioskill.config.Settings;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Python checker as packaged with aioskill, and its unpacked copy on disk.
 *
 * <p>The build puts {@code src/main/python/aioskill_checker/**.py} on the classpath under
 * {@code checker/aioskill_checker/}. A jar cannot be listed through the class loader, so the files are
 * found by opening what holds {@code checker/aioskill_checker/__init__.py}: a classes directory
 * ({@code file:} URL, tests and IDEs) or a jar ({@code jar:} URL, the shaded CLI). Their content hash
 * names the unpacked directory ({@code <cache>/checker-<sha256-12>}), so a changed checker never runs
 * stale code and an unchanged one is unpacked once per machine. Unpacking writes a temporary directory
 * and renames it into place, so two processes unpacking at once both end up with a complete copy.
 */
public final class CheckerInstall {

    private static final Logger LOG = LoggerFactory.getLogger(CheckerInstall.class);
    static final String RESOURCE_ROOT = "checker/";
    static final String PACKAGE = "aioskill_checker";
    private static final String MARKER = PACKAGE + "/__init__.py";

    private final Map<String, byte[]> files;
    private final String contentHash;
    private final Path cacheRoot;

    CheckerInstall(Map<String, byte[]> files, Path cacheRoot) {
        if (!files.containsKey(MARKER)) {
            throw new CheckerException("the packaged checker has no " + MARKER + "; rebuild aioskill (mvn package)");
        }
        this.files = Collections.unmodifiableMap(new TreeMap<>(files));
        this.contentHash = hash(this.files);
        this.cacheRoot = cacheRoot;
    }

    /** The checker found on aioskill's classpath, unpacked under the cache directory of these settings. */
    public static CheckerInstall fromClasspath(Settings settings) {
        URL marker = CheckerInstall.class.getClassLoader().getResource(RESOURCE_ROOT + MARKER);
        if (marker == null) {
            throw new CheckerException("the Python checker is not on the classpath (no " + RESOURCE_ROOT + MARKER
                    + "); rebuild aioskill with mvn package");
        }
        return new CheckerInstall(readPackagedFiles(marker), cacheRoot(settings));
    }

    /** Same as {@link #fromClasspath(Settings)} with the process environment and ./.env. */
    public static CheckerInstall fromClasspath() {
        return fromClasspath(Settings.load());
    }

    /**
     * The directory aioskill caches into: {@code AIOSKILL_CACHE_DIR}, else {@code $XDG_CACHE_HOME/aioskill},
     * else {@code ~/.cache/aioskill}.
     */
    public static Path cacheRoot(Settings settings) {
        return settings.get("AIOSKILL_CACHE_DIR").map(Path::of)
                .or(() -> settings.get("XDG_CACHE_HOME").map(dir -> Path.of(dir, "aioskill")))
                .orElseGet(() -> Path.of(System.getProperty("user.home"), ".cache", "aioskill"))
                .toAbsolutePath();
    }

    /** The same checker, cached under another directory ({@code aioskill check --cache-dir}). */
    public CheckerInstall withCacheRoot(Path root) {
        return new CheckerInstall(files, root.toAbsolutePath());
    }

    /** First 12 hex digits of the SHA-256 over every checker file (path and bytes): the checker's version. */
    public String contentHash() {
        return contentHash;
    }

    /** Where aioskill's caches live (the unpacked checker, result cache). */
    public Path cacheRoot() {
        return cacheRoot;
    }

    /** The directory that holds the {@code aioskill_checker} package once {@link #unpack()} has run. */
    public Path directory() {
        return cacheRoot.resolve("checker-" + contentHash);
    }

    /** Relative paths of the packaged files, e.g. {@code aioskill_checker/engine.py}. */
    public java.util.Set<String> fileNames() {
        return files.keySet();
    }

    /**
     * Makes sure {@link #directory()} holds exactly this checker and returns it. Cheap when it already does
     * (one stat per file).
     *
     * @throws CheckerException when the cache directory cannot be written
     */
    public Path unpack() {
        Path target = directory();
        if (isComplete(target)) {
            return target;
        }
        try {
            Files.createDirectories(cacheRoot);
            if (Files.exists(target)) {
                // Someone deleted files by hand: move the broken copy aside before installing a fresh one.
                Path stale = cacheRoot.resolve(".stale-" + contentHash + "-" + UUID.randomUUID());
                try {
                    Files.move(target, stale, StandardCopyOption.ATOMIC_MOVE);
                    deleteTree(stale);
                } catch (IOException raced) {
                    LOG.debug("could not move aside {}: {}", target, raced.toString());
                }
            }
            Path temp = Files.createTempDirectory(cacheRoot, ".unpack-" + contentHash + "-");
            try {
                for (Map.Entry<String, byte[]> file : files.entrySet()) {
                    Path out = temp.resolve(file.getKey());
                    Files.createDirectories(out.getParent());
                    Files.write(out, file.getValue());
                }
                try {
                    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
                    LOG.debug("unpacked the checker to {}", target);
                } catch (IOException lost) {
                    // Another process renamed its copy into place first (rename onto a non-empty directory
                    // fails); theirs is as good as ours. Anything else is a real failure.
                    if (!isComplete(target)) {
                        throw lost;
                    }
                    LOG.debug("checker already unpacked at {} by another process", target);
                }
            } finally {
                if (Files.exists(temp)) {
                    deleteTree(temp);
                }
            }
        } catch (IOException e) {
            throw new CheckerException("cannot unpack the Python checker to " + target + ": " + e
                    + "; make the directory writable or set AIOSKILL_CACHE_DIR");
        }
        if (!isComplete(target)) {
            throw new CheckerException("the unpacked checker at " + target + " is incomplete; delete that directory and retry");
        }
        return target;
    }

    private boolean isComplete(Path dir) {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            Path path = dir.resolve(file.getKey());
            try {
                if (!Files.isRegularFile(path) || Files.size(path) != file.getValue().length) {
                    return false;
                }
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }

    /** Reads every {@code *.py} under the checker's resource directory, keyed by path below {@code checker/}. */
    static Map<String, byte[]> readPackagedFiles(URL marker) {
        String url = marker.toString();
        try {
            if ("file".equals(marker.getProtocol())) {
                Path packageDir = Path.of(marker.toURI()).getParent();
                return readDirectory(packageDir.getParent());
            }
            if ("jar".equals(marker.getProtocol())) {
                String jarPart = url.substring("jar:".length(), url.indexOf("!/"));
                Path jar = Path.of(new URL(jarPart).toURI());
                return readJar(jar);
            }
        } catch (IOException e) {
            throw new CheckerException("cannot read the packaged checker from " + url + ": " + e);
        } catch (URISyntaxException e) {
            throw new CheckerException("cannot locate the packaged checker at "
                    + URLDecoder.decode(url, StandardCharsets.UTF_8) + ": " + e.getMessage());
        }
        throw new CheckerException("the packaged checker is at an unsupported location " + url
                + "; run aioskill from its jar or from a classes directory");
    }

    /** {@code root} holds {@code aioskill_checker/}. */
    static Map<String, byte[]> readDirectory(Path root) throws IOException {
        Map<String, byte[]> result = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root.resolve(PACKAGE))) {
            for (Path file : (Iterable<Path>) walk::iterator) {
                if (Files.isRegularFile(file) && file.getFileName().toString().endsWith(".py")) {
                    result.put(root.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
                }
            }
        }
        return result;
    }

    static Map<String, byte[]> readJar(Path jar) throws IOException {
        Map<String, byte[]> result = new TreeMap<>();
        String prefix = RESOURCE_ROOT + PACKAGE + "/";
        try (JarFile jarFile = new JarFile(jar.toFile())) {
            Enumeration<JarEntry> entries = jarFile.entries();
            while (entries.hasMoreElements()) {
                JarEntry entry = entries.nextElement();
                String name = entry.getName();
                if (!entry.isDirectory() && name.startsWith(prefix) && name.endsWith(".py") && !name.contains("..")) {
                    try (InputStream in = jarFile.getInputStream(entry)) {
                        result.put(name.substring(RESOURCE_ROOT.length()), in.readAllBytes());
                    }
                }
            }
        }
        return result;
    }

    private static String hash(Map<String, byte[]> sortedFiles) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Map.Entry<String, byte[]> file : sortedFiles.entrySet()) {
                digest.update(file.getKey().getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                digest.update(Long.toString(file.getValue().length).getBytes(StandardCharsets.US_ASCII));
                digest.update((byte) 0);
                digest.update(file.getValue());
            }
            return HexFormat.of().formatHex(digest.digest()).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    static void deleteTree(Path root) {
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException | UncheckedIOException e) {
            LOG.debug("could not delete {}: {}", root, e.toString());
        }
    }
}
