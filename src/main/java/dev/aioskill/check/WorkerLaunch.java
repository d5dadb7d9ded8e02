package dev.aioskill.check;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How to run the checker: the interpreter, the directory holding the {@code aioskill_checker} package,
 * and the complete environment of the process (nothing is inherited from aioskill's own).
 *
 * <p>Every command is {@code python -I -X utf8 -c <code> <checkerDir> args...}. Isolated mode ignores
 * every {@code PYTHON*} variable, the user site directory and the current directory, so nothing in the
 * checked project or the user's shell can shadow the standard library or the checker; the code first
 * pops {@code <checkerDir>} from {@code sys.argv} and puts it at the front of {@code sys.path} (the
 * isolated-mode stand-in for {@code PYTHONPATH}). {@code -X utf8} makes stdin and stdout UTF-8
 * whatever the locale.
 */
record WorkerLaunch(Path python, Path checkerDir, Map<String, String> environment) {

    /** The environment every checker process gets: a fixed PATH and a UTF-8 locale, no secrets. */
    static final Map<String, String> CHECKER_ENVIRONMENT =
            Map.of("PATH", "/usr/local/bin:/usr/bin:/bin", "LANG", "C.UTF-8", "LC_ALL", "C.UTF-8");

    private static final String ADD_CHECKER_TO_PATH = "import sys; sys.path.insert(0, sys.argv.pop(1)); ";
    private static final String RUN_MODULE =
            "import runpy; runpy.run_module('aioskill_checker', run_name='__main__', alter_sys=True)";

    WorkerLaunch {
        environment = Map.copyOf(environment);
    }

    /** {@code python -m aioskill_checker args...}, isolated. */
    List<String> moduleCommand(String... args) {
        return scriptCommand(RUN_MODULE, args);
    }

    /** Runs Python code that may import {@code aioskill_checker}; {@code sys.argv[1:]} holds {@code args}. */
    List<String> scriptCommand(String code, String... args) {
        List<String> command = new ArrayList<>(List.of(python.toString(), "-I", "-X", "utf8", "-c",
                ADD_CHECKER_TO_PATH + code, checkerDir.toString()));
        command.addAll(List.of(args));
        return command;
    }
}
