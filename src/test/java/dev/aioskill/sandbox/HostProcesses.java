package dev.aioskill.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * The host's view of the runs of one sandbox, from its own scans of /proc (not the sandbox's):
 * how many processes a run's uid had at most while it ran, and which were still there once the
 * run said it was done (checked while the run still held its uid, so other runs on this host,
 * in this JVM or another, cannot blur the picture).
 */
final class HostProcesses implements SlotObserver {

    private final AtomicInteger maxSeen = new AtomicInteger();
    private final List<String> leftOvers = new CopyOnWriteArrayList<>();
    private final Map<Integer, AtomicBoolean> sampling = new ConcurrentHashMap<>();

    @Override
    public void started(int uid) {
        AtomicBoolean flag = new AtomicBoolean(true);
        sampling.put(uid, flag);
        Thread sampler = new Thread(() -> {
            while (flag.get()) {
                maxSeen.accumulateAndGet(alive(uid).size(), Math::max);
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "host-process-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    @Override
    public void finished(int uid) {
        AtomicBoolean flag = sampling.remove(uid);
        if (flag != null) {
            flag.set(false);
        }
        leftOvers.addAll(alive(uid));
    }

    /** The most processes the run's uid had at one sample. */
    int maxSeen() {
        return maxSeen.get();
    }

    /** Processes of a finished run's uid found when it finished: pid, state, parent, command line. */
    List<String> leftOvers() {
        return List.copyOf(leftOvers);
    }

    /** Live processes (not zombies) whose real uid is {@code uid}. */
    static List<String> alive(int uid) {
        List<String> found = new ArrayList<>();
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            for (Path proc : (Iterable<Path>) entries::iterator) {
                if (!proc.getFileName().toString().chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    List<String> status = Files.readAllLines(proc.resolve("status"));
                    String state = field(status, "State:");
                    String realUid = field(status, "Uid:").split("\\s+")[0];
                    if (realUid.equals(Integer.toString(uid)) && !state.startsWith("Z") && !state.startsWith("X")) {
                        String cmdline = new String(Files.readAllBytes(proc.resolve("cmdline"))).replace('\0', ' ');
                        found.add("pid " + proc.getFileName() + " " + state + " ppid " + field(status, "PPid:") + " " + cmdline);
                    }
                } catch (IOException | RuntimeException e) {
                    // The process ended while we looked.
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list /proc", e);
        }
        return found;
    }

    private static String field(List<String> status, String name) {
        return status.stream().filter(l -> l.startsWith(name)).findFirst().map(l -> l.substring(name.length()).strip()).orElse("");
    }
}
