package dev.aioskill.cli;

import dev.aioskill.Aioskill;
import picocli.CommandLine.Option;

/** Options shared by the commands that answer (review, build, ask). */
public final class EngineOptions {

    @Option(names = "--offline", description = "Answer with the offline engine even when a model is configured.")
    boolean offline;

    @Option(names = "--unsandboxed",
            description = "Where bubblewrap cannot run, run build verification tests with limits and a cleared environment only.")
    boolean unsandboxed;

    /** The facade configured from the environment, ./.env and these options. */
    Aioskill open() {
        Aioskill.Builder builder = Aioskill.builder().fromEnvironment().allowUnsandboxed(unsandboxed);
        if (offline) {
            builder.offline();
        }
        return builder.build();
    }
}
