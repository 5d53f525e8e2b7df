package ai.brevetti.data.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.brevetti.data.generator.Batch;
import ai.brevetti.data.generator.StepRandom;
import ai.brevetti.data.generator.Tensor;
import ai.brevetti.io.IoTools;
import ai.brevetti.io.S3Storage;
import ai.brevetti.testing.Captured;
import ai.brevetti.testing.DeepZoomPyramid;
import ai.brevetti.testing.S3TestServer;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Deep Zoom images read through the pipeline: pyramids written by {@link DeepZoomPyramid} (ImageIO, with
 * overlap) from a known image, and the views read from their tiles compared with that image.
 */
class TiledImageTest {
    private static final int W = 100;
    private static final int H = 70;
    private static final int TILE = 16;
    private static final int OVERLAP = 1;

    @TempDir
    static Path dir;

    static BufferedImage full;
    static List<BufferedImage> levels;
    static String dzi;
    static String fullPng;
    static S3TestServer server;

    @BeforeAll
    static void pyramid() throws Exception {
        full = smooth(W, H);
        levels = DeepZoomPyramid.levels(full);
        Path folder = Files.createDirectories(dir.resolve("images"));
        DeepZoomPyramid.write(full, folder.resolve("smooth.dzi"), folder.resolve("smooth_files"), TILE, OVERLAP, "png");
        dzi = folder.resolve("smooth.dzi").toString();
        fullPng = folder.resolve("smooth.png").toString();
        Files.write(Path.of(fullPng), TestImages.write(full, "png"));
        server = S3TestServer.start(Files.createDirectories(dir.resolve("s3")));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    /** A smooth RGB picture (so that level averages and a triangle filter agree closely), with a few sharp lines. */
    static BufferedImage smooth(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int r = (int) (127 + 100 * Math.sin(x / 9.0) * Math.cos(y / 13.0));
                int g = (int) (2.5 * x);
                int b = y % 23 == 0 ? 255 : (int) (3.5 * y);
                image.setRGB(x, y, r << 16 | Math.min(255, g) << 8 | Math.min(255, b));
            }
        }
        return image;
    }

    /** The pixels of {@code image} in {@code [x0, x1) × [y0, y1)}, zero outside it (HWC, RGB). */
    static float[] crop(BufferedImage image, int x0, int y0, int x1, int y1) {
        float[] out = new float[(y1 - y0) * (x1 - x0) * 3];
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                if (x >= 0 && y >= 0 && x < image.getWidth() && y < image.getHeight()) {
                    int rgb = image.getRGB(x, y);
                    int at = ((y - y0) * (x1 - x0) + x - x0) * 3;
                    out[at] = rgb >> 16 & 0xff;
                    out[at + 1] = rgb >> 8 & 0xff;
                    out[at + 2] = rgb & 0xff;
                }
            }
        }
        return out;
    }

    private static ImagePipeline pipeline() {
        return new ImagePipeline();
    }

    @Test
    void atZoom1TheTilesGiveExactlyTheCropOfTheImageWithZerosOutside() {
        int[][] boxes = {
            {0, 0, W, H}, // the whole image, all 35 tiles of the full level
            {3, 5, 19, 21}, // across four tiles, unaligned
            {16, 16, 32, 32}, // exactly one tile
            {15, 15, 17, 17}, // the corners of four tiles (where the overlap is)
            {90, 60, 110, 75}, // past the right and bottom edges
            {-7, -3, 9, 4}, // before the left and top edges
            {-20, -20, -5, -5}, // entirely outside: no tile at all
            {0, 0, 1, 1},
        };
        for (int[] b : boxes) {
            FloatImage view = pipeline().read(dzi, new ImageView(b[0], b[1], b[2], b[3], 1));
            assertEquals(b[3] - b[1], view.height());
            assertEquals(b[2] - b[0], view.width());
            assertArrayEquals(crop(full, b[0], b[1], b[2], b[3]), view.data(), java.util.Arrays.toString(b));
        }
    }

    @Test
    void aZoomReadsItsLevelExactlyWhenTheBoxIsAlignedAndIsCloseToTheImageDownscaled() {
        for (int zoom : new int[] {2, 4, 8}) {
            int level = DeepZoomPyramid.maxLevel(W, H) - Integer.numberOfTrailingZeros(zoom);
            BufferedImage levelImage = levels.get(level);
            // the whole image, one inside, one reaching outside
            int[][] boxes = {{0, 0, W, H}, {zoom * 3, zoom * 2, zoom * 3 + 64, zoom * 2 + 48}, {-zoom * 4, zoom, zoom * 5, zoom * 40}};
            for (int[] b : boxes) {
                ImageView view = new ImageView(b[0], b[1], b[2], b[3], zoom);
                FloatImage tiled = pipeline().read(dzi, view);
                assertEquals(view.height(), tiled.height());
                assertEquals(view.width(), tiled.width());
                // aligned on the level's pixels: exactly the level's pixels
                int lx0 = Math.floorDiv(b[0], zoom);
                int ly0 = Math.floorDiv(b[1], zoom);
                assertArrayEquals(crop(levelImage, lx0, ly0, lx0 + view.width(), ly0 + view.height()), tiled.data(),
                        "zoom " + zoom + " " + java.util.Arrays.toString(b));
                // and close to the plain image cropped and downscaled by the antialiased filter
                FloatImage plain = pipeline().read(fullPng, view);
                assertEquals(plain.width(), tiled.width());
                assertEquals(plain.height(), tiled.height());
                double mean = meanAbsoluteDifference(plain.data(), tiled.data());
                // (a box reaching outside differs more at the edges: a level's last pixel averages only the
                // image's own pixels, where the filter also weighs the zeros beyond it)
                if (b[0] >= 0 && b[1] >= 0 && b[2] <= W && b[3] <= H) {
                    assertTrue(mean < 3.0, "zoom " + zoom + " " + java.util.Arrays.toString(b) + ": mean |plain − tiled| " + mean);
                }
            }
        }
    }

    @Test
    void anUnalignedBoxIsInterpolatedBetweenTheLevelsPixels() {
        // x0 = 3 at zoom 2: each view pixel sits between two level pixels, so it is their mean
        ImageView view = new ImageView(3, 4, 23, 14, 2);
        FloatImage tiled = pipeline().read(dzi, view);
        float[] level = crop(levels.get(DeepZoomPyramid.maxLevel(W, H) - 1), 1, 2, 12, 7);
        for (int v = 0; v < view.height(); v++) {
            for (int u = 0; u < view.width(); u++) {
                for (int c = 0; c < 3; c++) {
                    float left = level[(v * 11 + u) * 3 + c];
                    float right = level[(v * 11 + u + 1) * 3 + c];
                    assertEquals((left + right) / 2, tiled.get(v, u, c), 1e-3, "pixel " + u + "," + v);
                }
            }
        }
    }

    @Test
    void aZoomBeyondTheSmallestLevelDownscalesLevel0() {
        // 100×70: level 0 is 1×1, its pixel 128 full pixels wide; zoom 256 reads it and halves the rest
        float[] p = crop(levels.get(0), 0, 0, 1, 1);
        assertArrayEquals(p, pipeline().read(dzi, new ImageView(0, 0, 128, 128, 128)).data());
        FloatImage view = pipeline().read(dzi, new ImageView(0, 0, 512, 256, 256));
        assertEquals(1, view.height());
        assertEquals(2, view.width());
        // view pixel (0, 0), centred on level-0 sample 1.0 with a triangle 2 samples wide: along x the
        // samples at 0.5, 1.5, 2.5 weigh 0.75, 0.75, 0.25 (only the first is the image); along y 0.75, 0.75
        for (int c = 0; c < 3; c++) {
            assertEquals(p[c] * 0.75 / 1.75 * 0.75 / 1.5, view.get(0, 0, c), 1e-3);
            assertEquals(0f, view.get(0, 1, c), "the second view pixel is beyond the image");
        }
    }

    @Test
    void theStandardAndThePlatformsTileFoldersAndBothHeaderForms() throws IOException {
        Path platform = Files.createDirectories(dir.resolve("bucket/.tiles/a/b.tif"));
        DeepZoomPyramid.write(full, platform.resolve("dzi.json"), platform.resolve("image_files"), 32, 2, "jpg");
        Path xml = dir.resolve("standard/img.dzi");
        DeepZoomPyramid.write(full, xml, dir.resolve("standard/img_files"), 32, 0, "png");
        ImageView box = new ImageView(30, 20, 70, 50, 1);
        FloatImage fromJpeg = pipeline().read(platform.resolve("dzi.json").toString(), box);
        // JPEG at quality 0.9 with 4:2:0 chroma smears the one-pixel blue lines: about 5 of 255 on average
        double jpeg = meanAbsoluteDifference(crop(full, 30, 20, 70, 50), fromJpeg.data());
        assertTrue(jpeg < 8, "JPEG tiles: mean difference " + jpeg);
        assertArrayEquals(crop(full, 30, 20, 70, 50), pipeline().read(xml.toString(), box).data());
        // a header without a view: the whole image
        assertArrayEquals(crop(full, 0, 0, W, H), pipeline().read(xml.toString()).data());
    }

    @Test
    void onlyTheTilesTheBoxNeedsAreReadAndACachedRunReadsNone() throws Exception {
        String root = "s3://" + S3TestServer.BUCKET + "/dataset-1";
        try (IoTools raw = new IoTools().register(new S3Storage().route("s3://" + S3TestServer.BUCKET, server.access()))) {
            Path local = dir.resolve("images");
            try (Stream<Path> files = Files.walk(local)) {
                for (Path f : files.filter(Files::isRegularFile).filter(f -> f.getFileName().toString().startsWith("smooth")
                        || f.getParent().getParent().getFileName().toString().equals("smooth_files")).toList()) {
                    raw.writeFile(root + "/" + local.relativize(f).toString().replace('\\', '/'), Files.readAllBytes(f));
                }
            }
            String remote = root + "/smooth.dzi";
            ImagePipeline pipeline = new ImagePipeline().io(raw);
            int[][] boxes = {{3, 5, 19, 21}, {16, 16, 32, 32}, {90, 60, 110, 75}, {-20, -20, -5, -5}, {15, 0, 49, 1}};
            long before = server.gets();
            boolean first = true;
            for (int[] b : boxes) {
                ImageView view = new ImageView(b[0], b[1], b[2], b[3], 1);
                long start = server.gets();
                FloatImage image = pipeline.read(remote, view);
                long tiles = server.gets() - start - (first ? 1 : 0); // the header once per pipeline
                first = false;
                assertEquals(tilesCovering(b), tiles, "tiles read for " + java.util.Arrays.toString(b));
                assertArrayEquals(crop(full, b[0], b[1], b[2], b[3]), image.data());
            }
            assertEquals(1 + java.util.Arrays.stream(boxes).mapToInt(TiledImageTest::tilesCovering).sum(), server.gets() - before);
            assertEquals(1 + 4 + 1 + 4 + 0 + 4, server.gets() - before, "counted by hand");
            // through a cache of immutable dataset files: read once, then no request at all
            IoTools cached = new IoTools().register(new S3Storage().route("s3://" + S3TestServer.BUCKET, server.access()))
                    .setCacheRoot(Files.createDirectories(dir.resolve("cache"))).declareImmutable(root);
            try (cached) {
                ImagePipeline warm = new ImagePipeline().io(cached);
                ImageView view = new ImageView(3, 5, 19, 21, 1);
                FloatImage cold = warm.read(remote, view);
                long afterCold = server.gets();
                FloatImage again = new ImagePipeline().io(cached).read(remote, view);
                assertEquals(afterCold, server.gets(), "a warm cache serves the header and the tiles with no request");
                assertArrayEquals(cold.data(), again.data());
            }
        }
    }

    /** The full-level tiles a box at zoom 1 covers inside the image (counted here, independently of the reader). */
    private static int tilesCovering(int[] b) {
        int x0 = Math.max(0, b[0]);
        int y0 = Math.max(0, b[1]);
        int x1 = Math.min(W, b[2]);
        int y1 = Math.min(H, b[3]);
        if (x1 <= x0 || y1 <= y0) {
            return 0;
        }
        return ((x1 - 1) / TILE - x0 / TILE + 1) * ((y1 - 1) / TILE - y0 / TILE + 1);
    }

    @Test
    void aTifSampleIsReadFromItsTilesWhenTheDatasetHasThem() throws Exception {
        Path bucket = Files.createDirectories(dir.resolve("dataset"));
        Files.createDirectories(bucket.resolve("good"));
        // the tif itself holds other pixels than its tiles, so the test sees which was read
        BufferedImage tifPixels = TestImages.randomRgb(W, H, 7);
        Path tif = bucket.resolve("good/large.tif");
        Files.write(tif, TestImages.write(tifPixels, "tiff"));
        Path tiles = bucket.resolve(".tiles/good/large.tif");
        DeepZoomPyramid.write(full, tiles.resolve("dzi.json"), tiles.resolve("image_files"), TILE, OVERLAP, "png");
        Path plainTif = bucket.resolve("good/small.tif");
        Files.write(plainTif, TestImages.write(tifPixels, "tiff"));

        Batch batch = Batch.of(Map.of("path", new String[] {tif.toString(), plainTif.toString(), tif.toString()},
                "bucket", new String[] {bucket.toString(), bucket.toString(), dir.resolve("elsewhere").toString()},
                "bbox", new String[] {"[10, 12, 42, 36]", "[10, 12, 42, 36]", "[10, 12, 42, 36]"}));
        Batch out = new ImagePipeline().apply(batch, new StepRandom(0, batch));
        Tensor img = out.tensor("img");
        assertArrayEquals(new int[] {3, 24, 32, 3}, img.shape());
        assertArrayEquals(crop(full, 10, 12, 42, 36), FloatImage.of(img, 0).data(), "the tif's tiles");
        assertArrayEquals(crop(tifPixels, 10, 12, 42, 36), FloatImage.of(img, 1).data(), "a tif without tiles is read itself");
        assertArrayEquals(crop(tifPixels, 10, 12, 42, 36), FloatImage.of(img, 2).data(), "outside its bucket: the tif itself");
    }

    @Test
    void aMissingTileIsBlackAndReportedOncePerImage() throws Exception {
        Path copy = Files.createDirectories(dir.resolve("holes"));
        DeepZoomPyramid.write(full, copy.resolve("holes.dzi.json"), copy.resolve("holes_files"), TILE, OVERLAP, "png");
        int level = DeepZoomPyramid.maxLevel(W, H);
        Files.delete(copy.resolve("holes_files/" + level + "/1_1.png"));
        Files.write(copy.resolve("holes_files/" + level + "/2_1.png"), "not a png".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        String header = copy.resolve("holes.dzi.json").toString();
        ImagePipeline pipeline = new ImagePipeline();
        Captured<FloatImage> read = Captured.run(() -> pipeline.read(header, new ImageView(0, 0, 48, 32, 1)));
        float[] expected = crop(full, 0, 0, 48, 32);
        for (int y = 16; y < 32; y++) {
            for (int x = 16; x < 48; x++) {
                for (int c = 0; c < 3; c++) {
                    expected[(y * 48 + x) * 3 + c] = 0;
                }
            }
        }
        assertArrayEquals(expected, read.value.data());
        assertEquals(1, read.err.split("Could not load tile", -1).length - 1, read.err);
        assertTrue(read.err.contains("WARN") && read.err.contains(header) && read.err.contains("1_1.png"), read.err);
        Captured<FloatImage> again = Captured.run(() -> pipeline.read(header, new ImageView(16, 16, 32, 32, 1)));
        assertFalse(again.err.contains("Could not load tile"), again.err);
    }

    @Test
    void aMissingOrBrokenHeaderGivesABlackViewAndAWarningNamingIt() throws Exception {
        Path broken = dir.resolve("broken.dzi");
        Files.writeString(broken, "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><Image TileSize=\"&e;\"/>");
        String missing = dir.resolve("nowhere/dzi.json").toString();
        Batch batch = Batch.of(Map.of("path", new String[] {broken.toString(), missing},
                "bbox", new String[] {"[0, 0, 40, 20]", "[5, 5, 45, 25]"}, "zoom_factor", new String[] {"2", "2"}));
        Captured<Batch> out = Captured.run(() -> new ImagePipeline().rescale("imagenet").apply(batch, new StepRandom(0, batch)));
        Tensor img = out.value.tensor("img");
        assertArrayEquals(new int[] {2, 10, 20, 3}, img.shape(), "the views' size, from the bbox and zoom");
        for (float v : img.data()) {
            assertEquals(-1f, v);
        }
        assertTrue(out.err.contains(broken.toString()) && out.err.contains(missing), out.err);
        assertFalse(out.err.contains("root:"), "no external entity was read: " + out.err);
        assertArrayEquals(new float[6], out.value.tensor(ImagePipeline.FILE_SHAPE_KEY).data());
    }

    @Test
    void aViewTooLargeToHoldIsAClearError() {
        Path big = dir.resolve("big.dzi.json");
        try {
            Files.writeString(big, DeepZoomPyramid.header(200_000, 200_000, 254, 1, "jpg", false));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ImagePipeline().load(big.toString()));
        assertTrue(e.getMessage().contains(big.toString()) && e.getMessage().contains("bbox"), e.getMessage());
        // the same image at a zoom that fits: fine (all tiles missing: black, one warning)
        FloatImage small = new ImagePipeline().read(big.toString(), ImageView.whole(200_000, 200_000, 1024));
        assertEquals(196, small.width());
    }

    static double meanAbsoluteDifference(float[] a, float[] b) {
        assertEquals(a.length, b.length);
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += Math.abs(a[i] - b[i]);
        }
        return sum / a.length;
    }
}
