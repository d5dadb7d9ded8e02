package dev.aioskill.config;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The one place that decides which Python runs: {@code AIOSKILL_PYTHON}, else {@code /usr/bin/python3}
 * (Debian's, which has the python3-* packages), else {@code python3} on PATH. A candidate counts only
 * when it runs and reports Python 3.
 */
public final class PythonResolver {

    static final Path SYSTEM_PYTHON = Path.of("/usr/bin/python3");
    private static final Map<String, PythonInterpreter> CACHE = new ConcurrentHashMap<>();

    private final Settings settings;
    private final Path systemPython;

    private final ProbeRecord probes;

    public PythonResolver(Settings settings) {
        this(settings, SYSTEM_PYTHON);
    }

    PythonResolver(Settings settings, Path systemPython) {
        this.settings = settings;
        this.systemPython = systemPython;
        this.probes = new ProbeRecord(settings.cacheRoot().resolve("python-probes.tsv"));
    }

    /**
     * The interpreter to use.
     *
     * @throws ConfigurationException when AIOSKILL_PYTHON names something that is not Python 3, or when
     *     no Python 3 can be found at all
     */
    public PythonInterpreter resolve() {
        Optional<String> explicit = settings.get(Settings.AIOSKILL_PYTHON);
        if (explicit.isPresent()) {
            Path path = lookUp(explicit.get())
                    .orElseThrow(() -> new ConfigurationException(
                            "AIOSKILL_PYTHON=" + explicit.get() + " is not an executable file; point it at a Python 3 interpreter"));
            return probe(path, Settings.AIOSKILL_PYTHON)
                    .orElseThrow(() -> new ConfigurationException(
                            "AIOSKILL_PYTHON=" + explicit.get() + " does not run as Python 3; point it at a Python 3 interpreter"));
        }
        List<String> tried = new ArrayList<>();
        if (Files.isExecutable(systemPython)) {
            Optional<PythonInterpreter> system = probe(systemPython, systemPython.toString());
            if (system.isPresent()) {
                return system.get();
            }
            tried.add(systemPython.toString());
        }
        Optional<Path> onPath = lookUp("python3");
        if (onPath.isPresent()) {
            Optional<PythonInterpreter> found = probe(onPath.get(), "PATH");
            if (found.isPresent()) {
                return found.get();
            }
            tried.add(onPath.get().toString());
        }
        throw new ConfigurationException("Python 3 not found (tried " + (tried.isEmpty() ? "/usr/bin/python3 and python3 on PATH" : String.join(", ", tried))
                + "); install python3 (apt-get install python3) or set AIOSKILL_PYTHON");
    }

    /** An absolute or relative path as given, or a bare name looked up on PATH. */
    private static Optional<Path> lookUp(String name) {
        if (name.contains(File.separator)) {
            Path path = Path.of(name).toAbsolutePath();
            return Files.isRegularFile(path) && Files.isExecutable(path) ? Optional.of(path) : Optional.empty();
        }
        String pathVariable = System.getenv("PATH");
        if (pathVariable == null) {
            return Optional.empty();
        }
        for (String dir : pathVariable.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate.toAbsolutePath());
            }
        }
        return Optional.empty();
    }

    /**
     * Runs the candidate once and keeps it when it reports Python 3. The answer is remembered in memory
     * and on disk, keyed by the interpreter file's path, size and modification time, so a CLI run does not
     * pay for starting Python just to ask its version.
     */
    private Optional<PythonInterpreter> probe(Path executable, String source) {
        String key = executable + "|" + source;
        PythonInterpreter cached = CACHE.get(key);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<String> recorded = probes.version(executable);
        if (recorded.isPresent()) {
            PythonInterpreter found = new PythonInterpreter(executable, recorded.get(), source);
            CACHE.put(key, found);
            return Optional.of(found);
        }
        Optional<PythonInterpreter> probed = run(executable, source);
        probed.ifPresent(found -> {
            CACHE.put(key, found);
            probes.remember(executable, found.version());
        });
        return probed;
    }

    private static Optional<PythonInterpreter> run(Path executable, String source) {
        try {
            Process process = new ProcessBuilder(executable.toString(), "-I", "-c",
                    "import sys; print('%d.%d.%d' % sys.version_info[:3])")
                    .redirectErrorStream(true)
                    .start();
            process.getOutputStream().close();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return Optional.empty();
            }
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (process.exitValue() != 0 || !out.startsWith("3.")) {
                return Optional.empty();
            }
            return Optional.of(new PythonInterpreter(executable, out, source));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
