package dev.aioskill.check;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Checks files through the {@link ResultCache} first and the worker pool for the rest: a second run
 * over an unchanged tree reads only the cache and starts no Python at all. Files are read, hashed and
 * checked by as many threads as the pool has workers, so every worker stays busy.
 */
public final class FileChecker {

    private final AsyncChecker checker;
    private final ResultCache cache;
    private final AtomicInteger hits = new AtomicInteger();
    private final AtomicInteger misses = new AtomicInteger();

    /**
     * @param checker the pool for files not in the cache (its workers start only when one is needed)
     * @param cache   the cache, or null to check every file
     */
    public FileChecker(AsyncChecker checker, ResultCache cache) {
        this.checker = checker;
        this.cache = cache;
    }

    /** One result per file, in the order given; an unreadable file gives a failed result. */
    public List<CheckResult> checkFiles(List<Path> files) {
        if (files.isEmpty()) {
            return List.of();
        }
        int threads = Math.min(files.size(), checker.poolSize());
        ExecutorService executor = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "aioskill-check-files");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<CheckResult>> futures = new ArrayList<>(files.size());
            for (Path file : files) {
                futures.add(executor.submit(() -> checkFile(file)));
            }
            List<CheckResult> results = new ArrayList<>(files.size());
            for (Future<CheckResult> future : futures) {
                results.add(future.get());
            }
            return results;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new CheckerException("checking files failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CheckerException("interrupted while checking files", e);
        } finally {
            executor.shutdownNow();
        }
    }

    public CheckResult checkFile(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            return CheckResult.failed(file.toString(), "cannot read " + file + ": " + PythonFiles.describe(e));
        }
        return checkBytes(file.toString(), bytes);
    }

    /** Checks raw bytes named {@code path}, from the cache when this content was checked before. */
    public CheckResult checkBytes(String path, byte[] bytes) {
        if (cache == null) {
            misses.incrementAndGet();
            return checker.check(path, bytes);
        }
        String key = ResultCache.key(bytes);
        var cached = cache.get(key, path);
        if (cached.isPresent()) {
            hits.incrementAndGet();
            return CheckResult.checked(path, cached.get());
        }
        misses.incrementAndGet();
        CheckResult result = checker.check(path, bytes);
        if (!result.failed()) {
            cache.put(key, result.findings());
        }
        return result;
    }

    /** Files answered from the cache so far. */
    public int cacheHits() {
        return hits.get();
    }

    /** Files sent to the workers so far. */
    public int checked() {
        return misses.get();
    }
}
