package dev.aioskill.check;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Remembers the content key of files by their stamp (size, modification time, inode), so an unchanged
 * file needs neither reading nor hashing on the next run, as git's index does. A file modified within
 * {@link #RACY_WINDOW_NANOS} of being recorded is not remembered: a second write in the same clock tick
 * would keep its stamp. Kept in one tab-separated file, rewritten (temp file, rename) when it changed;
 * concurrent runs may lose each other's additions, which only costs a re-hash.
 */
final class FileStamps {

    private static final Logger LOG = LoggerFactory.getLogger(FileStamps.class);
    static final long RACY_WINDOW_NANOS = TimeUnit.SECONDS.toNanos(2);
    private static final int MAX_ENTRIES = 200_000;

    private record Stamp(long size, long modifiedNanos, String fileKey, String contentKey) {
        boolean matches(BasicFileAttributes attrs) {
            return size == attrs.size() && modifiedNanos == attrs.lastModifiedTime().to(TimeUnit.NANOSECONDS)
                    && fileKey.equals(String.valueOf(attrs.fileKey()));
        }
    }

    private final Path file;
    private final Map<String, Stamp> stamps = new ConcurrentHashMap<>();
    private final Set<String> seen = ConcurrentHashMap.newKeySet();
    private volatile boolean changed;

    private FileStamps(Path file) {
        this.file = file;
    }

    static FileStamps load(Path file) {
        FileStamps index = new FileStamps(file);
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String[] parts = line.split("\t", 5);
                if (parts.length == 5) {
                    index.stamps.put(parts[4], new Stamp(Long.parseLong(parts[0]), Long.parseLong(parts[1]), parts[2], parts[3]));
                }
            }
        } catch (NoSuchFileException e) {
            // First run with this checker.
        } catch (IOException | RuntimeException e) {
            LOG.debug("ignoring unreadable file index {}: {}", file, e.toString());
            index.stamps.clear();
        }
        return index;
    }

    /** The content key recorded for this file, if its stamp has not changed since. */
    Optional<String> contentKey(Path path, BasicFileAttributes attrs) {
        String name = path.toString();
        seen.add(name);
        Stamp stamp = stamps.get(name);
        return stamp != null && stamp.matches(attrs) ? Optional.of(stamp.contentKey()) : Optional.empty();
    }

    void remember(Path path, BasicFileAttributes attrs, String contentKey) {
        String name = path.toString();
        long modified = attrs.lastModifiedTime().to(TimeUnit.NANOSECONDS);
        long now = TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis());
        if (name.indexOf('\n') >= 0 || name.indexOf('\r') >= 0 || now - modified < RACY_WINDOW_NANOS) {
            stamps.remove(name);
            return;
        }
        Stamp stamp = new Stamp(attrs.size(), modified, String.valueOf(attrs.fileKey()), contentKey);
        if (!stamp.equals(stamps.put(name, stamp))) {
            changed = true;
        }
    }

    /** Writes the index when it changed. Failure only costs speed next time. */
    void save() {
        if (!changed) {
            return;
        }
        if (stamps.size() > MAX_ENTRIES) {
            stamps.keySet().retainAll(seen);
        }
        StringBuilder out = new StringBuilder(stamps.size() * 120);
        stamps.forEach((name, s) -> out.append(s.size()).append('\t').append(s.modifiedNanos()).append('\t')
                .append(s.fileKey().replace('\t', ' ')).append('\t').append(s.contentKey()).append('\t').append(name).append('\n'));
        try {
            Files.createDirectories(file.getParent());
            Path temp = Files.createTempFile(file.getParent(), ".stamps-", ".tmp");
            try {
                Files.writeString(temp, out, StandardCharsets.UTF_8);
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(temp);
            }
            changed = false;
        } catch (IOException e) {
            LOG.debug("cannot write file index {}: {}", file, e.toString());
        }
    }
}
