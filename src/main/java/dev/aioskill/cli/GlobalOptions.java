package dev.aioskill.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import dev.aioskill.config.Settings;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** Options every subcommand inherits from the root. */
public final class GlobalOptions {

    static volatile boolean debug;
    static volatile boolean verbose;

    @Option(names = "--verbose", scope = ScopeType.INHERIT,
            description = "Log INFO and DEBUG messages to stderr (default: warnings and errors only); with a model, "
                    + "also the token usage (input, output, total) and model latency of each answer.")
    void setVerbose(boolean value) {
        verbose = value;
        if (value) {
            Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
            root.setLevel(Level.DEBUG);
            // Settings.toString never shows secret values; the log pattern masks them as well.
            LoggerFactory.getLogger(GlobalOptions.class).debug("aioskill {}, {}", VersionProvider.productVersion(), Settings.load());
        }
    }

    @Option(names = "--debug", scope = ScopeType.INHERIT,
            description = "Print stack traces for errors (secrets stay masked).")
    void setDebug(boolean value) {
        debug = value;
    }
}
