package dev.aioskill.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UidSlotsTest {

    @TempDir
    Path dir;

    @Test
    void slotsHeldAtOnceHaveDistinctUidsAndAFreedUidIsReused() throws Exception {
        UidSlots slots = new UidSlots(61090, 2, dir.resolve("locks"));

        try (UidSlots.Slot first = slots.acquire(1_000); UidSlots.Slot second = slots.acquire(1_000)) {
            assertThat(first.uid).isNotEqualTo(second.uid);
            assertThat(first.uid).isBetween(61090, 61091);
            assertThatThrownBy(() -> slots.acquire(100)).isInstanceOf(IOException.class).hasMessageContaining("busy");
        }
        try (UidSlots.Slot again = slots.acquire(1_000)) {
            assertThat(again.uid).isEqualTo(61090);
        }
    }

    @Test
    void aLockDirectoryOwnedBySomeoneElseIsNotTrusted() throws Exception {
        assumeThat(PytestSandbox.currentUid()).as("only root can give a directory away").isZero();
        Path foreign = Files.createDirectory(dir.resolve("foreign"));
        Files.setAttribute(foreign, "unix:uid", 61099);
        UidSlots slots = new UidSlots(61092, 1, foreign);

        assertThatThrownBy(() -> slots.acquire(1_000)).isInstanceOf(IOException.class)
                .hasMessageContaining("not a directory owned by");
    }
}
