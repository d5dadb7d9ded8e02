package dev.aioskill.sandbox;

import dev.aioskill.config.PythonInterpreter;
import dev.aioskill.config.PythonResolver;
import dev.aioskill.config.Settings;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs untrusted Python code and its pytest tests so that the host is unharmed whatever the code
 * does: bubblewrap with every namespace unshared, started as an unprivileged uid of a slot pool,
 * under resource limits, with a wall-clock timeout, a capped output and an environment that holds
 * nothing of the host's. Where bubblewrap cannot run, the run is refused (fail closed) unless
 * {@link SandboxOptions#allowUnsandboxed()} says otherwise.
 *
 * <p>What the sandbox protects is the host. It does not make the result honest: code under test
 * can rewrite its own report, so a "passed" from hostile code proves nothing about that code.
 *
 * <p>Thread-safe: concurrent runs each take their own uid and directories.
 */
public final class PytestSandbox {

    /** The names the agent's tool writes: tests import the code with {@code import app}. */
    public static final String CODE_FILE = "app.py";
    public static final String TESTS_FILE = "test_app.py";

    /** What the model's run_pytest tool should tell the model about {@link #runCodeAndTests}. */
    public static final String TOOL_DESCRIPTION = "Runs pytest on Python code and its tests in a sandbox with no network"
            + " and a 30 s limit. The code is saved as app.py and the tests as test_app.py, so the tests import"
            + " the code with `from app import ...`. async def tests run without markers (pytest-asyncio, auto mode)."
            + " Returns the status (passed, failed, error, timeout, refused), one line per test and failure tracebacks.";

    static final String INSTALL_HINT = "install it with: apt-get install bubblewrap";

    private static final Logger LOG = LoggerFactory.getLogger(PytestSandbox.class);
    /**
     * bubblewrap set-ups known to work: the probe costs a process start, so it runs once per JVM.
     * Failures are not remembered, so a fixed machine works without a restart.
     */
    private static final Set<String> WORKING = ConcurrentHashMap.newKeySet();
    /** How long the leftovers of a killed sandbox get to disappear before we report them. */
    private static final long REAP_MILLIS = 5_000;

    private final PythonInterpreter python;
    private final SandboxOptions options;
    private final UidSlots slots;
    private final boolean asRoot;
    private final SlotObserver observer;

    public PytestSandbox(PythonInterpreter python, SandboxOptions options) {
        this(python, options, SlotObserver.NONE);
    }

    PytestSandbox(PythonInterpreter python, SandboxOptions options, SlotObserver observer) {
        this.python = python;
        this.options = options;
        this.observer = observer;
        this.slots = new UidSlots(options.firstUid(), options.slots(), options.slotLockDir());
        this.asRoot = currentUid() == 0;
    }

    /** The resolved interpreter ({@code AIOSKILL_PYTHON}, else /usr/bin/python3) with default options. */
    public static PytestSandbox fromSettings(Settings settings, boolean allowUnsandboxed) {
        return new PytestSandbox(new PythonResolver(settings).resolve(),
                SandboxOptions.defaults().withAllowUnsandboxed(allowUnsandboxed));
    }

    /**
     * The agent's tool form: writes {@code code} as {@value #CODE_FILE} and {@code tests} as
     * {@value #TESTS_FILE} (so the tests do {@code from app import ...}) and runs them.
     */
    public TestRun runCodeAndTests(String code, String tests, SandboxLimits limits) {
        return run(Map.of(CODE_FILE, code, TESTS_FILE, tests), limits);
    }

    /**
     * Runs pytest over {@code files} (relative path to content) in a fresh sandbox.
     *
     * @throws InvalidSandboxFilesException when a path is absolute, leaves the work directory, or a
     *     file is too large; nothing runs then
     */
    public TestRun run(Map<String, String> files, SandboxLimits limits) {
        SandboxFiles checked = SandboxFiles.validate(files, limits);
        try (UidSlots.Slot slot = slots.acquire(limits.wallTimeout().toMillis() + 10_000)) {
            int uid = asRoot ? slot.uid : currentUid();
            Optional<String> refusal = refusal(uid);
            if (refusal.isPresent()) {
                if (!options.allowUnsandboxed()) {
                    return TestRun.refused(refusal.get());
                }
                LOG.warn("running unsandboxed as allowed: {}", refusal.get());
                return execute(checked, limits, uid, false, refusal.get());
            }
            return execute(checked, limits, uid, true, "");
        } catch (IOException e) {
            return failure("the sandbox could not be prepared: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failure("interrupted before the run finished");
        }
    }

    /** Why bubblewrap cannot isolate a run here, or empty when it can. */
    public Optional<String> refusalReason() {
        try (UidSlots.Slot slot = slots.acquire(10_000)) {
            return refusal(asRoot ? slot.uid : currentUid());
        } catch (IOException e) {
            return Optional.of("the sandbox could not be prepared: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted");
        }
    }

    private Optional<String> refusal(int uid) {
        Path bwrap = options.bwrap();
        if (!Files.isExecutable(bwrap)) {
            return Optional.of("bubblewrap not found at " + bwrap + "; " + INSTALL_HINT);
        }
        if (!Files.isExecutable(options.prlimit())) {
            return Optional.of("prlimit not found at " + options.prlimit() + ", so no limits can be set; install util-linux");
        }
        if (asRoot && !Files.isExecutable(options.setpriv())) {
            return Optional.of("setpriv not found at " + options.setpriv()
                    + ", so the sandbox cannot drop root to an unprivileged uid; install util-linux");
        }
        Optional<Path> inside = interpreterInsideSandbox();
        if (inside.isEmpty()) {
            return Optional.of("the Python interpreter " + python.executable() + " is outside /usr, the only part of the"
                    + " host the sandbox mounts; point AIOSKILL_PYTHON at an interpreter under /usr (such as /usr/bin/python3)");
        }
        String key = bwrap + "|" + options.setpriv() + "|" + asRoot;
        if (WORKING.contains(key)) {
            return Optional.empty();
        }
        Optional<String> problem = probe(uid);
        if (problem.isEmpty()) {
            WORKING.add(key);
        }
        return problem;
    }

    /** Starts an empty bubblewrap sandbox once to learn whether namespaces can be created here. */
    private Optional<String> probe(int uid) {
        List<String> argv = new ArrayList<>();
        if (asRoot) {
            argv.addAll(List.of(options.setpriv().toString(), "--reuid=" + uid, "--regid=" + uid,
                    "--clear-groups", "--inh-caps=-all", "--no-new-privs"));
        }
        argv.addAll(List.of(options.bwrap().toString(), "--unshare-all", "--unshare-user", "--disable-userns",
                "--die-with-parent", "--new-session"));
        argv.addAll(SandboxCommand.systemMounts());
        argv.addAll(List.of("--proc", "/proc", "--dev", "/dev", "--", interpreterInsideSandbox().orElseThrow().toString(), "-I", "-S", "-c", ""));
        try {
            ProcessBuilder builder = new ProcessBuilder(argv).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            builder.environment().clear();
            builder.environment().putAll(SandboxCommand.environment("/", "/tmp"));
            Process process = builder.start();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return Optional.of("bubblewrap did not start a sandbox within 10 s; " + INSTALL_HINT);
            }
            String said = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (process.exitValue() != 0) {
                String firstLine = said.isEmpty() ? "exit code " + process.exitValue() : said.lines().findFirst().orElse("");
                return Optional.of("bubblewrap cannot start a sandbox here (" + firstLine + "); when that is about"
                        + " namespaces, allow unprivileged user namespaces (sysctl user.max_user_namespaces > 0,"
                        + " kernel.unprivileged_userns_clone=1); otherwise " + INSTALL_HINT);
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of("bubblewrap could not be started (" + e.getMessage() + "); " + INSTALL_HINT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted while probing bubblewrap");
        }
    }

    /** The interpreter path to run inside the sandbox: only what lives under /usr is mounted there. */
    private Optional<Path> interpreterInsideSandbox() {
        Path given = python.executable().toAbsolutePath().normalize();
        try {
            Path real = given.toRealPath();
            if (!real.startsWith("/usr/")) {
                return Optional.empty();
            }
            return Optional.of(given.startsWith("/usr/") ? given : real);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private TestRun execute(SandboxFiles files, SandboxLimits limits, int uid, boolean sandboxed, String why)
            throws IOException, InterruptedException {
        try (RunDirectory dir = RunDirectory.create(files, uid, asRoot, !sandboxed)) {
            List<String> argv = new ArrayList<>(SandboxCommand.dropAndLimit(options, limits, uid, asRoot));
            ProcessBuilder builder;
            if (sandboxed) {
                argv.addAll(SandboxCommand.bubblewrap(options, limits, dir));
                argv.addAll(SandboxCommand.copyThenPytest(interpreterInsideSandbox().orElseThrow()));
                builder = new ProcessBuilder(argv).directory(dir.root.toFile());
                builder.environment().clear();
                builder.environment().putAll(SandboxCommand.environment(SandboxCommand.WORK, "/tmp"));
            } else {
                argv.addAll(SandboxCommand.pytest(python.executable(), dir.harnessIni.toString(),
                        dir.work.toString(), dir.junitXml.toString()));
                builder = new ProcessBuilder(argv).directory(dir.work.toFile());
                builder.environment().clear();
                builder.environment().putAll(SandboxCommand.environment(dir.work.toString(), dir.tmp.toString()));
            }
            builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            LOG.debug("sandbox command: {}", argv);
            return supervise(builder, dir, limits, uid, sandboxed ? Isolation.BUBBLEWRAP : Isolation.NONE, why);
        }
    }

    private TestRun supervise(ProcessBuilder builder, RunDirectory dir, SandboxLimits limits, int uid,
            Isolation isolation, String why) throws IOException, InterruptedException {
        long started = System.nanoTime();
        Process process = builder.start();
        observer.started(uid);
        CappedOutput out = new CappedOutput(process.getInputStream(), limits.outputBytes(), "sandbox-stdout");
        CappedOutput err = new CappedOutput(process.getErrorStream(), limits.outputBytes(), "sandbox-stderr");
        boolean finished = false;
        try {
            finished = process.waitFor(limits.wallTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } finally {
            // A timeout or an interrupt leaves the sandbox running: kill it now. When bubblewrap
            // ended by itself, its pid namespace dies with its init, which awaitNoProcesses checks.
            killEverything(process, uid);
        }
        double wallSeconds = (System.nanoTime() - started) / 1e9;
        boolean reaped = awaitNoProcesses(uid);
        observer.finished(uid);
        out.await(2_000);
        err.await(2_000);
        String stdout = out.text();
        String stderr = err.text();
        String output = CappedOutput.combine(out, err, limits.outputBytes());
        RunVerdict verdict = finished
                ? RunVerdict.of(JUnitReport.read(dir.junitXml), process.exitValue(), output, limits)
                : RunVerdict.timeout(JUnitReport.read(dir.junitXml), limits);
        String message = verdict.message();
        if (!reaped) {
            message = (message.isEmpty() ? "" : message + "; ") + "processes of sandbox uid " + uid + " outlived the run";
            LOG.warn("processes of sandbox uid {} still exist after {} ms", uid, REAP_MILLIS);
        }
        if (!why.isEmpty()) {
            message = (message.isEmpty() ? "" : message + "; ") + "ran WITHOUT bubblewrap: " + why;
        }
        return new TestRun(verdict.status(), verdict.count(TestCaseResult.PASSED), verdict.count(TestCaseResult.FAILED),
                verdict.count(TestCaseResult.ERROR), verdict.count(TestCaseResult.SKIPPED), verdict.cases(),
                stdout, stderr, output, wallSeconds, isolation, message);
    }

    /**
     * Kills the launcher's whole tree; as root also every process of the slot uid, which by the
     * slot's lock belongs to this run only.
     */
    private void killEverything(Process process, int uid) {
        if (!process.isAlive()) {
            // bubblewrap ended by itself; awaitNoProcesses kills whatever of its namespace is
            // still on its way out. Its children are reparented, no longer its descendants.
            return;
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        if (asRoot) {
            for (long pid : UidSlots.pidsOf(uid)) {
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
        try {
            process.waitFor(REAP_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Waits until no process of the slot uid is left (two scans in a row, a few milliseconds apart,
     * so a process caught between fork and exec in one scan shows up in the next); true when none is.
     */
    private boolean awaitNoProcesses(int uid) throws InterruptedException {
        if (!asRoot) {
            return true;
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(REAP_MILLIS);
        int emptyScans = 0;
        while (emptyScans < 2) {
            List<Long> left = UidSlots.pidsOf(uid);
            if (left.isEmpty()) {
                emptyScans++;
            } else {
                emptyScans = 0;
                if (System.nanoTime() > deadline) {
                    LOG.warn("sandbox uid {} still runs {}", uid, left);
                    return false;
                }
                left.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
            }
            Thread.sleep(3);
        }
        return true;
    }

    private static TestRun failure(String message) {
        return new TestRun(TestStatus.ERROR, 0, 0, 0, 0, List.of(), "", "", "", 0.0, Isolation.NONE, message);
    }

    /** The JVM's real uid, from /proc (no JNI, no extra module). */
    static int currentUid() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return Integer.parseInt(line.substring(4).strip().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux: no bubblewrap either, and the probe will say so.
        }
        return -1;
    }
}
