package dev.aioskill.sandbox;

import static dev.aioskill.sandbox.SandboxFixtures.py;
import static dev.aioskill.sandbox.SandboxFixtures.sandbox;
import static dev.aioskill.sandbox.SandboxFixtures.tests;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One test per attack. Each runs the attack for real inside the sandbox and asserts two things:
 * the host is unharmed (checked from the JVM's side), and the result says what happened.
 */
class HostileBatteryTest {

    private static final long MIB = 1024L * 1024L;

    private final HostProcesses host = new HostProcesses();
    private final PytestSandbox sandbox = SandboxFixtures.sandbox(host);
    private final SandboxLimits limits = SandboxLimits.defaults().withWallTimeout(Duration.ofSeconds(15));

    @AfterEach
    void noSandboxProcessOutlivesItsRun() {
        assertThat(host.leftOvers()).as("processes of the run's uid when run returned").isEmpty();
    }

    private static String describe(TestRun run) {
        return run.status() + " / " + run.message() + "\n" + run.output();
    }

    @Test
    void tcpToAListenerOnTheHostsLoopbackNeverConnects() throws Exception {
        AtomicInteger accepted = new AtomicInteger();
        try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            listener.setSoTimeout(100);
            Thread acceptor = new Thread(() -> {
                while (!listener.isClosed()) {
                    try (Socket ignored = listener.accept()) {
                        accepted.incrementAndGet();
                    } catch (SocketTimeoutException e) {
                        // keep listening
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();

            TestRun run = sandbox.run(tests(py(
                    "import socket, pytest",
                    "def test_connect_to_host_loopback():",
                    "    for host in ('127.0.0.1', 'localhost'):",
                    "        with pytest.raises(OSError) as refused:",
                    "            socket.create_connection((host, " + listener.getLocalPort() + "), timeout=2)",
                    "        print('connect to', host, 'failed:', refused.value)")), limits);

            assertThat(run.status()).as(describe(run)).isEqualTo(TestStatus.PASSED);
            Thread.sleep(200);
            assertThat(accepted.get()).as("connections the host's listener accepted").isZero();
        }
    }

    @Test
    void onlyTheLoopbackInterfaceIsVisible() throws Exception {
        List<String> hostInterfaces = Files.readAllLines(Path.of("/proc/net/dev")).stream().skip(2)
                .map(line -> line.split(":")[0].strip()).toList();
        assumeThat(hostInterfaces).as("the host has an interface besides lo, so the test can tell").hasSizeGreaterThan(1);

        TestRun run = sandbox.run(tests(py(
                "import socket",
                "def test_interfaces():",
                "    lines = open('/proc/net/dev').read().splitlines()[2:]",
                "    names = [line.split(':')[0].strip() for line in lines]",
                "    print('interfaces:', names)",
                "    assert names == ['lo']",
                "    assert [name for _, name in socket.if_nameindex()] == ['lo']")), limits);

        assertThat(run.status()).as(describe(run)).isEqualTo(TestStatus.PASSED);
    }

    @Test
    void etcShadowAndTheHostsAccountsCannotBeRead() {
        assumeThat(Path.of("/etc/shadow")).exists();

        TestRun run = sandbox.run(tests(py(
                "import os, pytest",
                "def test_shadow():",
                "    for secret in ('/etc/shadow', '/etc/gshadow', '/etc/ssh', '/etc/sudoers'):",
                "        assert not os.path.exists(secret), secret",
                "    with pytest.raises(FileNotFoundError):",
                "        open('/etc/shadow').read()",
                "    assert set(os.listdir('/etc')) <= {'group', 'hosts', 'ld.so.cache', 'localtime', 'nsswitch.conf', 'passwd'}",
                "    passwd = open('/etc/passwd').read()",
                "    assert 'root' not in passwd and 'sandbox' in passwd")), limits);

        assertThat(run.status()).as(describe(run)).isEqualTo(TestStatus.PASSED);
    }

    @Test
    void sshKeysInAHomeDirectoryAreNotVisible(@TempDir Path fakeHome) throws IOException {
        String nonce = UUID.randomUUID().toString();
        String canary = "aioskill-ssh-canary-" + nonce;
        Path key = Files.createDirectories(fakeHome.resolve(".ssh")).resolve("id_ed25519");
        Files.writeString(key, "-----BEGIN OPENSSH PRIVATE KEY-----\n" + canary + "\n");

        TestRun run = sandbox.run(tests(py(
                "import os",
                "def test_ssh_keys():",
                "    assert not os.path.exists(" + pyString(key.toString()) + ")",
                "    assert not os.path.exists('/root')",
                "    assert os.path.expanduser('~') == '/sandbox'",
                "    assert not os.path.exists(os.path.expanduser('~/.ssh'))",
                "    found = []",
                "    for top in ('/etc', '/tmp', '/sandbox', '/input', '/harness', '/results'):",
                "        for root, dirs, files in os.walk(top):",
                "            for name in files:",
                "                try:",
                "                    if 'aioskill-ssh-' + 'canary-" + nonce + "' in open(os.path.join(root, name), errors='ignore').read(1 << 20):",
                "                        found.append(os.path.join(root, name))",
                "                except OSError:",
                "                    pass",
                "    assert found == []")), limits);

        // The full canary never appears in the test file, so finding it would mean the key leaked in.
        assertThat(run.status()).as(describe(run)).isEqualTo(TestStatus.PASSED);
        assertThat(key).hasContent("-----BEGIN OPENSSH PRIVATE KEY-----\n" + canary);
    }

    @Test
    void theProjectsOwnFilesAreNotVisible() {
        Path pom = Path.of("pom.xml").toAbsolutePath();
        assumeThat(pom).exists();

        TestRun run = sandbox.run(tests(py(
                "import os",
                "def test_project_files():",
                "    assert not os.path.exists(" + pyString(pom.toString()) + ")",
                "    assert not os.path.exists(" + pyString(pom.getParent().toString()) + ")",
                "    assert set(os.listdir('/')) <= {'bin', 'dev', 'etc', 'harness', 'input', 'lib', 'lib32', 'lib64', 'libx32',",
                "                                    'proc', 'results', 'sandbox', 'sbin', 'tmp', 'usr'}")),
                limits);

        assertThat(run.status()).as(describe(run)).isEqualTo(TestStatus.PASSED);
    }

    @Test
    void writesOutsideTheWorkDirectoryDoNotReachTheHost() {
        String nonce = UUID.randomUUID().toString();
        Path hostTmp = Path.of("/tmp", "aioskill-escape-" + nonce);
        Path repo = Path.of("escape-" + nonce).toAbsolutePath();
        Path rootHome = Path.of("/root", "aioskill-escape-" + nonce);

        TestRun run = sandbox.run(tests(py(
                "import os, pytest",
                "def test_write_outside():",
                "    open(" + pyString(hostTmp.toString()) + ", 'w').write('escaped')  # lands in the private /tmp",
                "    for target in (" + pyString(repo.toString()) + ", " + pyString(rootHome.toString()) + ", '/usr/escape', '/escape', '/etc/escape', '/input/escape', '/harness/pytest.ini'):",
                "        with pytest.raises(OSError):",
                "            open(target, 'w').write('escaped')",
                "        print('refused:', target)")), limits);

        assertThat(run.status()).as(describe(run)).isEqualTo(TestStatus.PASSED);
        assertThat(hostTmp).doesNotExist();
        assertThat(repo).doesNotExist();
        assertThat(rootHome).doesNotExist();
    }

    @Test
    void aSymlinkOutOfTheWorkDirectoryLeadsNowhere(@TempDir Path hostDir) throws IOException {
        Path hostFile = hostDir.resolve("precious.txt");
        Files.writeString(hostFile, "untouched");

        TestRun run = sandbox.run(tests(py(
                "import os, pytest",
                "def test_symlink_out():",
                "    os.symlink(" + pyString(hostFile.toString()) + ", 'link_to_host')",
                "    os.symlink('/proc/1/root/etc', 'link_to_init_root')",
                "    with pytest.raises(OSError):",
                "        open('link_to_host', 'w').write('overwritten')",
                "    assert not os.path.exists('link_to_init_root/shadow')",
                "    assert sorted(os.listdir('/proc/1/root/')) == sorted(os.listdir('/'))")), limits);

        assertThat(run.status()).as(describe(run)).isEqualTo(TestStatus.PASSED);
        assertThat(hostFile).hasContent("untouched");
    }

    @Test
    void aForkBombIsBoundedByTheProcessLimit() throws Exception {
        SandboxLimits bounded = limits.withMaxProcesses(64);
        TestRun run = sandbox.run(tests(py(
                    "import os, time",
                    "def test_fork_bomb(capfd):",
                    "    forked, error = 0, None",
                    "    try:",
                    "        for _ in range(5000):",
                    "            if os.fork() == 0:",
                    "                try:",
                    "                    while True:",
                    "                        os.fork()",
                    "                except OSError:",
                    "                    time.sleep(60)",
                    "                os._exit(0)",
                    "            forked += 1",
                    "    except OSError as e:",
                    "        error = e",
                    "    with capfd.disabled():",
                    "        print('forked', forked, 'then', repr(error), flush=True)",
                    "    assert isinstance(error, BlockingIOError)")), bounded);

        assertThat(run.status()).as(describe(run)).isEqualTo(TestStatus.PASSED);
        assertThat(run.stdout()).contains("BlockingIOError");
        assertThat(host.maxSeen()).as("processes of the run's uid seen on the host").isBetween(2, 64);
    }

    @Test
    void aMemoryBombGetsMemoryErrorAtTheAddressSpaceLimit() {
        TestRun run = sandbox.run(tests(py(
                "import pytest",
                "def test_memory_bomb(capfd):",
                "    hoard = []",
                "    with pytest.raises(MemoryError):",
                "        for _ in range(32):  # 32 x 64 MiB = 2 GiB at most",
                "            hoard.append(bytearray(64 << 20))",
                "    with capfd.disabled():",
                "        print('held', len(hoard) * 64, 'MiB before MemoryError', flush=True)",
                "    assert len(hoard) * 64 < 512")), limits.withAddressSpaceBytes(512 * MIB));

        assertThat(run.status()).as(describe(run)).isEqualTo(TestStatus.PASSED);
        assertThat(run.stdout()).contains("before MemoryError");
    }

    @Test
    void aCpuSpinIsKilledAtTheCpuLimit() {
        TestRun run = sandbox.run(tests(py(
                "def test_spin():",
                "    while True:",
                "        pass")), limits.withCpuSeconds(2));

        assertThat(run.status()).as(describe(run)).isEqualTo(TestStatus.ERROR);
        assertThat(run.message()).contains("SIGXCPU").contains("CPU limit of 2 s");
        assertThat(run.wallSeconds()).isLessThan(14);
    }

    @Test
    void sleepingForeverHitsTheWallClockTimeout() {
        TestRun run = sandbox.run(tests(py(
                "import time",
                "def test_sleep_forever():",
                "    time.sleep(10 ** 6)")), limits.withWallTimeout(Duration.ofSeconds(3)));

        assertThat(run.status()).as(describe(run)).isEqualTo(TestStatus.TIMEOUT);
        assertThat(run.message()).contains("wall-clock timeout of 3 s");
        assertThat(run.wallSeconds()).isBetween(2.9, 8.0);
    }

    @Test
    void aDaemonLeftRunningIsDeadWhenRunReturns() throws Exception {
        TestRun run = sandbox.run(tests(py(
                    "import os, subprocess, time",
                    "def daemonise():",
                    "    if os.fork() == 0:",
                    "        os.setsid()",
                    "        if os.fork() == 0:",
                    "            os.execv('/usr/bin/sleep', ['sleep', '3600'])",
                    "        os._exit(0)",
                    "def test_leave_daemons_behind():",
                    "    subprocess.Popen(['setsid', 'sh', '-c', 'sleep 3600 & sleep 3600'], start_new_session=True)",
                    "    daemonise()",
                    "    time.sleep(0.5)",
                    "    sleepers = [p for p in os.listdir('/proc') if p.isdigit()",
                    "                and open(f'/proc/{p}/cmdline', 'rb').read().startswith(b'sleep')]",
                    "    assert len(sleepers) >= 3")), limits);

        assertThat(run.status()).as(describe(run)).isEqualTo(TestStatus.PASSED);
        assertThat(host.maxSeen()).as("the daemons were alive on the host during the run").isGreaterThanOrEqualTo(5);
        // noSandboxProcessOutlivesItsRun checks the host right after run returned.
    }

    @Test
    void a100MegabyteFloodIsCappedWithAMarker() {
        Runtime runtime = Runtime.getRuntime();
        TestRun run = sandbox.run(tests(py(
                "import sys",
                "def test_flood(capfd):",
                "    chunk = 'x' * (1 << 20) + '\\n'",
                "    with capfd.disabled():",
                "        for _ in range(100):",
                "            sys.stdout.write(chunk)",
                "        sys.stdout.flush()")), limits);

        assertThat(run.status()).as(run.status() + " " + run.message()).isEqualTo(TestStatus.PASSED);
        assertThat(run.stdout().length()).isLessThan((int) (1 * MIB) + 200);
        assertThat(run.stdout()).contains("[aioskill: output cut here");
        assertThat(run.output()).contains("[aioskill: output cut here");
        assertThat(runtime.totalMemory() - runtime.freeMemory()).isLessThan(runtime.maxMemory());
    }

    @Test
    void writingPastTheFileSizeLimitFailsWithEfbig() {
        TestRun run = sandbox.run(tests(py(
                "import errno, pytest",
                "def test_big_file(capfd):",
                "    for path in ('big.bin', '/tmp/big.bin'):",
                "        with pytest.raises(OSError) as too_big:",
                "            with open(path, 'wb') as f:",
                "                for _ in range(4):",
                "                    f.write(b'x' * (1 << 20))",
                "        with capfd.disabled():",
                "            print(path, too_big.value, flush=True)",
                "        assert too_big.value.errno == errno.EFBIG")), limits.withMaxFileBytes(MIB));

        assertThat(run.status()).as(describe(run)).isEqualTo(TestStatus.PASSED);
        assertThat(run.stdout()).contains("File too large");
    }

    @Test
    void killingTheParentByPidDoesNotReachTheJvm() {
        long jvm = ProcessHandle.current().pid();
        TestRun run = sandbox.run(tests(py(
                "import os, signal, time",
                "def test_kill_parent(capfd):",
                "    os.kill(os.getppid(), signal.SIGKILL)  # the sandbox's init: immune from inside",
                "    try:",
                "        os.kill(" + jvm + ", signal.SIGKILL)  # the JVM's host pid: not in this pid namespace",
                "    except (ProcessLookupError, PermissionError) as e:",
                "        print('jvm pid:', e)",
                "    try:",
                "        os.kill(-1, signal.SIGKILL)  # every process this uid may signal, except ourselves",
                "    except ProcessLookupError:",
                "        pass  # nothing else to kill",
                "    time.sleep(0.2)",
                "    with capfd.disabled():",
                "        print('still here, parent', os.getppid(), flush=True)")), limits);

        assertThat(ProcessHandle.current().isAlive()).isTrue();
        assertThat(run.status()).as(describe(run)).isEqualTo(TestStatus.PASSED);
        assertThat(run.stdout()).contains("still here");
        TestRun after = sandbox.run(tests(py("def test_ok():", "    pass")), limits);
        assertThat(after.status()).isEqualTo(TestStatus.PASSED);
    }

    @Test
    void theUsersIniFilesCannotChangePytestOptions() {
        Map<String, String> files = new HashMap<>();
        String hostile = "addopts = -p no:pytest_asyncio.plugin --collect-only -x --junitxml=/tmp/elsewhere.xml\nasyncio_mode = strict\n";
        files.put("pytest.ini", "[pytest]\n" + hostile);
        files.put("tox.ini", "[pytest]\n" + hostile);
        files.put("setup.cfg", "[tool:pytest]\n" + hostile);
        files.put("pyproject.toml", "[tool.pytest.ini_options]\naddopts = \"--collect-only\"\nasyncio_mode = \"strict\"\n");
        files.put("test_options.py", py(
                "import asyncio",
                "async def test_runs_in_auto_mode():",
                "    await asyncio.sleep(0)",
                "def test_second_test_still_runs():",
                "    assert True"));

        TestRun run = sandbox.run(files, limits);

        assertThat(run.status()).as(describe(run)).isEqualTo(TestStatus.PASSED);
        assertThat(run.passed()).isEqualTo(2);
    }

    @Test
    void aConftestLoadingAMissingPluginFailsCleanly() {
        TestRun run = sandbox.run(Map.of(
                "conftest.py", py("pytest_plugins = ['aioskill_no_such_plugin']"),
                "test_x.py", py("def test_x():", "    pass")), limits);

        assertThat(run.status()).as(describe(run)).isEqualTo(TestStatus.ERROR);
        assertThat(run.message()).contains("aioskill_no_such_plugin");
    }

    @Test
    void aConftestPluginRunsInsideTheSameSandbox() {
        TestRun run = sandbox.run(Map.of(
                "conftest.py", py(
                        "import os",
                        "pytest_plugins = ['pytester']",
                        "def pytest_configure(config):",
                        "    open('/tmp/plugin-ran', 'w').write(str(os.getuid()))"),
                "test_x.py", py(
                        "import os",
                        "def test_plugin_had_no_more_rights():",
                        "    assert open('/tmp/plugin-ran').read() == str(os.getuid())",
                        "    assert os.getuid() != 0")), limits);

        assertThat(run.status()).as(describe(run)).isEqualTo(TestStatus.PASSED);
    }

    static String pyString(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
