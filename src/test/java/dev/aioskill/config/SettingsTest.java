package dev.aioskill.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {

    @TempDir
    Path dir;

    @Test
    void dotenvIsReadAndTheEnvironmentWins() throws Exception {
        Path dotenv = dir.resolve(".env");
        Files.writeString(dotenv, String.join("\n",
                "# comment",
                "",
                "export AIOSKILL_MODEL=from-file",
                "OPENAI_BASE_URL=\"http://127.0.0.1:9/v1\"",
                "AIOSKILL_PYTHON=/opt/py # trailing comment",
                "not a pair"), StandardCharsets.UTF_8);
        Settings settings = Settings.load(Map.of("AIOSKILL_MODEL", "from-env"), dotenv);
        assertThat(settings.get(Settings.AIOSKILL_MODEL)).contains("from-env");
        assertThat(settings.get(Settings.OPENAI_BASE_URL)).contains("http://127.0.0.1:9/v1");
        assertThat(settings.get(Settings.AIOSKILL_PYTHON)).contains("/opt/py");
        assertThat(settings.hasModel()).isTrue();
    }

    @Test
    void missingDotenvAndBlankValuesMeanUnset() {
        Settings settings = Settings.load(Map.of("OPENAI_API_KEY", "  "), dir.resolve("absent.env"));
        assertThat(settings.get(Settings.OPENAI_API_KEY)).isEmpty();
        assertThat(settings.hasModel()).isFalse();
    }

    @Test
    void toStringNeverShowsSecrets() {
        Settings settings = Settings.of(Map.of("OPENAI_API_KEY", "sk-test-abcdefghijklmnopqrstuvwxyz", "AIOSKILL_MODEL", "m"));
        assertThat(settings.toString()).doesNotContain("sk-test").contains("OPENAI_API_KEY=<set>").contains("AIOSKILL_MODEL=m");
    }

    @Test
    void registeredSecretsAndCredentialShapesAreMasked() {
        Settings.of(Map.of("SLACK_SIGNING_SECRET", "plain-signing-secret-1234"));
        assertThat(Secrets.mask("sig plain-signing-secret-1234 and sk-abcdefghijklmnopqrstuv and xoxb-1234567890-abc"))
                .isEqualTo("sig **** and **** and ****");
        assertThat(Secrets.mask("nothing secret here")).isEqualTo("nothing secret here");
    }

    @Test
    void aioskillPythonThatIsNotAnInterpreterIsAClearError() {
        Settings settings = Settings.of(Map.of("AIOSKILL_PYTHON", dir.resolve("no-such-python").toString()));
        assertThatThrownBy(() -> new PythonResolver(settings).resolve())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("AIOSKILL_PYTHON")
                .hasMessageContaining("Python 3");
    }

    @Test
    void aioskillPythonThatRunsButIsNotPython3IsRefused() throws Exception {
        Path fake = dir.resolve("fakepython");
        Files.writeString(fake, "#!/bin/sh\necho 2.7.18\n");
        fake.toFile().setExecutable(true);
        Settings settings = Settings.of(Map.of("AIOSKILL_PYTHON", fake.toString()));
        assertThatThrownBy(() -> new PythonResolver(settings).resolve())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("does not run as Python 3");
    }

    @Test
    void aProbedInterpreterIsRememberedByPathSizeAndTime() throws Exception {
        Path fake = dir.resolve("python-remembered");
        Files.writeString(fake, "#!/bin/sh\necho 3.42.1\n");
        fake.toFile().setExecutable(true);
        Path cache = dir.resolve("cache");
        Settings settings = Settings.of(Map.of("AIOSKILL_PYTHON", fake.toString(), "AIOSKILL_CACHE_DIR", cache.toString()));
        assertThat(new PythonResolver(settings).resolve().version()).isEqualTo("3.42.1");
        String record = Files.readString(cache.resolve("python-probes.tsv"));
        assertThat(record).contains(fake.toRealPath().toString()).endsWith("\t3.42.1\n");
        ProbeRecord probes = new ProbeRecord(cache.resolve("python-probes.tsv"));
        assertThat(probes.version(fake)).contains("3.42.1");
        Files.writeString(fake, "#!/bin/sh\necho 3.43.0 # replaced\n"); // an upgrade changes size and time
        assertThat(probes.version(fake)).isEmpty();
    }

    @Test
    void cacheRootFollowsTheDocumentedOrder() {
        assertThat(Settings.of(Map.of("AIOSKILL_CACHE_DIR", "/x/y", "XDG_CACHE_HOME", "/z")).cacheRoot()).isEqualTo(Path.of("/x/y"));
        assertThat(Settings.of(Map.of("XDG_CACHE_HOME", "/z")).cacheRoot()).isEqualTo(Path.of("/z/aioskill"));
        assertThat(Settings.of(Map.of()).cacheRoot()).isEqualTo(Path.of(System.getProperty("user.home"), ".cache", "aioskill"));
    }

    @Test
    void withoutOverrideDebiansPythonIsPreferred() {
        PythonInterpreter python = new PythonResolver(Settings.of(Map.of())).resolve();
        if (Files.isExecutable(Path.of("/usr/bin/python3"))) {
            assertThat(python.executable()).isEqualTo(Path.of("/usr/bin/python3"));
            assertThat(python.source()).isEqualTo("/usr/bin/python3");
        }
        assertThat(python.version()).startsWith("3.");
    }

    @Test
    void aMissingSystemPythonFallsBackToPath() {
        PythonInterpreter python = new PythonResolver(Settings.of(Map.of()), dir.resolve("none")).resolve();
        assertThat(python.source()).isEqualTo("PATH");
    }
}
