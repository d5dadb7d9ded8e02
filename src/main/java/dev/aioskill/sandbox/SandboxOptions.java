package dev.aioskill.sandbox;

import java.nio.file.Path;

/**
 * How the sandbox is started on this machine. The tool paths are injectable so tests can point the
 * sandbox at a bubblewrap that does not exist and see it refuse.
 *
 * @param bwrap            bubblewrap ({@code apt-get install bubblewrap})
 * @param setpriv          util-linux setpriv, used to drop from root to the slot's uid
 * @param prlimit          util-linux prlimit, which sets the resource limits before bubblewrap starts
 * @param allowUnsandboxed when bubblewrap cannot run here, run anyway with only the limits and a
 *                         cleared environment (isolation {@code none}) instead of refusing
 * @param firstUid         first host uid of the slot pool; uids {@code firstUid .. firstUid+slots-1}
 *                         must belong to no one else on the host
 * @param slots            how many runs may execute at once (one uid each, so process limits of
 *                         concurrent runs never add up)
 * @param slotLockDir      where the per-uid lock files live, so two JVMs on one host never share a uid
 */
public record SandboxOptions(
        Path bwrap,
        Path setpriv,
        Path prlimit,
        boolean allowUnsandboxed,
        int firstUid,
        int slots,
        Path slotLockDir) {

    public static final int DEFAULT_FIRST_UID = 61000;
    public static final int DEFAULT_SLOTS = 8;

    public SandboxOptions {
        if (firstUid < 1000) {
            throw new IllegalArgumentException("the slot uids must be unprivileged (>= 1000), got " + firstUid);
        }
        if (slots < 1) {
            throw new IllegalArgumentException("at least one sandbox slot is needed, got " + slots);
        }
    }

    /** Debian's paths, uids 61000-61007, refuse when bubblewrap cannot run. */
    public static SandboxOptions defaults() {
        return new SandboxOptions(Path.of("/usr/bin/bwrap"), Path.of("/usr/bin/setpriv"), Path.of("/usr/bin/prlimit"),
                false, DEFAULT_FIRST_UID, DEFAULT_SLOTS,
                defaultLockDir());
    }

    /**
     * One directory per host user: every aioskill JVM of root (tests, CLI, bot) must share it, or
     * two of them could run as the same slot uid.
     */
    private static Path defaultLockDir() {
        String user = System.getProperty("user.name", "");
        String name = user.equals("root") ? "aioskill-sandbox-slots" : "aioskill-sandbox-slots-" + user.replaceAll("[^A-Za-z0-9_.-]", "_");
        return Path.of(System.getProperty("java.io.tmpdir"), name);
    }

    public SandboxOptions withBwrap(Path value) {
        return new SandboxOptions(value, setpriv, prlimit, allowUnsandboxed, firstUid, slots, slotLockDir);
    }

    public SandboxOptions withAllowUnsandboxed(boolean value) {
        return new SandboxOptions(bwrap, setpriv, prlimit, value, firstUid, slots, slotLockDir);
    }

    public SandboxOptions withSlots(int value) {
        return new SandboxOptions(bwrap, setpriv, prlimit, allowUnsandboxed, firstUid, value, slotLockDir);
    }
}
