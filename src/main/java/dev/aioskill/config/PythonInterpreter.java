package dev.aioskill.config;

import java.nio.file.Path;

/**
 * The Python interpreter every part of aioskill uses (checker, sandbox, benchmarks).
 *
 * @param executable absolute path of the interpreter
 * @param version    what {@code sys.version_info} reported, such as {@code 3.11.2}
 * @param source     where the choice came from: {@code AIOSKILL_PYTHON}, {@code /usr/bin/python3} or {@code PATH}
 */
public record PythonInterpreter(Path executable, String version, String source) {

    /** For `--version` and error messages: {@code /usr/bin/python3 (Python 3.11.2, from /usr/bin/python3)}. */
    public String describe() {
        return executable + " (Python " + version + ", from " + source + ")";
    }
}
