package dev.aioskill.check;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The Python files under a directory, as {@code aioskill check DIR} checks them: every {@code *.py},
 * sorted by path, skipping {@link #SKIPPED_DIRECTORIES}. Symbolic links to directories are not followed
 * (no cycles, no leaving the tree); a symbolic link to a file is checked like the file.
 */
public final class PythonFiles {

    /** Directory names never entered: version control, virtual environments, caches, JavaScript deps. */
    public static final Set<String> SKIPPED_DIRECTORIES = Set.of(".git", "venv", ".venv", "node_modules", "__pycache__");

    /**
     * @param files  the Python files found, sorted
     * @param errors one line per directory or file that could not be read
     */
    public record Listing(List<Path> files, List<String> errors) {}

    private PythonFiles() {}

    /** The files under {@code root}; {@code root} itself when it is a file (whatever its name). */
    public static Listing under(Path root) {
        List<Path> files = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            files.add(root);
            return new Listing(files, errors);
        }
        // A root given as a link to a directory is entered (the user named it); links below it are not.
        Path start = root;
        if (Files.isSymbolicLink(root)) {
            try {
                start = root.toRealPath();
            } catch (IOException e) {
                errors.add("cannot read " + root + ": " + describe(e));
                return new Listing(files, errors);
            }
        }
        Path walkRoot = start;
        try {
            Files.walkFileTree(walkRoot, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    boolean skipped = !dir.equals(walkRoot) && SKIPPED_DIRECTORIES.contains(dir.getFileName().toString());
                    return skipped ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    // Without FOLLOW_LINKS a link arrives here; keep it when it leads to a regular file.
                    if (file.getFileName().toString().endsWith(".py")
                            && (attrs.isRegularFile() || attrs.isSymbolicLink() && Files.isRegularFile(file))) {
                        files.add(root.resolve(walkRoot.relativize(file)));
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    errors.add("cannot read " + file + ": " + describe(e));
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            errors.add("cannot read " + root + ": " + describe(e));
        }
        files.sort(null);
        return new Listing(files, errors);
    }

    /** A short reason without the exception class name: "permission denied", "no such file or directory". */
    public static String describe(IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        String reason = e instanceof java.nio.file.FileSystemException fs && fs.getReason() != null ? fs.getReason() : e.getMessage();
        return reason == null ? e.getClass().getSimpleName() : reason;
    }
}
