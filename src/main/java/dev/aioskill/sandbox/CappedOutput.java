package dev.aioskill.sandbox;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads one stream of the sandboxed process on its own thread, keeps the first {@code cap} bytes and
 * reads and discards the rest, so a test printing 100 MB neither fills the JVM's memory nor blocks
 * on a full pipe.
 */
final class CappedOutput {

    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private final int cap;
    private final Thread reader;
    private long discarded;

    CappedOutput(InputStream stream, int cap, String name) {
        this.cap = cap;
        this.reader = new Thread(() -> drain(stream), name);
        this.reader.setDaemon(true);
        this.reader.start();
    }

    private void drain(InputStream stream) {
        byte[] buffer = new byte[64 * 1024];
        try (stream) {
            int n;
            while ((n = stream.read(buffer)) >= 0) {
                synchronized (this) {
                    int room = cap - kept.size();
                    int keep = Math.max(0, Math.min(room, n));
                    kept.write(buffer, 0, keep);
                    discarded += n - keep;
                }
            }
        } catch (IOException e) {
            // The process died and the pipe closed under us: what was read is what there is.
        }
    }

    /** Waits for the stream's end (bounded: the sandbox is already dead when this is called). */
    void await(long millis) throws InterruptedException {
        reader.join(millis);
    }

    /** The kept text, with a marker saying how much was cut. */
    synchronized String text() {
        String text = kept.toString(StandardCharsets.UTF_8);
        return discarded == 0 ? text : text + cutMarker(discarded, cap);
    }

    synchronized long discardedBytes() {
        return discarded;
    }

    static String cutMarker(long discarded, int cap) {
        return "\n[aioskill: output cut here, " + discarded + " more bytes discarded (cap " + cap + " bytes)]\n";
    }

    /** stdout then stderr, together within {@code cap} bytes, with a marker counting what was cut. */
    static String combine(CappedOutput out, CappedOutput err, int cap) {
        byte[] first;
        long firstTotal;
        synchronized (out) {
            first = out.kept.toByteArray();
            firstTotal = first.length + out.discarded;
        }
        byte[] second;
        long secondTotal;
        synchronized (err) {
            second = err.kept.toByteArray();
            secondTotal = second.length + err.discarded;
        }
        ByteArrayOutputStream both = new ByteArrayOutputStream();
        both.write(first, 0, Math.min(first.length, cap));
        both.write(second, 0, Math.min(second.length, cap - both.size()));
        long cut = firstTotal + secondTotal - both.size();
        String text = both.toString(StandardCharsets.UTF_8);
        return cut == 0 ? text : text + cutMarker(cut, cap);
    }
}
