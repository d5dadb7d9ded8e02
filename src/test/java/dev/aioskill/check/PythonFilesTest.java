package dev.aioskill.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PythonFilesTest {

    @Test
    void findsPythonFilesSortedAndSkipsEnvironmentsCachesAndLinkedDirectories(@TempDir Path root, @TempDir Path outside) throws Exception {
        for (String name : new String[] {"b.py", "a.py", "notes.txt", "pkg/mod.py", "pkg/sub/deep.py",
            ".git/hooks/x.py", "venv/lib/y.py", ".venv/z.py", "node_modules/n.py", "pkg/__pycache__/c.py", "setup.pyc"}) {
            Path file = root.resolve(name);
            Files.createDirectories(file.getParent());
            Files.writeString(file, "pass\n");
        }
        Files.writeString(outside.resolve("elsewhere.py"), "pass\n");
        Files.createSymbolicLink(root.resolve("linked_dir"), outside);
        Files.createSymbolicLink(root.resolve("linked.py"), outside.resolve("elsewhere.py"));

        PythonFiles.Listing listing = PythonFiles.under(root);

        assertThat(listing.errors()).isEmpty();
        assertThat(listing.files()).extracting(p -> root.relativize(p).toString())
                .containsExactly("a.py", "b.py", "linked.py", "pkg/mod.py", "pkg/sub/deep.py");
    }

    @Test
    void aLinkGivenAsTheRootIsEnteredAndPathsKeepTheGivenName(@TempDir Path root, @TempDir Path real) throws Exception {
        Files.createDirectories(real.resolve("pkg"));
        Files.writeString(real.resolve("pkg/app.py"), "pass\n");
        Path link = Files.createSymbolicLink(root.resolve("project"), real);

        assertThat(PythonFiles.under(link).files()).containsExactly(link.resolve("pkg/app.py"));
    }

    @Test
    void aFileGivenDirectlyIsCheckedWhateverItsName(@TempDir Path root) throws Exception {
        Path script = Files.writeString(root.resolve("tool"), "pass\n");
        assertThat(PythonFiles.under(script).files()).containsExactly(script);
    }
}
