package dev.aioskill.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aioskill.check.AsyncChecker;
import dev.aioskill.check.CheckResult;
import dev.aioskill.check.CheckerException;
import dev.aioskill.check.CheckerInstall;
import dev.aioskill.check.FileChecker;
import dev.aioskill.check.Finding;
import dev.aioskill.check.PythonFiles;
import dev.aioskill.check.ResultCache;
import dev.aioskill.check.RuleFilter;
import dev.aioskill.check.SarifReport;
import dev.aioskill.config.PythonInterpreter;
import dev.aioskill.config.PythonResolver;
import dev.aioskill.config.Settings;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** `aioskill check PATH...`: the checker as a linter, for people, CI and pre-commit. No model involved. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Check Python files for asyncio anti-patterns (no model needed).",
            "Directories are searched for *.py, skipping .git, venv, .venv, node_modules and __pycache__.",
            "Results are cached by file content, so unchanged files are not checked again."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:no findings", "1:findings (a file that does not parse is finding AIO000)",
            "2:bad usage or a path that cannot be read or checked (wins over 1)"})
public final class CheckCommand implements Callable<Integer> {


    /** Output formats. */
    enum Format { text, json, sarif }

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "PATH",
            description = "Files or directories to check; - reads one file from standard input.")
    List<String> paths;

    @Option(names = "--format", defaultValue = "text", paramLabel = "FORMAT",
            description = "text (path:line:col: RULE message), json (one array of findings) or sarif (SARIF 2.1.0). Default: ${DEFAULT-VALUE}.")
    Format format;

    @Option(names = "--select", split = ",", paramLabel = "RULES",
            description = "Only report these rules: ids (AIO101), id prefixes (AIO1) or names, comma-separated.")
    List<String> select = new ArrayList<>();

    @Option(names = "--ignore", split = ",", paramLabel = "RULES",
            description = "Never report these rules (same forms as --select; wins over it).")
    List<String> ignore = new ArrayList<>();

    @Option(names = "--no-cache", description = "Check every file even when its content was checked before.")
    boolean noCache;

    @Option(names = "--cache-dir", paramLabel = "DIR",
            description = "Where the unpacked checker and cached results live (default: $AIOSKILL_CACHE_DIR, else $XDG_CACHE_HOME/aioskill, else ~/.cache/aioskill).")
    Path cacheDir;

    @Option(names = {"-j", "--jobs"}, paramLabel = "N",
            description = "Checker processes to run at once (default: the number of processors).")
    Integer jobs;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "10",
            description = "Give up on a file after this many seconds (default: ${DEFAULT-VALUE}).")
    double timeoutSeconds;

    @Option(names = "--stdin-filename", paramLabel = "NAME", defaultValue = "stdin",
            description = "The path findings name for input read from - (default: ${DEFAULT-VALUE}).")
    String stdinName;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        RuleFilter filter;
        try {
            filter = RuleFilter.of(select, ignore);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        if (jobs != null && jobs < 1) {
            throw new UsageException("--jobs must be at least 1, got " + jobs);
        }
        if (!(timeoutSeconds > 0)) {
            throw new UsageException("--timeout must be a positive number of seconds, got " + timeoutSeconds);
        }

        boolean ioError = false;
        boolean readStdin = false;
        Set<Path> files = new LinkedHashSet<>();
        for (String arg : paths) {
            if ("-".equals(arg)) {
                readStdin = true;
                continue;
            }
            Path path = Path.of(arg);
            if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS) || !Files.exists(path)) {
                err.println("aioskill: cannot read " + arg + ": no such file or directory");
                ioError = true;
                continue;
            }
            if (!Files.isDirectory(path) && !Files.isRegularFile(path)) {
                // A FIFO or device would block the read forever; standard input is what - is for.
                err.println("aioskill: cannot read " + arg + ": not a regular file (use - for standard input)");
                ioError = true;
                continue;
            }
            PythonFiles.Listing listing = PythonFiles.under(path);
            listing.errors().forEach(line -> err.println("aioskill: " + line));
            ioError |= !listing.errors().isEmpty();
            files.addAll(listing.files());
        }

        List<CheckResult> results = new ArrayList<>();
        try {
            Settings settings = Settings.load();
            CheckerInstall install = CheckerInstall.fromClasspath(settings);
            if (cacheDir != null) {
                install = install.withCacheRoot(cacheDir);
            }
            PythonInterpreter python = new PythonResolver(settings).resolve();
            int pool = jobs != null ? jobs : Runtime.getRuntime().availableProcessors();
            Duration timeout = Duration.ofMillis(Math.max(1, Math.round(timeoutSeconds * 1000)));
            try (AsyncChecker checker = new AsyncChecker(python, install, pool, timeout)) {
                FileChecker fileChecker = new FileChecker(checker, noCache ? null : ResultCache.forChecker(install, python));
                long started = System.nanoTime();
                results.addAll(fileChecker.checkFiles(List.copyOf(files)));
                if (readStdin) {
                    results.add(checkStandardInput(fileChecker));
                }
                LoggerFactory.getLogger(CheckCommand.class).debug("checked {} files in {} ms: {} from the cache ({} by file stamp), {} by {} worker(s)", results.size(),
                        (System.nanoTime() - started) / 1_000_000, fileChecker.cacheHits(), fileChecker.unreadHits(),
                        fileChecker.checked(), checker.startedWorkers());
                List<Finding> findings = new ArrayList<>();
                for (CheckResult result : results) {
                    if (result.failed()) {
                        err.println("aioskill: " + result.error());
                        ioError = true;
                    } else {
                        findings.addAll(filter.apply(result.findings()));
                    }
                }
                print(out, findings, checker);
                err.flush();
                if (ioError) {
                    return ExitCodes.USAGE;
                }
                return findings.isEmpty() ? ExitCodes.OK : ExitCodes.FINDINGS;
            }
        } catch (CheckerException e) {
            err.println("aioskill: " + e.getMessage());
            err.flush();
            return ExitCodes.USAGE;
        }
    }

    private void print(PrintWriter out, List<Finding> findings, AsyncChecker checker) {
        switch (format) {
            case text -> findings.forEach(finding -> out.println(finding.toTextLine()));
            case json -> {
                try {
                    out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(findings));
                } catch (JsonProcessingException e) {
                    throw new CheckerException("cannot write findings as JSON: " + e.getMessage(), e);
                }
            }
            case sarif -> out.print(SarifReport.render(checker, findings, Path.of("").toAbsolutePath()));
        }
        out.flush();
    }

    private CheckResult checkStandardInput(FileChecker fileChecker) {
        byte[] bytes;
        try {
            bytes = System.in.readAllBytes();
        } catch (IOException e) {
            return CheckResult.failed(stdinName, "cannot read standard input: " + e.getMessage());
        }
        return fileChecker.checkBytes(stdinName, bytes);
    }
}
