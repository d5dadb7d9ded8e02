package dev.aioskill.check;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One short run of the checker's interpreter (the rule catalog, SARIF rendering), in the same isolated
 * environment as the workers. Output is returned as text; a failure is a {@link CheckerException}.
 */
final class CheckerScript {

    private CheckerScript() {}

    static String run(WorkerLaunch launch, List<String> command, Path workingDirectory, byte[] input, Duration timeout) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile());
        builder.environment().clear();
        builder.environment().putAll(launch.environment());
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new CheckerException("cannot start the checker (" + launch.python() + "): " + e.getMessage()
                    + "; check the Python interpreter or set AIOSKILL_PYTHON", e);
        }
        // Own threads for each pipe: whichever the process fills first, nobody waits on a full pipe.
        CompletableFuture<byte[]> stdout = inThread(() -> readAll(process.getInputStream()));
        CompletableFuture<byte[]> stderr = inThread(() -> readAll(process.getErrorStream()));
        inThread(() -> {
            try (OutputStream in = process.getOutputStream()) {
                in.write(input);
            } catch (IOException e) {
                // The process exited early; its exit code and stderr tell why.
            }
            return null;
        });
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new CheckerException("the checker did not finish within " + timeout.toSeconds() + " s");
            }
            String out = new String(stdout.join(), StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                String err = new String(stderr.join(), StandardCharsets.UTF_8).strip();
                String last = err.isEmpty() ? "no message" : err.lines().reduce((a, b) -> b).orElse(err);
                throw new CheckerException("the checker failed (exit code " + process.exitValue() + "): " + last);
            }
            return out;
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new CheckerException("interrupted while running the checker", e);
        }
    }

    private static <T> CompletableFuture<T> inThread(java.util.function.Supplier<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                result.complete(work.get());
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        }, "aioskill-checker-script");
        thread.setDaemon(true);
        thread.start();
        return result;
    }

    private static byte[] readAll(InputStream stream) {
        try (stream) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            stream.transferTo(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
