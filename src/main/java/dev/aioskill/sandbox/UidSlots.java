package dev.aioskill.sandbox;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The pool of host uids sandboxed runs execute as, one uid per running sandbox. RLIMIT_NPROC counts
 * every process of a uid, so two runs sharing a uid would share (and exhaust) one process budget,
 * and the check that a run left no process behind would see the other run's processes.
 *
 * <p>A semaphore orders the runs of this JVM; a lock file per uid keeps two JVMs on one host (the
 * CLI next to a test run, say) from taking the same uid. A uid that still has processes (from a
 * crashed JVM) is skipped, not killed: its processes are not ours.
 */
final class UidSlots {

    private static final Map<String, Semaphore> PERMITS = new ConcurrentHashMap<>();

    private final int firstUid;
    private final int count;
    private final Path lockDir;
    private final Semaphore permits;

    UidSlots(int firstUid, int count, Path lockDir) {
        this.firstUid = firstUid;
        this.count = count;
        this.lockDir = lockDir;
        this.permits = PERMITS.computeIfAbsent(firstUid + ":" + count + ":" + lockDir, key -> new Semaphore(count, true));
    }

    /** A held uid; {@link #close()} waits for the uid's processes to end and frees it. */
    final class Slot implements AutoCloseable {
        final int uid;
        private final FileChannel channel;
        private final FileLock lock;

        private Slot(int uid, FileChannel channel, FileLock lock) {
            this.uid = uid;
            this.channel = channel;
            this.lock = lock;
        }

        @Override
        public void close() {
            try {
                lock.release();
                channel.close();
            } catch (IOException e) {
                // The lock goes with the channel; nothing else to free.
            } finally {
                permits.release();
            }
        }
    }

    /**
     * Takes a free uid, waiting up to {@code millis} for one.
     *
     * @throws IOException when the lock directory cannot be used or no uid became free in time
     */
    Slot acquire(long millis) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        if (!permits.tryAcquire(millis, TimeUnit.MILLISECONDS)) {
            throw new IOException("all " + count + " sandbox slots stayed busy for " + millis + " ms");
        }
        boolean handedOut = false;
        try {
            prepareLockDir();
            while (true) {
                for (int uid = firstUid; uid < firstUid + count; uid++) {
                    Slot slot = tryTake(uid);
                    if (slot != null) {
                        handedOut = true;
                        return slot;
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new IOException("no sandbox uid in " + firstUid + ".." + (firstUid + count - 1)
                            + " became free (other processes hold them or still run as them)");
                }
                Thread.sleep(20);
            }
        } finally {
            if (!handedOut) {
                permits.release();
            }
        }
    }

    private Slot tryTake(int uid) throws IOException {
        FileChannel channel = FileChannel.open(lockDir.resolve("uid-" + uid + ".lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = null;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            // Another sandbox of this JVM holds it.
        }
        if (lock == null) {
            channel.close();
            return null;
        }
        if (!pidsOf(uid).isEmpty()) {
            lock.release();
            channel.close();
            return null;
        }
        return new Slot(uid, channel, lock);
    }

    private void prepareLockDir() throws IOException {
        if (!Files.exists(lockDir, LinkOption.NOFOLLOW_LINKS)) {
            try {
                Files.createDirectory(lockDir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } catch (FileAlreadyExistsException e) {
                // Another JVM made it a moment ago; checked below like any existing one.
            }
        }
        // In a shared /tmp someone else could have made the directory (or a symlink) first and
        // would then decide which uids we think are free.
        PosixFileAttributes attributes = Files.readAttributes(lockDir, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        String me = System.getProperty("user.name");
        if (!attributes.isDirectory() || !attributes.owner().getName().equals(me)
                || attributes.permissions().contains(PosixFilePermission.OTHERS_WRITE)
                || attributes.permissions().contains(PosixFilePermission.GROUP_WRITE)) {
            throw new IOException("the slot lock directory " + lockDir + " is not a directory owned by " + me
                    + " and writable only by it; remove it and try again");
        }
    }

    /**
     * Host pids whose real uid is {@code uid}, from /proc, zombies left out. bubblewrap's outer
     * process exits before its pid-namespace init is reaped, so that init lingers as a zombie of the
     * host's pid 1 for a while; a zombie runs no code and holds no memory, and the kernel has already
     * killed every other process of its namespace before it got there.
     */
    static List<Long> pidsOf(int uid) {
        List<Long> pids = new ArrayList<>();
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            for (Path entry : (Iterable<Path>) entries::iterator) {
                String name = entry.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                // A stat of /proc/N (its owner is the effective uid) first; setpriv sets real and
                // effective uid alike, and reading every status file would cost far more.
                if (ownerOf(entry) == uid && realUid(entry.resolve("status")) == uid) {
                    pids.add(Long.parseLong(name));
                }
            }
        } catch (IOException e) {
            // /proc unreadable: nothing we can see.
        }
        return pids;
    }

    /** Tasks (threads included) of {@code uid} on the host: what RLIMIT_NPROC counts. */
    static int tasksOf(int uid) {
        int tasks = 0;
        for (long pid : pidsOf(uid)) {
            try {
                for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                    if (line.startsWith("Threads:")) {
                        tasks += Integer.parseInt(line.substring(8).strip());
                    }
                }
            } catch (IOException | RuntimeException e) {
                // Ended while we counted.
            }
        }
        return tasks;
    }

    private static int ownerOf(Path procEntry) {
        try {
            return (Integer) Files.getAttribute(procEntry, "unix:uid");
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static int realUid(Path status) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("State:") && (line.contains("Z (zombie)") || line.contains("X (dead)"))) {
                    return -1;
                }
                if (line.startsWith("Uid:")) {
                    return Integer.parseInt(line.substring(4).strip().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // The process ended while we looked.
        }
        return -1;
    }
}
