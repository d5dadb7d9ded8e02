package dev.aioskill.cli;

import dev.aioskill.Aioskill;
import dev.aioskill.agent.EngineException;
import dev.aioskill.agent.ModelUnavailableException;
import dev.aioskill.review.Usage;
import java.io.PrintWriter;
import picocli.CommandLine.Option;

/** Options shared by the commands that answer (review, build, ask). */
public final class EngineOptions {

    @Option(names = "--offline", description = "Answer with the offline engine even when a model is configured.")
    boolean offline;

    @Option(names = "--fallback-offline",
            description = "When the model cannot be reached (after its retries), answer with the offline engine and say so.")
    boolean fallbackOffline;

    @Option(names = "--unsandboxed",
            description = "Where bubblewrap cannot run, run build verification tests with limits and a cleared environment only.")
    boolean unsandboxed;

    /** The facade configured from the environment, ./.env and these options. */
    Aioskill open() {
        return open(null);
    }

    /**
     * The facade; on a terminal the model path's steps are shown on {@code err} as prose (never code: code
     * is printed only after it is grounded or verified).
     */
    Aioskill open(PrintWriter err) {
        Aioskill.Builder builder = Aioskill.builder().fromEnvironment().allowUnsandboxed(unsandboxed)
                .fallbackOffline(fallbackOffline);
        if (offline) {
            builder.offline();
        }
        if (err != null && System.console() != null) {
            builder.progress(step -> {
                err.println("aioskill: " + step);
                err.flush();
            });
        }
        return builder.build();
    }

    /** With --verbose: the model's token usage and latency for one answer, on stderr. */
    static void printUsage(PrintWriter err, String what, Usage usage) {
        if (GlobalOptions.verbose && usage != null) {
            err.println("aioskill: " + what + ": " + usage.summary());
            err.flush();
        }
    }

    /** The one line a user sees when the engine fails; names the fallback when the model was unreachable. */
    static String failureLine(EngineException e) {
        return e instanceof ModelUnavailableException
                ? e.getMessage() + " (use --fallback-offline to answer with the offline engine instead, or --offline)"
                : e.getMessage();
    }
}
