package dev.aioskill.cli;

import dev.aioskill.config.ConfigurationException;
import dev.aioskill.config.Secrets;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/** The `aioskill` executable: UTF-8 streams whatever the locale, one-line errors, shared exit codes. */
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        int code = run(args);
        System.out.flush();
        System.err.flush();
        // OkHttp threads left by a model call would keep the JVM alive for a minute.
        System.exit(code);
    }

    /** Runs the command line and returns its exit code (used by tests in-process). */
    public static int run(String... args) {
        // Java 17 writes ASCII when LANG is unset; SKILL.md and reviews hold non-ASCII characters.
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        System.setOut(out);
        System.setErr(err);
        return commandLine(utf8Writer(out), utf8Writer(err)).execute(args);
    }

    /** PrintWriter(OutputStream) would encode with the platform charset; this one always writes UTF-8. */
    private static PrintWriter utf8Writer(PrintStream stream) {
        return new PrintWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), true);
    }

    /** The configured command line writing to the given streams. */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine commandLine = new CommandLine(new AioskillCommand());
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setParameterExceptionHandler(Main::onBadParameters);
        commandLine.setExecutionExceptionHandler(Main::onFailure);
        return commandLine;
    }

    private static int onBadParameters(ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println("aioskill: " + Secrets.mask(e.getMessage()));
        err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
        err.flush();
        return ExitCodes.USAGE;
    }

    private static int onFailure(Exception e, CommandLine cmd, CommandLine.ParseResult parseResult) {
        PrintWriter err = cmd.getErr();
        boolean userError = e instanceof UsageException || e instanceof ConfigurationException;
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        err.println("aioskill: " + (userError ? "" : "internal error: ") + Secrets.mask(message));
        if (GlobalOptions.debug) {
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            err.print(Secrets.mask(trace.toString()));
        } else if (!userError) {
            err.println("(run again with --debug for the stack trace)");
        }
        err.flush();
        return ExitCodes.USAGE;
    }
}
