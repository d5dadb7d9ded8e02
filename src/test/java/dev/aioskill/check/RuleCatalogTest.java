package dev.aioskill.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aioskill.config.Settings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuleCatalogTest {

    @TempDir
    Path cache;

    @Test
    void loadsEveryRuleFromTheRealCheckerWithItsDocumentation() {
        Settings settings = Settings.of(Map.of("AIOSKILL_CACHE_DIR", cache.toString()));
        try (AsyncChecker checker = new AsyncChecker(
                new dev.aioskill.config.PythonResolver(Settings.load()).resolve(), CheckerInstall.fromClasspath(settings), 1,
                Duration.ofSeconds(10))) {
            RuleCatalog catalog = RuleCatalog.load(checker);

            RuleInfo sleep = catalog.find("aio100").orElseThrow();
            assertThat(sleep.name()).isEqualTo("blocking-sleep");
            assertThat(sleep.severity()).isEqualTo(Severity.ERROR);
            assertThat(sleep.category()).isEqualTo(Category.BLOCKING);
            assertThat(sleep.whatItDoes()).isNotBlank();
            assertThat(sleep.why()).isNotBlank();
            assertThat(sleep.example()).contains("time.sleep");
            assertThat(sleep.useInstead()).contains("asyncio.sleep").doesNotContain("```");
            assertThat(sleep.example()).doesNotContain("```");
            Path saved = RuleCatalog.savedCatalog(CheckerInstall.fromClasspath(settings).directory());
            assertThat(saved).as("saved beside the unpacked checker for the next process").isRegularFile();
            assertThat(RuleCatalog.parse(readString(saved)).rules()).hasSameSizeAs(catalog.rules());
            assertThat(sleep.notFlagged()).isNotBlank();
            assertThat(sleep.fix()).isNotBlank();
            assertThat(catalog.find("AIO000")).get().extracting(RuleInfo::category).isEqualTo(Category.SYNTAX);
            assertThat(catalog.rules()).extracting(RuleInfo::id).allMatch(id -> id.matches("AIO\\d{3}")).doesNotHaveDuplicates();
            assertThat(catalog.find("AIO999")).isEmpty();
            assertThat(catalog.checkerVersion()).isNotBlank();
            assertThat(RuleCatalog.load(checker)).as("loaded once").isSameAs(catalog);
            assertThat(checker.workerPids()).as("the catalog needs no worker").isEmpty();
        }
    }

    @Test
    void fencedDocstringExamplesBecomePlainCode() {
        assertThat(RuleCatalog.codeOf("```python\nimport time\ntime.sleep(1)\n```")).isEqualTo("import time\ntime.sleep(1)");
        assertThat(RuleCatalog.codeOf("plain words")).isEqualTo("plain words");
    }

    private static String readString(Path path) {
        try {
            return java.nio.file.Files.readString(path);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void catalogWithoutRequiredKeysIsAClearError() {
        assertThatThrownBy(() -> RuleCatalog.parse("{\"version\": \"1\", \"rules\": [{\"id\": \"AIO100\"}]}"))
                .isInstanceOf(CheckerException.class).hasMessageContaining("'name'");
        assertThatThrownBy(() -> RuleCatalog.parse("{\"rules\": []}"))
                .isInstanceOf(CheckerException.class).hasMessageContaining("empty");
    }
}
