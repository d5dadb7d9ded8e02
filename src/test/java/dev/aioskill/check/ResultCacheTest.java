package dev.aioskill.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultCacheTest {

    @TempDir
    Path dir;

    private static Finding finding(String path, int line) {
        return new Finding("AIO100", "blocking-sleep", Severity.ERROR, Category.BLOCKING, path, line, 4, line, 17,
                "time.sleep() blocks the event loop inside coroutine 'f'", "Ch 2-3", "Use await asyncio.sleep().");
    }

    @Test
    void storedFindingsComeBackNamingTheCurrentPath() {
        ResultCache cache = new ResultCache(dir);
        String key = ResultCache.key("import time\n".getBytes(StandardCharsets.UTF_8));

        cache.put(key, List.of(finding("old/place.py", 3)));

        assertThat(cache.get(key, "new/place.py")).contains(List.of(finding("new/place.py", 3)));
    }

    @Test
    void cleanResultIsCachedAsEmptyNotAsMissing() {
        ResultCache cache = new ResultCache(dir);
        cache.put("ab" + "0".repeat(62), List.of());

        assertThat(cache.get("ab" + "0".repeat(62), "x.py")).contains(List.of());
        assertThat(cache.get("cd" + "0".repeat(62), "x.py")).isEmpty();
    }

    @Test
    void damagedEntryIsAMiss() throws Exception {
        ResultCache cache = new ResultCache(dir);
        String key = ResultCache.key(new byte[] {1, 2, 3});
        cache.put(key, List.of(finding("a.py", 1)));
        try (var files = Files.walk(dir)) {
            Path entry = files.filter(p -> p.toString().endsWith(".json")).findFirst().orElseThrow();
            Files.writeString(entry, "{not json");
        }

        assertThat(cache.get(key, "a.py")).isEmpty();
    }

    @Test
    void keyIsTheSha256OfTheContent() {
        assertThat(ResultCache.key("abc".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}
