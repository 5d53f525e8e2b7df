package ai.brevetti.demo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import ai.brevetti.data.samples.Samples;
import ai.brevetti.platform.Dataset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The synthetic vials. */
class DemoDataTest {
    @TempDir
    Path dir;

    @Test
    void writesThreeClassesOfTwoViewsPerVialReproducibly() throws Exception {
        DemoData data = DemoData.builder().items(4).size(48);
        assertEquals(24, data.count());
        Samples samples = Dataset.of("vials", data.write(dir.resolve("a")).toString()).getImageSamples();
        assertEquals(Map.of("good", 8, "missing_cap", 8, "failed_cap", 8), samples.counts("category"));
        assertEquals(24, samples.unique("etag").size(), "every picture differs");
        data.write(dir.resolve("b"));
        assertArrayEquals(Files.readAllBytes(dir.resolve("a/good/0_0.bmp")), Files.readAllBytes(dir.resolve("b/good/0_0.bmp")),
                "the same seed, the same files");
        data.seed(2).write(dir.resolve("c"));
        assertFalse(Arrays.equals(Files.readAllBytes(dir.resolve("a/good/0_0.bmp")), Files.readAllBytes(dir.resolve("c/good/0_0.bmp"))));
        assertEquals(2, samples.where(s -> s.path().matches(".*/9_\\d\\.bmp")).size(), "two views of vial 9");
    }
}
