package dev.aioskill.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The root command. Subcommands are listed here once they work. */
@Command(
        name = "aioskill",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Writes and reviews async Python with the \"Using Asyncio in Python\" skill,",
            "grounded on an AST checker and verified in a sandbox."
        },
        subcommands = {
            ReviewCommand.class,
            BuildCommand.class,
            AskCommand.class,
            CheckCommand.class,
            TestCommand.class,
            ClassifyCommand.class,
            ReferenceCommand.class,
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success",
            "1:findings, or failing tests",
            "2:bad usage, unreadable input, configuration error",
            "3:sandboxed run refused"
        })
public final class AioskillCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Mixin
    GlobalOptions global;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
