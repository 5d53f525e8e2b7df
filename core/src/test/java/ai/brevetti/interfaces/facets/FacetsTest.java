package ai.brevetti.interfaces.facets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.brevetti.data.generator.DataGenerator;
import ai.brevetti.data.generator.OneHotEncoder;
import ai.brevetti.data.image.ImagePipeline;
import ai.brevetti.data.samples.Samples;
import ai.brevetti.internal.Json;
import ai.brevetti.platform.Dataset;
import ai.brevetti.testing.Captured;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Facets files compared field by field with spec §7.3 (build_facets, create_atlas). */
class FacetsTest {
    @TempDir
    Path dir;

    /** Five 80×80 single-colour pictures: red, green, blue in "good", white and black in "bad". */
    Samples samples() throws Exception {
        Path data = dir.resolve("data");
        Object[][] images = {{"good", "a.bmp", Color.RED}, {"good", "b.bmp", Color.GREEN}, {"good", "c.bmp", Color.BLUE},
                {"bad", "d.bmp", Color.WHITE}, {"bad", "e.bmp", Color.DARK_GRAY}};
        for (Object[] i : images) {
            BufferedImage image = new BufferedImage(80, 80, BufferedImage.TYPE_INT_RGB);
            var g = image.createGraphics();
            g.setColor((Color) i[2]);
            g.fillRect(0, 0, 80, 80);
            g.dispose();
            Files.createDirectories(data.resolve((String) i[0]));
            ImageIO.write(image, "bmp", data.resolve((String) i[0]).resolve((String) i[1]).toFile());
        }
        return Dataset.of("colours", data.toString()).getImageSamples().sortBy("path");
    }

    static DataGenerator thumbnails(Samples samples) {
        return new DataGenerator(samples).batchSize(2).seed(1).outputStructure("img", "category")
                .map(new ImagePipeline().targetSize(64, 64).antialias(true));
    }

    static int[] rgb(BufferedImage image, int x, int y) {
        int p = image.getRGB(x, y);
        return new int[] {(p >> 16) & 0xff, (p >> 8) & 0xff, p & 0xff};
    }

    static void assertColour(int[] expected, int[] actual, String what) {
        for (int c = 0; c < 3; c++) {
            assertTrue(Math.abs(expected[c] - actual[c]) <= 8, what + ": expected " + java.util.Arrays.toString(expected)
                    + ", got " + java.util.Arrays.toString(actual));
        }
    }

    @Test
    void fewerSamplesThanCountUsesWhatThereIsInASquareAtlas() throws Exception {
        Samples samples = samples();
        Path facets = Files.createDirectories(dir.resolve("artifacts/facets"));
        Captured<Boolean> run = Captured.run(() -> Facets.buildFacets(thumbnails(samples), facets.toString(), 32));
        assertTrue(run.value, "returns true like the original");
        assertTrue(run.err.contains("the generator gave 5 samples, fewer than the 32 asked for"), run.err);

        // facets.json: the samples' fields but path and bucket, category as its list of classes, in generator order
        List<Object> rows = Json.parseList(Files.readString(facets.resolve("facets.json")));
        assertEquals(5, rows.size());
        Map<?, ?> first = (Map<?, ?>) rows.get(0);
        assertEquals(List.of("category", "folder", "etag", "dataset", "dataset_id", "reference", "url"), List.copyOf(first.keySet()));
        assertEquals(List.of("bad"), first.get("category"));
        assertEquals("colours", first.get("dataset"));
        assertEquals(samples.get(0).etag(), first.get("etag"));
        assertEquals(List.of(List.of("bad"), List.of("bad"), List.of("good"), List.of("good"), List.of("good")),
                rows.stream().map(r -> ((Map<?, ?>) r).get("category")).toList());
        assertTrue(Files.readString(facets.resolve("facets.json")).startsWith("[{\"category\": [\"bad\"], \"folder\": \"bad\", "));

        // spriteatlas.jpeg: ceil(sqrt(5)) = 3 → 3×3 tiles of 64×64, row by row, RGB kept, empty tiles black
        BufferedImage atlas = ImageIO.read(facets.resolve("spriteatlas.jpeg").toFile());
        assertEquals(192, atlas.getWidth());
        assertEquals(192, atlas.getHeight());
        int[][] expected = {{255, 255, 255}, {64, 64, 64}, {255, 0, 0}, {0, 255, 0}, {0, 0, 255}, {0, 0, 0}, {0, 0, 0}, {0, 0, 0}, {0, 0, 0}};
        for (int k = 0; k < 9; k++) {
            assertColour(expected[k], rgb(atlas, (k % 3) * 64 + 32, (k / 3) * 64 + 32), "tile " + k);
        }
    }

    @Test
    void countTakesTheFirstSamplesAcrossBatchesAndSmallArraysAreKept() throws Exception {
        Samples samples = samples();
        Path facets = dir.resolve("facets");
        DataGenerator withOneHot = thumbnails(samples).map(new OneHotEncoder(List.of("bad", "good")));
        List<ai.brevetti.internal.Progress.Update> updates = new java.util.ArrayList<>();
        try (AutoCloseable l = ai.brevetti.internal.Progress.listen(updates::add)) {
            assertTrue(Facets.buildFacets(withOneHot, facets.toString(), 3));
        }
        assertEquals(List.of("0/3", "1/3", "2/3", "3/3", "3/3 end"), updates.stream().filter(u -> u.task().equals("Facets"))
                .map(u -> u.done() + "/" + u.total() + (u.finished() ? " end" : "")).toList(), "a step per sample");
        List<Object> rows = Json.parseList(Files.readString(facets.resolve("facets.json")));
        assertEquals(3, rows.size());
        assertEquals(List.of(1.0, 0.0), ((Map<?, ?>) rows.get(0)).get("onehot"), "a small array column is written");
        assertTrue(!((Map<?, ?>) rows.get(0)).containsKey("img"), "the thumbnail is only in the atlas");
        BufferedImage atlas = ImageIO.read(facets.resolve("spriteatlas.jpeg").toFile());
        assertEquals(128, atlas.getWidth(), "ceil(sqrt(3)) = 2");
        assertColour(new int[] {255, 0, 0}, rgb(atlas, 32, 96), "third sample (red) at row 1, column 0");
    }

    @Test
    void theGeneratorMustOutput64x64ThumbnailsAndCategories() throws Exception {
        Samples samples = samples();
        DataGenerator big = new DataGenerator(samples).seed(1).map(new ImagePipeline().targetSize(32, 32));
        IllegalArgumentException size = assertThrows(IllegalArgumentException.class, () -> Facets.buildFacets(big, dir.toString(), 4));
        assertTrue(size.getMessage().startsWith("buildFacets needs 64x64 thumbnails with 1 or 3 channels in 'img', not a batch of shape [5, 32, 32, 3]"),
                size.getMessage());
        IllegalArgumentException noImages = assertThrows(IllegalArgumentException.class,
                () -> Facets.buildFacets(new DataGenerator(samples).seed(1), dir.toString(), 4));
        assertTrue(noImages.getMessage().contains("to output 'img' thumbnails"), noImages.getMessage());
        IllegalArgumentException noCategory = assertThrows(IllegalArgumentException.class,
                () -> Facets.buildFacets(thumbnails(Samples.of(samples.table().rejectColumns("category"))), dir.toString(), 4));
        assertTrue(noCategory.getMessage().contains("needs the samples' 'category'"), noCategory.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Facets.buildFacets(thumbnails(samples), dir.toString(), 0));
    }

    @Test
    void greyThumbnailsMakeAGreyAtlas() throws Exception {
        Path facets = dir.resolve("grey");
        DataGenerator grey = new DataGenerator(samples()).seed(1).map(new ImagePipeline().targetSize(64, 64).colorMode("greyscale"));
        assertTrue(Facets.buildFacets(grey, facets.toString(), 4));
        BufferedImage atlas = ImageIO.read(facets.resolve("spriteatlas.jpeg").toFile());
        assertEquals(1, atlas.getRaster().getNumBands());
        assertEquals(128, atlas.getHeight());
    }
}
