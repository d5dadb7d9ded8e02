package dev.aioskill.sandbox;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/** Watches the host's /proc for processes of the sandbox's slot uids while a run goes on. */
final class HostProcesses implements AutoCloseable {

    private final Map<Integer, Integer> maxPerUid = new ConcurrentHashMap<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread sampler;

    HostProcesses() {
        sampler = new Thread(() -> {
            while (running.get()) {
                for (int uid : slotUids()) {
                    int n = UidSlots.pidsOf(uid).size();
                    maxPerUid.merge(uid, n, Math::max);
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "host-process-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    /** The most processes any one slot uid had at a sample. */
    int maxSeen() {
        return maxPerUid.values().stream().mapToInt(Integer::intValue).max().orElse(0);
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        sampler.join(2_000);
    }

    static int[] slotUids() {
        SandboxOptions options = SandboxOptions.defaults();
        int[] uids = new int[options.slots()];
        for (int i = 0; i < uids.length; i++) {
            uids[i] = options.firstUid() + i;
        }
        return uids;
    }

    /** What the leftover processes are, for a failure message: pid, state, parent and command line. */
    static String describeLeftOvers() {
        StringBuilder text = new StringBuilder();
        for (int uid : slotUids()) {
            for (long pid : UidSlots.pidsOf(uid)) {
                try {
                    java.nio.file.Path proc = java.nio.file.Path.of("/proc", Long.toString(pid));
                    String state = java.nio.file.Files.readAllLines(proc.resolve("status")).stream()
                            .filter(l -> l.startsWith("State:") || l.startsWith("PPid:") || l.startsWith("NSpid:"))
                            .map(String::strip).reduce((a, b) -> a + " " + b).orElse("");
                    String cmdline = new String(java.nio.file.Files.readAllBytes(proc.resolve("cmdline"))).replace('\0', ' ');
                    text.append("\n  uid ").append(uid).append(" pid ").append(pid).append(' ').append(state).append(" cmd ").append(cmdline);
                } catch (java.io.IOException e) {
                    text.append("\n  pid ").append(pid).append(" (gone)");
                }
            }
        }
        return text.toString();
    }

    /** Processes of any slot uid on the host right now. */
    static int leftOver() {
        int n = 0;
        for (int uid : slotUids()) {
            n += UidSlots.pidsOf(uid).size();
        }
        return n;
    }
}
