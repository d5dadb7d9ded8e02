package dev.aioskill.agent;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A response body that fails when the server sends nothing for the timeout: the JDK client's request
 * timeout ends when the headers arrive, so without this a server that stalls mid-answer (or mid-stream)
 * would hold the caller for ever. Each blocking read arms a timer; when it fires the stream is closed,
 * which ends the read, and the read reports a {@link SocketTimeoutException} (a timeout for the SDK's
 * retry logic and for {@link ModelCallException}).
 */
final class IdleTimeoutInputStream extends FilterInputStream {

    private static final ScheduledExecutorService TIMERS = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "aioskill-model-read-timeout");
        thread.setDaemon(true);
        return thread;
    });

    private final long timeoutMillis;
    private volatile boolean timedOut;

    IdleTimeoutInputStream(InputStream in, Duration timeout) {
        super(in);
        this.timeoutMillis = timeout.toMillis();
    }

    @Override
    public int read() throws IOException {
        ScheduledFuture<?> timer = arm();
        try {
            return super.read();
        } catch (IOException e) {
            throw timedOut ? timeout() : e;
        } finally {
            timer.cancel(false);
        }
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        ScheduledFuture<?> timer = arm();
        try {
            int read = super.read(buffer, offset, length);
            if (read < 0 && timedOut) {
                throw timeout();
            }
            return read;
        } catch (IOException e) {
            throw timedOut ? timeout() : e;
        } finally {
            timer.cancel(false);
        }
    }

    private ScheduledFuture<?> arm() {
        return TIMERS.schedule(() -> {
            timedOut = true;
            try {
                in.close();
            } catch (IOException ignored) {
                // Closing is only how the blocked read is ended; the read reports the timeout.
            }
        }, timeoutMillis, TimeUnit.MILLISECONDS);
    }

    private SocketTimeoutException timeout() {
        return new SocketTimeoutException("no data from the model server for " + timeoutMillis + " ms");
    }
}
