package dev.aioskill.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aioskill.config.PythonInterpreter;
import dev.aioskill.config.PythonResolver;
import dev.aioskill.config.Settings;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Python checker behind a pool of warm worker processes ({@code python -m aioskill_checker --worker}).
 *
 * <p>Thread-safe: any number of threads may call {@link #check} at once; at most {@code poolSize}
 * requests run at a time, one per worker. Workers start on first use. A request that takes longer
 * than the timeout kills its worker and returns an error; a worker that dies is replaced and the
 * request is retried once on a fresh one. Close it to stop the workers (they also exit by themselves
 * when the JVM goes away and their input closes).
 *
 * <p>Workers run isolated from the user's environment; see {@link WorkerLaunch} for the exact
 * command line and the environment they get (no API key or token reaches them).
 */
public final class AsyncChecker implements AutoCloseable {

    /** Longest time one file may take before its worker is killed. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private static final Logger LOG = LoggerFactory.getLogger(AsyncChecker.class);
    private static final AtomicLong WORKER_STARTS = new AtomicLong();

    private final ObjectMapper json = new ObjectMapper();
    private final LaunchSource launchSource;
    private final int poolSize;
    private final Duration timeout;
    private final Semaphore permits;
    private final ConcurrentLinkedDeque<WorkerProcess> idle = new ConcurrentLinkedDeque<>();
    private final Set<WorkerProcess> live = ConcurrentHashMap.newKeySet();
    private final AtomicLong nextId = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    private final AtomicLong started = new AtomicLong();
    private final ScheduledThreadPoolExecutor watchdog;
    private volatile WorkerLaunch launch;
    private volatile boolean closed;

    /** What the checker needs from its environment, resolved on first use. */
    private interface LaunchSource {
        WorkerLaunch resolve();
    }

    /** A pool of one worker per available processor, the default timeout, settings from the environment. */
    public AsyncChecker() {
        this(Settings.load());
    }

    public AsyncChecker(Settings settings) {
        this(settings, Runtime.getRuntime().availableProcessors(), DEFAULT_TIMEOUT);
    }

    /**
     * @param settings where AIOSKILL_PYTHON and the cache directory come from
     * @param poolSize how many worker processes at most (each holds one Python interpreter, ~20 MB)
     * @param timeout  how long one file may take
     */
    public AsyncChecker(Settings settings, int poolSize, Duration timeout) {
        this(() -> launchFor(new PythonResolver(settings).resolve(), CheckerInstall.fromClasspath(settings)), poolSize, timeout);
    }

    /** A pool running this checker on this interpreter (both already resolved by the caller). */
    public AsyncChecker(PythonInterpreter python, CheckerInstall install, int poolSize, Duration timeout) {
        this(() -> launchFor(python, install), poolSize, timeout);
    }

    /** A pool running the given command as its workers (tests use a stand-in worker script). */
    AsyncChecker(WorkerLaunch launch, int poolSize, Duration timeout) {
        this(() -> launch, poolSize, timeout);
    }

    private AsyncChecker(LaunchSource launchSource, int poolSize, Duration timeout) {
        if (poolSize < 1) {
            throw new IllegalArgumentException("poolSize must be at least 1, got " + poolSize);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
        this.launchSource = launchSource;
        this.poolSize = poolSize;
        this.timeout = timeout;
        this.permits = new Semaphore(poolSize, true);
        this.watchdog = new ScheduledThreadPoolExecutor(1, daemonThreads("aioskill-checker-watchdog"));
        this.watchdog.setRemoveOnCancelPolicy(true);
    }

    /** The worker command for this interpreter and checker, unpacking the checker if needed. */
    static WorkerLaunch launchFor(PythonInterpreter python, CheckerInstall install) {
        return new WorkerLaunch(python.executable(), install.unpack(), WorkerLaunch.CHECKER_ENVIRONMENT);
    }

    /**
     * Checks decoded source text. Blocks while all workers are busy.
     *
     * @return the findings, or a failed result when the file timed out or crashed the checker twice
     * @throws dev.aioskill.config.ConfigurationException when no Python 3 is found (first call only)
     * @throws CheckerException when the checker cannot be unpacked or started
     * @throws IllegalStateException after {@link #close()}
     */
    public CheckResult check(String path, String source) {
        ObjectNode request = json.createObjectNode();
        request.put("path", path);
        request.put("source", source);
        return send(path, request);
    }

    /**
     * Checks raw file bytes; the checker decodes them as Python decodes a source file (BOM, PEP 263
     * coding cookie, else UTF-8). Same results and exceptions as {@link #check(String, String)}.
     */
    public CheckResult check(String path, byte[] bytes) {
        ObjectNode request = json.createObjectNode();
        request.put("path", path);
        request.put("source_b64", Base64.getEncoder().encodeToString(bytes));
        return send(path, request);
    }

    /**
     * Checks files on all workers at once. Results come back in the order of {@code files}; a file that
     * cannot be read gives a failed result, the others are still checked.
     */
    public List<CheckResult> checkAll(List<Path> files) {
        return new FileChecker(this, null).checkFiles(files);
    }

    /** Starts every worker not yet running, without waiting for them to be ready. */
    public void warmUp() {
        int missing = poolSize - live.size();
        for (int i = 0; i < missing && permits.tryAcquire(); i++) {
            try {
                idle.addLast(startWorker());
            } finally {
                permits.release();
            }
        }
    }

    public int poolSize() {
        return poolSize;
    }

    public Duration timeout() {
        return timeout;
    }

    /** The interpreter and checker directory this pool runs, resolved (and unpacked) on first call. */
    WorkerLaunch launch() {
        WorkerLaunch resolved = launch;
        if (resolved == null) {
            synchronized (this) {
                if (launch == null) {
                    launch = launchSource.resolve();
                }
                resolved = launch;
            }
        }
        return resolved;
    }

    /** Process ids of the running workers (tests kill one to prove recovery, or read its environment). */
    List<Long> workerPids() {
        return live.stream().map(WorkerProcess::pid).sorted().toList();
    }

    /** Worker processes this pool has started, replacements included. */
    public long startedWorkers() {
        return started.get();
    }

    /** Requests sent a second time because their worker died (tests prove the retry happened). */
    long retries() {
        return retries.get();
    }

    /** Worker processes started by every pool in this JVM so far; proves a cached run started none. */
    public static long workerStarts() {
        return WORKER_STARTS.get();
    }

    private CheckResult send(String path, ObjectNode request) {
        if (closed) {
            throw new IllegalStateException("this AsyncChecker is closed");
        }
        try {
            permits.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CheckerException("interrupted while waiting for a checker worker", e);
        }
        try {
            return sendWithRetry(path, request);
        } finally {
            permits.release();
        }
    }

    private CheckResult sendWithRetry(String path, ObjectNode request) {
        String firstFailure = null;
        for (int attempt = 1; attempt <= 2; attempt++) {
            if (closed) {
                throw new IllegalStateException("this AsyncChecker is closed");
            }
            WorkerProcess worker = takeWorker();
            long id = nextId.incrementAndGet();
            request.put("id", id);
            byte[] line;
            try {
                line = json.writeValueAsBytes(request);
            } catch (IOException e) {
                release(worker);
                throw new CheckerException("cannot encode a checker request for " + path, e);
            }
            ScheduledFuture<?> alarm = watchdog.schedule(worker::markTimedOut, timeout.toMillis(), TimeUnit.MILLISECONDS);
            JsonNode response;
            try {
                response = worker.exchange(id, line);
            } catch (IOException e) {
                alarm.cancel(false);
                discard(worker);
                if (worker.timedOut()) {
                    LOG.debug("checker worker {} timed out on {}; replaced", worker.pid(), path);
                    return CheckResult.failed(path, "the checker took longer than " + describe(timeout)
                            + " on " + path + " and was stopped; the file was not checked");
                }
                String reason = e.getMessage();
                LOG.debug("checker worker {} died on {} (attempt {}): {}; stderr: {}", worker.pid(), path, attempt, reason,
                        worker.stderrTail());
                firstFailure = firstFailure == null ? reason : firstFailure;
                if (attempt == 1) {
                    retries.incrementAndGet();
                }
                continue;
            }
            alarm.cancel(false);
            release(worker);
            return toResult(path, response);
        }
        return CheckResult.failed(path, "the checker crashed twice on " + path + ": " + firstFailure);
    }

    private CheckResult toResult(String path, JsonNode response) {
        JsonNode error = response.get("error");
        if (error != null && !error.isNull()) {
            return CheckResult.failed(path, error.asText());
        }
        JsonNode findings = response.get("findings");
        if (findings == null || !findings.isArray()) {
            return CheckResult.failed(path, "the checker answered without findings or error: " + response);
        }
        try {
            return CheckResult.checked(path, List.of(json.treeToValue(findings, Finding[].class)));
        } catch (IOException | IllegalArgumentException e) {
            return CheckResult.failed(path, "the checker's findings do not match the Finding record: " + e.getMessage());
        }
    }

    private WorkerProcess takeWorker() {
        WorkerProcess worker;
        while ((worker = idle.pollFirst()) != null) {
            if (worker.usable()) {
                return worker;
            }
            discard(worker);
        }
        return startWorker();
    }

    private WorkerProcess startWorker() {
        WorkerProcess worker = WorkerProcess.start(launch(), json);
        WORKER_STARTS.incrementAndGet();
        started.incrementAndGet();
        live.add(worker);
        if (closed) {
            discard(worker);
            throw new IllegalStateException("this AsyncChecker is closed");
        }
        return worker;
    }

    private void release(WorkerProcess worker) {
        if (worker.usable() && !closed) {
            // Most recently used first: its memory is warm and idle ones may be trimmed later.
            idle.addFirst(worker);
        } else {
            discard(worker);
        }
    }

    private void discard(WorkerProcess worker) {
        live.remove(worker);
        worker.kill();
    }

    /** Stops every worker. Requests still running fail; later calls throw IllegalStateException. */
    @Override
    public void close() {
        closed = true;
        List<WorkerProcess> stopping = new java.util.ArrayList<>();
        WorkerProcess worker;
        while ((worker = idle.pollFirst()) != null) {
            live.remove(worker);
            worker.closeInput();
            stopping.add(worker);
        }
        // All inputs closed first, so the workers exit together rather than one after another.
        stopping.forEach(WorkerProcess::close);
        for (WorkerProcess busy : List.copyOf(live)) {
            discard(busy);
        }
        watchdog.shutdownNow();
    }

    private static String describe(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }

    private static ThreadFactory daemonThreads(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
