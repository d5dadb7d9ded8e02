package dev.aioskill.cli;

import dev.aioskill.config.ConfigurationException;
import dev.aioskill.config.PythonResolver;
import dev.aioskill.config.Settings;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.IVersionProvider;

/** `aioskill --version`: the product version, the Java runtime and the Python interpreter resolved. */
public final class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() {
        List<String> lines = new ArrayList<>();
        lines.add("aioskill " + productVersion());
        lines.add("java: " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")");
        String python;
        try {
            python = new PythonResolver(Settings.load()).resolve().describe();
        } catch (ConfigurationException e) {
            python = "not found: " + e.getMessage();
        }
        lines.add("python: " + python);
        return lines.toArray(String[]::new);
    }

    /** The jar manifest's version, or the development marker when run from classes. */
    public static String productVersion() {
        String version = VersionProvider.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
