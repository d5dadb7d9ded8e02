package dev.aioskill.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;

/**
 * The host side of one run, a fresh directory under java.io.tmpdir (mode 0711: the slot uid may
 * pass through but not list it):
 * <pre>
 * input/       the caller's files, read-only for the sandbox (copied into its work directory)
 * harness/     pytest.ini of the harness, outside the work directory, read-only
 * etc/         passwd, group, hosts, nsswitch.conf generated for the sandbox (never the host's)
 * results/junit.xml  the one host file the sandbox may write, owned by the slot uid
 * work/, tmp/  used only by unsandboxed runs, which have no private work directory or /tmp
 * </pre>
 * Deleted after the run.
 */
final class RunDirectory implements AutoCloseable {

    static final String HARNESS_INI = String.join("\n",
            "# aioskill's pytest configuration, passed with -c from outside the work directory,",
            "# so a pytest.ini, setup.cfg, tox.ini or pyproject.toml among the user's files is never read.",
            "[pytest]",
            "asyncio_mode = auto",
            "junit_family = xunit2",
            "");

    final Path root;
    final Path input;
    final Path harnessIni;
    final Path etc;
    final Path junitXml;
    final Path work;
    final Path tmp;

    private RunDirectory(Path root) {
        this.root = root;
        this.input = root.resolve("input");
        this.harnessIni = root.resolve("harness").resolve("pytest.ini");
        this.etc = root.resolve("etc");
        this.junitXml = root.resolve("results").resolve("junit.xml");
        this.work = root.resolve("work");
        this.tmp = root.resolve("tmp");
    }

    /**
     * Creates the directory with the files, the harness and the results file, all readable by
     * {@code uid}, the results file (and for unsandboxed runs work/ and tmp/) owned by it.
     */
    static RunDirectory create(SandboxFiles files, int uid, boolean chown, boolean unsandboxed) throws IOException {
        Path root = Files.createTempDirectory("aioskill-run-");
        RunDirectory dir = new RunDirectory(root);
        try {
            Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwx--x--x"));
            Files.createDirectories(dir.input);
            files.writeTo(dir.input);
            Files.createDirectories(dir.harnessIni.getParent());
            Files.writeString(dir.harnessIni, HARNESS_INI, StandardCharsets.UTF_8);
            Files.createDirectories(dir.etc);
            Files.writeString(dir.etc.resolve("passwd"),
                    "sandbox:x:" + uid + ":" + uid + ":aioskill sandbox:/sandbox:/usr/sbin/nologin\n"
                            + "nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n", StandardCharsets.UTF_8);
            Files.writeString(dir.etc.resolve("group"), "sandbox:x:" + uid + ":\nnogroup:x:65534:\n", StandardCharsets.UTF_8);
            Files.writeString(dir.etc.resolve("hosts"), "127.0.0.1 localhost\n::1 localhost ip6-localhost\n", StandardCharsets.UTF_8);
            Files.writeString(dir.etc.resolve("nsswitch.conf"), "passwd: files\ngroup: files\nhosts: files\n", StandardCharsets.UTF_8);
            Files.createDirectories(dir.junitXml.getParent());
            Files.createFile(dir.junitXml);
            makeReadable(root);
            Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwx--x--x"));
            Files.setPosixFilePermissions(dir.junitXml.getParent(), PosixFilePermissions.fromString("rwx--x--x"));
            Files.setPosixFilePermissions(dir.junitXml, PosixFilePermissions.fromString("rw-------"));
            if (chown) {
                Files.setAttribute(dir.junitXml, "unix:uid", uid);
                Files.setAttribute(dir.junitXml, "unix:gid", uid);
            }
            if (unsandboxed) {
                copyTree(dir.input, dir.work);
                Files.createDirectories(dir.tmp);
                Files.setPosixFilePermissions(dir.tmp, PosixFilePermissions.fromString("rwx------"));
                if (chown) {
                    chownTree(dir.work, uid);
                    chownTree(dir.tmp, uid);
                }
            }
            return dir;
        } catch (IOException | RuntimeException e) {
            dir.close();
            throw e;
        }
    }

    private static void makeReadable(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(
                        Files.isDirectory(path) ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target);
                }
            }
        }
    }

    private static void chownTree(Path top, int uid) throws IOException {
        try (Stream<Path> paths = Files.walk(top)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                Files.setAttribute(path, "unix:uid", uid);
                Files.setAttribute(path, "unix:gid", uid);
            }
        }
    }

    /** Removes everything, without following symlinks the run may have left in work/. */
    @Override
    public void close() {
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // A leftover temp directory is untidy, not unsafe; the run's result matters more.
        }
    }
}
