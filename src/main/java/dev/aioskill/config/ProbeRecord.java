package dev.aioskill.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What earlier runs learned about interpreters: one line per interpreter file, {@code path, size,
 * modification time, version}. A replaced interpreter (an upgrade changes size or time) is probed again.
 * Every failure here only means probing again; it never fails a run.
 */
final class ProbeRecord {

    private final Path file;

    ProbeRecord(Path file) {
        this.file = file;
    }

    Optional<String> version(Path executable) {
        Optional<String> stamp = stamp(executable);
        if (stamp.isEmpty() || !Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                int tab = line.lastIndexOf('\t');
                if (tab > 0 && line.substring(0, tab).equals(stamp.get())) {
                    String version = line.substring(tab + 1).strip();
                    return version.startsWith("3.") ? Optional.of(version) : Optional.empty();
                }
            }
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    void remember(Path executable, String version) {
        Optional<String> stamp = stamp(executable);
        if (stamp.isEmpty()) {
            return;
        }
        try {
            List<String> lines = new ArrayList<>();
            if (Files.isRegularFile(file)) {
                String prefix = executable.toRealPath() + "\t";
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    if (!line.startsWith(prefix)) {
                        lines.add(line);
                    }
                }
            }
            lines.add(stamp.get() + "\t" + version);
            Files.createDirectories(file.getParent());
            Path temp = Files.createTempFile(file.getParent(), "python-probes", ".tmp");
            Files.write(temp, lines, StandardCharsets.UTF_8);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            // Remembering is an optimisation; the next run probes again.
        }
    }

    /** {@code realpath \t size \t mtime-millis}, or empty when the file cannot be read. */
    private static Optional<String> stamp(Path executable) {
        try {
            Path real = executable.toRealPath();
            BasicFileAttributes attributes = Files.readAttributes(real, BasicFileAttributes.class);
            return Optional.of(real + "\t" + attributes.size() + "\t" + attributes.lastModifiedTime().toMillis());
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
