package dev.aioskill.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The files of one run, checked before anything touches the disk: relative paths made of ordinary
 * segments only (no absolute path, no {@code ..}, no {@code .}, no backslash or control character),
 * at most {@value #MAX_FILES} files, each within the file-size limit and all together within half the
 * work directory's size.
 */
record SandboxFiles(Map<String, String> files) {

    static final int MAX_FILES = 200;
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_.\\-]{1,128}");

    SandboxFiles {
        files = Map.copyOf(files);
    }

    static SandboxFiles validate(Map<String, String> files, SandboxLimits limits) {
        if (files == null || files.isEmpty()) {
            throw new InvalidSandboxFilesException("no files to run: pass at least the tests (for example test_app.py)");
        }
        if (files.size() > MAX_FILES) {
            throw new InvalidSandboxFilesException(files.size() + " files given; the sandbox takes at most " + MAX_FILES);
        }
        long total = 0;
        Map<String, String> checked = new TreeMap<>();
        for (Map.Entry<String, String> entry : files.entrySet()) {
            String path = entry.getKey();
            checkPath(path);
            if (entry.getValue() == null) {
                throw new InvalidSandboxFilesException("file '" + path + "' has no content (null)");
            }
            long size = entry.getValue().getBytes(StandardCharsets.UTF_8).length;
            if (size > limits.maxFileBytes()) {
                throw new InvalidSandboxFilesException("file '" + path + "' is " + size + " bytes; the limit is "
                        + limits.maxFileBytes() + " bytes per file");
            }
            total += size;
            checked.put(path, entry.getValue());
        }
        if (total > limits.scratchBytes() / 2) {
            throw new InvalidSandboxFilesException("the files hold " + total + " bytes together; the limit is "
                    + limits.scratchBytes() / 2 + " (half the work directory)");
        }
        for (String path : checked.keySet()) {
            // "a" and "a/b" cannot both exist: one would have to be a file and a directory.
            for (String other : checked.keySet()) {
                if (other.startsWith(path + "/")) {
                    throw new InvalidSandboxFilesException("'" + path + "' is given as a file and as the directory of '" + other + "'");
                }
            }
        }
        return new SandboxFiles(checked);
    }

    private static void checkPath(String path) {
        if (path == null || path.isEmpty()) {
            throw new InvalidSandboxFilesException("a file has an empty path; give each file a relative path such as test_app.py");
        }
        if (path.startsWith("/")) {
            throw new InvalidSandboxFilesException("file path '" + path + "' is absolute; give a path relative to the work directory, such as test_app.py");
        }
        for (String segment : path.split("/", -1)) {
            if (segment.equals("..") || segment.equals(".")) {
                throw new InvalidSandboxFilesException("file path '" + path + "' contains '" + segment + "'; paths must stay inside the work directory");
            }
            if (!SEGMENT.matcher(segment).matches()) {
                throw new InvalidSandboxFilesException("file path '" + path + "' has an unusable part '" + segment
                        + "'; use letters, digits, '_', '-' and '.' separated by '/'");
            }
        }
    }

    /** Writes the files under {@code dir}, directories 0755 and files 0644, so the slot uid can read them. */
    void writeTo(Path dir) throws IOException {
        for (Map.Entry<String, String> entry : files.entrySet()) {
            Path target = dir.resolve(entry.getKey()).normalize();
            if (!target.startsWith(dir)) {
                throw new InvalidSandboxFilesException("file path '" + entry.getKey() + "' leaves the work directory");
            }
            Path parent = target.getParent();
            Files.createDirectories(parent);
            Files.writeString(target, entry.getValue(), StandardCharsets.UTF_8);
        }
    }
}
