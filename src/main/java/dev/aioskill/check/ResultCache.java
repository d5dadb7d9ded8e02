package dev.aioskill.check;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.aioskill.config.PythonInterpreter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Findings of files already checked, keyed by the SHA-256 of the file's bytes, in a directory named
 * after the checker's content hash and the Python version (the parser decides what is AIO000). One
 * small JSON file per key ({@code <dir>/ab/cdef....json}), written to a temporary file and renamed,
 * so concurrent runs never read half a file. Only successful checks are stored; paths in cached
 * findings are replaced by the path asked for. Files checked through {@link FileChecker} are also
 * remembered by stamp (size, modification time, inode; see {@link FileStamps}), so unchanged files are
 * neither read nor hashed again.
 */
public final class ResultCache {

    private static final Logger LOG = LoggerFactory.getLogger(ResultCache.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectReader READER = JSON.readerFor(Finding[].class);
    private static final ObjectWriter WRITER = JSON.writerFor(Finding[].class);

    private final Path directory;
    private volatile FileStamps stamps;

    public ResultCache(Path directory) {
        this.directory = directory;
    }

    /** The stamp index of files seen by earlier runs, loaded on first use. */
    FileStamps stamps() {
        FileStamps loaded = stamps;
        if (loaded == null) {
            synchronized (this) {
                if (stamps == null) {
                    stamps = FileStamps.load(directory.resolve("file-stamps.tsv"));
                }
                loaded = stamps;
            }
        }
        return loaded;
    }

    /** Persists what was learnt about files in this run (their stamps), so the next run need not hash them. */
    public void flush() {
        FileStamps loaded = stamps;
        if (loaded != null) {
            loaded.save();
        }
    }

    /** The cache for this checker on this interpreter, under the install's cache root. */
    public static ResultCache forChecker(CheckerInstall install, PythonInterpreter python) {
        return new ResultCache(install.cacheRoot().resolve("results")
                .resolve("checker-" + install.contentHash() + "-py" + python.version()));
    }

    public Path directory() {
        return directory;
    }

    /** The cache key of a file's content. */
    public static String key(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** The findings stored under {@code key}, naming {@code path}; empty when not cached or unreadable. */
    public Optional<List<Finding>> get(String key, String path) {
        Path file = fileFor(key);
        try {
            Finding[] stored = READER.readValue(Files.readAllBytes(file));
            List<Finding> findings = new ArrayList<>(stored.length);
            for (Finding f : stored) {
                findings.add(new Finding(f.rule(), f.name(), f.severity(), f.category(), path, f.line(), f.col(),
                        f.endLine(), f.endCol(), f.message(), f.chapter(), f.fix()));
            }
            return Optional.of(findings);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            // A damaged entry is a miss: the file is checked again and the entry rewritten.
            LOG.debug("ignoring unreadable cache entry {}: {}", file, e.toString());
            return Optional.empty();
        }
    }

    /** Stores findings under {@code key}. A cache that cannot be written only costs speed: logged, not thrown. */
    public void put(String key, List<Finding> findings) {
        Path file = fileFor(key);
        try {
            Files.createDirectories(file.getParent());
            Path temp = Files.createTempFile(file.getParent(), ".entry-", ".tmp");
            try {
                Files.write(temp, WRITER.writeValueAsBytes(findings.toArray(Finding[]::new)));
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            LOG.debug("cannot write cache entry {}: {}", file, e.toString());
        }
    }

    private Path fileFor(String key) {
        return directory.resolve(key.substring(0, 2)).resolve(key.substring(2) + ".json");
    }
}
