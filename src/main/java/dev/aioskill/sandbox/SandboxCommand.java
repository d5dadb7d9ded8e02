package dev.aioskill.sandbox;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The argument vectors and environments of a sandboxed run. Kept apart from the process handling so
 * the isolation can be read in one place.
 */
final class SandboxCommand {

    /** Where the caller's files are copied and pytest runs, inside the sandbox. */
    static final String WORK = "/sandbox";

    private SandboxCommand() {}

    /**
     * {@code [setpriv ...] prlimit ... -- }: drop to the slot uid (only when we are root) with no
     * capabilities and no way to regain privileges, then set every limit as soft = hard (CPU: hard
     * one second above soft).
     */
    static List<String> dropAndLimit(SandboxOptions options, SandboxLimits limits, int uid, boolean asRoot) {
        // RLIMIT_NPROC counts every task of the real uid on the host. As root the slot uid runs
        // nothing else; as an ordinary user the JVM's own threads and the user's other processes
        // count too, so the budget is granted on top of what that uid runs right now.
        int nproc = asRoot ? limits.maxProcesses() : limits.maxProcesses() + UidSlots.tasksOf(uid);
        List<String> argv = new ArrayList<>();
        if (asRoot) {
            argv.addAll(List.of(options.setpriv().toString(),
                    "--reuid=" + uid, "--regid=" + uid, "--clear-groups",
                    "--inh-caps=-all", "--bounding-set=-all", "--no-new-privs"));
        }
        argv.addAll(List.of(options.prlimit().toString(),
                // Soft below hard: at the soft limit the kernel sends SIGXCPU, which says what
                // happened; equal limits would skip straight to SIGKILL.
                "--cpu=" + limits.cpuSeconds() + ":" + (limits.cpuSeconds() + 1),
                "--as=" + limits.addressSpaceBytes(),
                "--nproc=" + nproc,
                "--fsize=" + limits.maxFileBytes(),
                "--nofile=" + limits.openFiles(),
                "--core=0",
                "--"));
        return argv;
    }

    /**
     * bubblewrap: every namespace new (no network but its own lo, own pids, no further user
     * namespaces), a read-only root holding /usr, a few generated /etc files, the input and harness
     * read-only, size-capped tmpfs for the work directory, /tmp and /dev/shm, and the results file
     * as the only writable host path.
     */
    static List<String> bubblewrap(SandboxOptions options, SandboxLimits limits, RunDirectory dir) {
        String scratch = Long.toString(limits.scratchBytes());
        List<String> argv = new ArrayList<>(List.of(options.bwrap().toString(),
                "--unshare-all", "--unshare-user", "--disable-userns",
                "--die-with-parent", "--new-session", "--hostname", "sandbox"));
        argv.addAll(systemMounts());
        argv.addAll(List.of(
                "--ro-bind-try", "/etc/ld.so.cache", "/etc/ld.so.cache",
                "--ro-bind-try", "/etc/localtime", "/etc/localtime",
                "--ro-bind", dir.etc.resolve("passwd").toString(), "/etc/passwd",
                "--ro-bind", dir.etc.resolve("group").toString(), "/etc/group",
                "--ro-bind", dir.etc.resolve("hosts").toString(), "/etc/hosts",
                "--ro-bind", dir.etc.resolve("nsswitch.conf").toString(), "/etc/nsswitch.conf",
                "--proc", "/proc",
                "--dev", "/dev",
                "--size", scratch, "--tmpfs", "/dev/shm",
                "--size", scratch, "--tmpfs", "/tmp",
                "--size", scratch, "--tmpfs", WORK,
                "--ro-bind", dir.input.toString(), "/input",
                "--ro-bind", dir.harnessIni.toString(), "/harness/pytest.ini",
                "--bind", dir.junitXml.toString(), "/results/junit.xml",
                "--remount-ro", "/dev",
                "--remount-ro", "/",
                "--chdir", WORK,
                "--"));
        return argv;
    }

    /** /usr read-only and, as Debian's merged /usr needs, /bin, /lib, /lib64 and /sbin as its symlinks. */
    static List<String> systemMounts() {
        List<String> argv = new ArrayList<>(List.of("--ro-bind", "/usr", "/usr"));
        // Debian's merged /usr keeps /bin, /lib, /lib64 and /sbin as symlinks into /usr.
        for (String top : List.of("bin", "lib", "lib64", "sbin")) {
            Path host = Path.of("/" + top);
            if (Files.isSymbolicLink(host)) {
                try {
                    argv.addAll(List.of("--symlink", Files.readSymbolicLink(host).toString(), "/" + top));
                } catch (java.io.IOException e) {
                    // Unreadable link: leave it out; the interpreter lives under /usr anyway.
                }
            } else if (Files.isDirectory(host)) {
                argv.addAll(List.of("--ro-bind", host.toString(), "/" + top));
            }
        }
        return argv;
    }

    /** Inside bubblewrap: copy the input into the writable work directory, then become pytest. */
    static List<String> copyThenPytest(Path python) {
        List<String> argv = new ArrayList<>(List.of("/bin/sh", "-c", "cp -R /input/. " + WORK + "/ && exec \"$@\"", "sh"));
        argv.addAll(pytest(python, "/harness/pytest.ini", WORK, "/results/junit.xml"));
        return argv;
    }

    /**
     * pytest with plugin autoload off and pytest-asyncio loaded by name ({@code pytest_asyncio.plugin}
     * holds its hooks in 0.20; {@code -p pytest_asyncio} would load only the package and leave
     * asyncio_mode unknown), no cache, the harness's ini, quiet output.
     */
    static List<String> pytest(Path python, String ini, String rootdir, String junitXml) {
        return List.of(python.toString(), "-B", "-m", "pytest",
                "-p", "no:cacheprovider", "-p", "pytest_asyncio.plugin",
                "-c", ini, "--rootdir", rootdir, "--junitxml", junitXml,
                "-q", "--color=no", rootdir);
    }

    /** The whole environment of the sandbox launcher (bubblewrap included): nothing of the host's. */
    static Map<String, String> environment(String home, String tmp) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", "/usr/bin:/bin");
        env.put("LANG", "C.UTF-8");
        env.put("HOME", home);
        env.put("USER", "sandbox");
        env.put("LOGNAME", "sandbox");
        env.put("TMPDIR", tmp);
        env.put("PYTHONDONTWRITEBYTECODE", "1");
        env.put("PYTEST_DISABLE_PLUGIN_AUTOLOAD", "1");
        env.put("PYTHONHASHSEED", "0");
        return env;
    }
}
