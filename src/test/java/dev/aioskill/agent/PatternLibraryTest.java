package dev.aioskill.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PatternLibraryTest {

    private static final Path SOURCE_DIR = Path.of("src/main/resources/patterns");

    @Test
    void everyIndexedPatternLoadsWithNonEmptyFields() {
        PatternLibrary library = PatternLibrary.load();
        assertThat(library.all()).hasSizeGreaterThanOrEqualTo(8);
        for (BuildPattern p : library.all()) {
            assertThat(p.id()).matches("[a-z][a-z0-9_]*");
            assertThat(Stream.of(p.title(), p.summary(), p.approach(), p.concurrency(), p.shutdown(), p.testing()))
                    .as(p.id()).allSatisfy(text -> assertThat(text).isNotBlank());
            assertThat(p.chapters()).as(p.id()).isNotEmpty().allSatisfy(c -> assertThat(c).startsWith("Ch "));
            assertThat(p.keywords().primary()).as(p.id()).hasSizeGreaterThanOrEqualTo(5);
            assertThat(p.keywords().secondary()).as(p.id()).isNotEmpty();
            assertThat(p.combinesWith()).as(p.id()).isNotEmpty().doesNotContainKey(p.id());
            assertThat(p.combinesWith().keySet()).as(p.id()).allSatisfy(id -> assertThat(library.byId(id)).isPresent());
            assertThat(p.combinesWith().values()).as(p.id()).allSatisfy(s -> assertThat(s).isNotBlank());
            assertThat(p.code()).as(p.id()).startsWith("\"\"\"").contains("def main(").contains("import logging")
                    .containsAnyOf("asyncio.run(", "web.run_app(");
            assertThat(p.tests()).as(p.id()).containsPattern("(?m)^(import|from) " + p.id() + "\\b").contains("def test_")
                    .contains("pytest_asyncio.plugin");
            assertThat(p.codeFileName()).isEqualTo(p.id() + ".py");
            assertThat(p.testFileName()).isEqualTo("test_" + p.id() + ".py");
        }
    }

    @Test
    void byIdFindsPatternsAndRejectsUnknownIds() {
        PatternLibrary library = PatternLibrary.load();
        assertThat(library.byId("retry_backoff")).get().extracting(BuildPattern::title).asString().contains("backoff");
        assertThat(library.byId("no_such_pattern")).isEmpty();
        assertThat(library.ids()).startsWith("concurrent_fetch");
    }

    @Test
    void everyPatternDirectoryIsListedInTheIndex() throws IOException {
        PatternLibrary library = PatternLibrary.load();
        try (Stream<Path> dirs = Files.list(SOURCE_DIR)) {
            assertThat(dirs.filter(Files::isDirectory).map(d -> d.getFileName().toString())
                    .filter(name -> !name.startsWith(".") && !name.equals("__pycache__")))
                    .containsExactlyInAnyOrderElementsOf(library.ids());
        }
    }

    @Test
    void missingIndexFailsWithAMessageSayingWhatToDo(@TempDir Path root) throws IOException {
        assertThatThrownBy(() -> PatternLibrary.load(loaderFor(root)))
                .isInstanceOf(PatternLibraryException.class)
                .hasMessageContaining("patterns/index.json is not on the classpath")
                .hasMessageContaining("rebuild");
    }

    @Test
    void patternWithoutItsProgramFailsNamingTheFile(@TempDir Path root) throws IOException {
        Path dir = Files.createDirectories(root.resolve("patterns/demo"));
        Files.writeString(root.resolve("patterns/index.json"), "{\"patterns\": [\"demo\"]}");
        Files.writeString(dir.resolve("pattern.json"), """
                {"id": "demo", "title": "t", "summary": "s", "keywords": {"primary": ["x"]},
                 "chapters": ["Ch 3"], "approach": "a", "concurrency": "c", "shutdown": "s", "testing": "t",
                 "combines_with": {}}
                """);
        assertThatThrownBy(() -> PatternLibrary.load(loaderFor(root)))
                .isInstanceOf(PatternLibraryException.class)
                .hasMessageContaining("patterns/demo/demo.py");
    }

    @Test
    void patternJsonMissingAFieldFailsNamingTheField(@TempDir Path root) throws IOException {
        Path dir = Files.createDirectories(root.resolve("patterns/demo"));
        Files.writeString(root.resolve("patterns/index.json"), "{\"patterns\": [\"demo\"]}");
        Files.writeString(dir.resolve("pattern.json"), "{\"id\": \"demo\", \"title\": \"t\"}");
        assertThatThrownBy(() -> PatternLibrary.load(loaderFor(root)))
                .isInstanceOf(PatternLibraryException.class)
                .hasMessageContaining("patterns/demo/pattern.json")
                .hasMessageContaining("\"summary\"");
    }

    @Test
    void malformedJsonIsReportedWithItsFile(@TempDir Path root) throws IOException {
        Files.createDirectories(root.resolve("patterns"));
        Files.writeString(root.resolve("patterns/index.json"), "{\"patterns\": [");
        assertThatThrownBy(() -> PatternLibrary.load(loaderFor(root)))
                .isInstanceOf(PatternLibraryException.class)
                .hasMessageContaining("patterns/index.json is not valid JSON");
    }

    private static ClassLoader loaderFor(Path root) throws IOException {
        // A parent-less loader so the real patterns on the test classpath cannot leak in.
        return new URLClassLoader(new URL[] {root.toUri().toURL()}, null);
    }
}
