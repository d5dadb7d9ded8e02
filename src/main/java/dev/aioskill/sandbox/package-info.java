/**
 * Sandboxed pytest runs: {@link dev.aioskill.sandbox.PytestSandbox} runs untrusted Python code and
 * its tests and returns a {@link dev.aioskill.sandbox.TestRun} read from pytest's JUnit XML.
 *
 * <h2>What is protected: the host</h2>
 * <ul>
 *   <li>Identity: started as root, the JVM drops to a slot uid (61000 and up, one per concurrent
 *       run, locked across JVMs) with {@code setpriv} (no capabilities, empty bounding set,
 *       no_new_privs) before bubblewrap starts, so the code is an unprivileged uid on the host: it
 *       cannot read root-only files and cannot ignore its limits. Started as an ordinary user, the
 *       run keeps that user's uid.</li>
 *   <li>Namespaces: {@code bwrap --unshare-all --unshare-user --disable-userns --die-with-parent
 *       --new-session}: own network namespace with only {@code lo} (nothing reaches the host's
 *       loopback or any other address), own pid namespace (the host's processes are invisible and
 *       unkillable; when the sandbox's init dies every process in it dies), own ipc, uts and cgroup
 *       namespaces, no nested user namespaces, no controlling terminal.</li>
 *   <li>File system: a read-only root holding {@code /usr} (and Debian's /bin, /lib, /lib64, /sbin
 *       symlinks), /etc file by file ({@code ld.so.cache}, {@code localtime}, and generated
 *       {@code passwd}, {@code group}, {@code hosts}, {@code nsswitch.conf}; never the host's
 *       shadow, keys or accounts), the caller's files read-only at /input and copied into a
 *       size-capped tmpfs work directory at /sandbox, a size-capped private /tmp and /dev/shm, a
 *       minimal /dev, a fresh /proc. The only writable host path is the run's own JUnit XML file.
 *       The project's files, HOME and /root do not exist inside.</li>
 *   <li>Environment: bubblewrap's own environment is built from nothing (PATH, LANG, HOME=/sandbox,
 *       USER, LOGNAME, TMPDIR, PYTHONDONTWRITEBYTECODE, PYTEST_DISABLE_PLUGIN_AUTOLOAD,
 *       PYTHONHASHSEED), so no API key or token reaches the code, /proc/N/environ included.</li>
 *   <li>Limits ({@link dev.aioskill.sandbox.SandboxLimits}): prlimit sets CPU seconds, address
 *       space, processes, file size, open files and no core files before bubblewrap starts (soft
 *       equals hard except CPU, whose hard limit is one second above so SIGXCPU names the cause);
 *       the JVM enforces the wall-clock timeout and caps the output it keeps; when {@code run}
 *       returns no process of the run is left (zombies waiting for the host's init to reap them
 *       excepted: they run nothing).</li>
 *   <li>Fail closed: without a working bubblewrap (or setpriv/prlimit, or with an interpreter
 *       outside /usr) the run is {@code refused}, unless the caller allowed an unsandboxed run,
 *       which keeps the limits, the cleared environment and (as root) the slot uid, but has no
 *       namespaces: it can read world-readable host files and reach the network.</li>
 * </ul>
 *
 * <h2>What is not protected: the honesty of the result</h2>
 * The code under test runs in the same process as pytest. It can rewrite its own JUnit XML, patch
 * pytest, or skip its assertions, so a {@code passed} from hostile code proves nothing about that
 * code. A user's {@code conftest.py} is such code too: it is loaded, and the plugins it names with
 * {@code pytest_plugins} load from the read-only /usr and the work directory only, inside the same
 * sandbox and limits (a missing one makes the run an {@code error} naming it). The user's
 * pytest.ini, tox.ini, setup.cfg and pyproject.toml are never read: the harness passes its own ini
 * with {@code -c} from outside the work directory.
 *
 * <h2>Known gaps</h2>
 * No seccomp filter (the code can make any syscall an unprivileged user may make in its own
 * namespaces); /proc shows host-wide facts such as the kernel version and memory size; the three
 * tmpfs mounts can hold up to three times {@code scratchBytes} of memory outside the address-space
 * limit; slot uids 61000-61007 must be unused on the host.
 */
package dev.aioskill.sandbox;
