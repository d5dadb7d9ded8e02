package dev.aioskill.check;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Optional;
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
    private final AtomicInteger unread = new AtomicInteger();

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
            if (cache != null) {
                cache.flush();
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
        String path = file.toString();
        Path absolute = file.toAbsolutePath().normalize();
        BasicFileAttributes attrs = null;
        if (cache != null) {
            try {
                attrs = Files.readAttributes(file, BasicFileAttributes.class);
                Optional<String> key = cache.stamps().contentKey(absolute, attrs);
                Optional<List<Finding>> cached = key.flatMap(k -> cache.get(k, path));
                if (cached.isPresent()) {
                    hits.incrementAndGet();
                    unread.incrementAndGet();
                    return CheckResult.checked(path, cached.get());
                }
            } catch (IOException e) {
                // Reading it below gives the error message.
            }
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            return CheckResult.failed(path, "cannot read " + file + ": " + PythonFiles.describe(e));
        }
        if (cache == null) {
            return checkBytes(path, bytes);
        }
        String key = ResultCache.key(bytes);
        CheckResult result = checkKeyed(path, bytes, key);
        if (attrs != null && !result.failed()) {
            cache.stamps().remember(absolute, attrs, key);
        }
        return result;
    }

    /** Checks raw bytes named {@code path}, from the cache when this content was checked before. */
    public CheckResult checkBytes(String path, byte[] bytes) {
        if (cache == null) {
            misses.incrementAndGet();
            return checker.check(path, bytes);
        }
        return checkKeyed(path, bytes, ResultCache.key(bytes));
    }

    private CheckResult checkKeyed(String path, byte[] bytes, String key) {
        Optional<List<Finding>> cached = cache.get(key, path);
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

    /** Cache hits found by file stamp alone, without reading or hashing the file. */
    public int unreadHits() {
        return unread.get();
    }

    /** Files sent to the workers so far. */
    public int checked() {
        return misses.get();
    }
}
