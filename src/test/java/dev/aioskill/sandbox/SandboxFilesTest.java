package dev.aioskill.sandbox;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SandboxFilesTest {

    private final SandboxLimits limits = SandboxLimits.defaults();

    @Test
    void relativePathsInSubdirectoriesAreAccepted() {
        SandboxFiles files = SandboxFiles.validate(Map.of("app.py", "", "tests/test_app.py", "", "pkg/__init__.py", ""), limits);

        assertThat(files.files()).containsOnlyKeys("app.py", "tests/test_app.py", "pkg/__init__.py");
    }

    @Test
    void anAbsolutePathIsRejectedWithAClearMessage() {
        assertThatThrownBy(() -> SandboxFiles.validate(Map.of("/etc/passwd", "x"), limits))
                .isInstanceOf(InvalidSandboxFilesException.class).hasMessageContaining("is absolute");
    }

    @Test
    void dotDotIsRejectedAnywhereInThePath() {
        for (String path : new String[] {"../escape.py", "a/../../b.py", "a/..", "./x.py"}) {
            assertThatThrownBy(() -> SandboxFiles.validate(Map.of(path, "x"), limits))
                    .as(path).isInstanceOf(InvalidSandboxFilesException.class).hasMessageContaining("inside the work directory");
        }
    }

    @Test
    void oddCharactersAndEmptySegmentsAreRejected() {
        for (String path : new String[] {"a//b.py", "a\\b.py", "tab\t.py", "", "a/"}) {
            assertThatThrownBy(() -> SandboxFiles.validate(Map.of(path, "x"), limits))
                    .as(path).isInstanceOf(InvalidSandboxFilesException.class);
        }
    }

    @Test
    void aFileLargerThanTheFileSizeLimitIsRejected() {
        assertThatThrownBy(() -> SandboxFiles.validate(Map.of("big.py", "x".repeat(2048)), limits.withMaxFileBytes(1024)))
                .isInstanceOf(InvalidSandboxFilesException.class).hasMessageContaining("2048 bytes").hasMessageContaining("1024");
    }

    @Test
    void noFilesIsRejected() {
        assertThatThrownBy(() -> SandboxFiles.validate(Map.of(), limits))
                .isInstanceOf(InvalidSandboxFilesException.class).hasMessageContaining("no files");
    }

    @Test
    void aPathCannotBeBothFileAndDirectory() {
        assertThatThrownBy(() -> SandboxFiles.validate(Map.of("a", "x", "a/b.py", "y"), limits))
                .isInstanceOf(InvalidSandboxFilesException.class).hasMessageContaining("as a file and as the directory");
    }
}
