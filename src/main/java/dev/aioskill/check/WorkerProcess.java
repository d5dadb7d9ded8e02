package dev.aioskill.check;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running checker process speaking JSON lines. Used by one thread at a time (the pool hands it out);
 * {@link #kill()} may come from the watchdog thread and makes a blocked read or write fail at once.
 */
final class WorkerProcess {

    private static final Logger LOG = LoggerFactory.getLogger(WorkerProcess.class);
    private static final int STDERR_TAIL_LINES = 20;

    private final Process process;
    private final OutputStream stdin;
    private final BufferedReader stdout;
    private final Deque<String> stderrTail = new ArrayDeque<>();
    private final ObjectMapper json;
    private volatile boolean killed;
    private volatile boolean timedOut;

    private WorkerProcess(Process process, ObjectMapper json) {
        this.process = process;
        this.json = json;
        this.stdin = new BufferedOutputStream(process.getOutputStream(), 1 << 16);
        this.stdout = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8), 1 << 16);
        Thread drain = new Thread(this::drainStderr, "aioskill-checker-stderr-" + process.pid());
        drain.setDaemon(true);
        drain.start();
    }

    static WorkerProcess start(WorkerLaunch launch, ObjectMapper json) {
        ProcessBuilder builder = new ProcessBuilder(launch.moduleCommand("--worker")).directory(launch.checkerDir().toFile());
        // Nothing of aioskill's own environment (API keys, Slack tokens) reaches the checker.
        builder.environment().clear();
        builder.environment().putAll(launch.environment());
        try {
            Process process = builder.start();
            LOG.debug("started checker worker pid {}", process.pid());
            return new WorkerProcess(process, json);
        } catch (IOException e) {
            throw new CheckerException("cannot start the checker (" + launch.python() + "): " + e.getMessage()
                    + "; check the Python interpreter or set AIOSKILL_PYTHON", e);
        }
    }

    long pid() {
        return process.pid();
    }

    /** Sends one request line and reads lines until the response with the same id arrives. */
    JsonNode exchange(long id, byte[] requestLine) throws IOException {
        stdin.write(requestLine);
        stdin.write('\n');
        stdin.flush();
        while (true) {
            String line = stdout.readLine();
            if (line == null) {
                throw new IOException("the checker worker closed its output" + exitDescription());
            }
            JsonNode response;
            try {
                response = json.readTree(line);
            } catch (JsonProcessingException e) {
                // A stray print from the checker must not cost the request: skip what is not JSON.
                LOG.debug("checker worker {} wrote a non-JSON line: {}", pid(), abbreviate(line));
                continue;
            }
            if (response != null && response.isObject() && response.path("id").asLong(-1) == id) {
                return response;
            }
            LOG.debug("checker worker {} answered an unexpected line: {}", pid(), abbreviate(line));
        }
    }

    void markTimedOut() {
        timedOut = true;
        kill();
    }

    boolean timedOut() {
        return timedOut;
    }

    boolean usable() {
        return !killed && process.isAlive();
    }

    /** Ends the process at once; blocked reads and writes on it fail. */
    void kill() {
        killed = true;
        process.destroyForcibly();
    }

    /** Closes its input: the worker exits at end of input. */
    void closeInput() {
        killed = true;
        try {
            stdin.close();
        } catch (IOException ignored) {
            // Already gone.
        }
    }

    /** Closes its input and kills it if it lingers. */
    void close() {
        closeInput();
        try {
            if (!process.waitFor(2, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** The last lines the worker wrote on stderr, for error messages. */
    String stderrTail() {
        synchronized (stderrTail) {
            return String.join("\n", stderrTail);
        }
    }

    private String exitDescription() {
        try {
            if (process.waitFor(200, TimeUnit.MILLISECONDS)) {
                String tail = lastStderrLine();
                return " (exit code " + process.exitValue() + (tail.isEmpty() ? "" : ": " + tail) + ")";
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "";
    }

    private String lastStderrLine() {
        synchronized (stderrTail) {
            return stderrTail.isEmpty() ? "" : abbreviate(stderrTail.peekLast());
        }
    }

    /** Reads stderr for the process's whole life so that a chatty worker never blocks on a full pipe. */
    private void drainStderr() {
        try (BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = err.readLine()) != null) {
                String kept = line.length() <= 1000 ? line : line.substring(0, 1000) + "...";
                LOG.debug("checker worker {} stderr: {}", process.pid(), kept);
                synchronized (stderrTail) {
                    if (stderrTail.size() == STDERR_TAIL_LINES) {
                        stderrTail.removeFirst();
                    }
                    stderrTail.addLast(kept);
                }
            }
        } catch (IOException e) {
            LOG.debug("stderr of checker worker {} closed: {}", process.pid(), e.toString());
        }
    }

    private static String abbreviate(String line) {
        return line.length() <= 300 ? line : line.substring(0, 300) + "...";
    }
}
