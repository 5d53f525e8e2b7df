package ai.brevetti.data.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.brevetti.testing.Captured;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** libjpeg-turbo's decoder, its choice against ImageIO, and what it leaves to ImageIO. */
class TurboJpegDecoderTest {
    @TempDir
    Path dir;

    @Test
    void withoutTheLibraryAutoFallsBackToImageIOAndTurboIsAClearError() throws Exception {
        List<String> missing = List.of("no-such-turbojpeg-library");
        Captured<JpegDecoder> fallback = Captured.run(() -> JpegDecoder.choose(null, JpegDecoder.ENV, missing));
        assertEquals(JpegDecoder.IMAGEIO, fallback.value);
        assertTrue(fallback.err.contains("INFO") && fallback.err.contains("JPEG files decode with ImageIO")
                && fallback.err.contains("libturbojpeg0"), fallback.err);
        assertEquals(JpegDecoder.IMAGEIO, JpegDecoder.choose(" AUTO ", JpegDecoder.ENV, missing));

        IllegalStateException forced = assertThrows(IllegalStateException.class,
                () -> JpegDecoder.choose("turbo", JpegDecoder.ENV, missing));
        assertTrue(forced.getMessage().startsWith("BREVETTIAI_JPEG=turbo, but libjpeg-turbo's TurboJPEG library cannot be loaded")
                && forced.getMessage().contains("no-such-turbojpeg-library") && forced.getMessage().contains("apt-get install libturbojpeg0"),
                forced.getMessage());
        IllegalStateException unknown = assertThrows(IllegalStateException.class,
                () -> JpegDecoder.choose("fast", "-D" + JpegDecoder.PROPERTY, TurboJpegLibrary.NAMES));
        assertEquals("-Dbrevettiai.jpeg=fast is not a JPEG decoder; use auto, turbo or imageio", unknown.getMessage());
        assertEquals(JpegDecoder.IMAGEIO, JpegDecoder.choose("imageio", JpegDecoder.ENV, TurboJpegLibrary.NAMES));
    }

    @Test
    void withTheLibraryAutoChoosesLibjpegTurboAndSaysSoOnce() throws Exception {
        // the tests run where libturbojpeg0 is installed (.ci/run)
        Captured<JpegDecoder> chosen = Captured.run(() -> JpegDecoder.choose("auto", JpegDecoder.ENV, TurboJpegLibrary.NAMES));
        assertEquals(JpegDecoder.TURBO, chosen.value);
        assertEquals(1, chosen.err.lines().filter(l -> l.contains("JPEG files decode with libjpeg-turbo")).count(), chosen.err);
        try (JpegDecoder.Forced forced = JpegDecoder.force(JpegDecoder.TURBO)) {
            assertEquals("libjpeg-turbo", ImageDecoder.jpegDecoder());
        }
        try (JpegDecoder.Forced forced = JpegDecoder.force(JpegDecoder.IMAGEIO)) {
            assertEquals("ImageIO", ImageDecoder.jpegDecoder());
        }
    }

    @Test
    void plainJpegsDecodeWithTheLibraryAndTheRestIsLeftToImageIO() {
        JpegDecoder.choose("turbo", "test", TurboJpegLibrary.NAMES);
        byte[] rgb = TestImages.write(ImagePipelineTest.smooth(40, 30), "jpeg");
        ImageDecoder.Decoded colour = TurboJpegDecoder.rows(rgb, 0, 0);
        assertNotNull(colour);
        assertEquals(List.of(30, 40, 3), List.of(colour.rows().height(), colour.rows().width(), colour.rows().channels()));
        ImageDecoder.Decoded grey = TurboJpegDecoder.rows(TestImages.write(TestImages.randomGrey(9, 7, 3), "jpeg"), 0, 0);
        assertNotNull(grey);
        assertEquals(1, grey.rows().channels());
        byte[] large = TestImages.write(ImagePipelineTest.smooth(200, 160), "jpeg");
        assertNotNull(TurboJpegDecoder.rows(large, 0, 0));
        assertNull(TurboJpegDecoder.rows(Arrays.copyOf(large, large.length * 2 / 3), 0, 0),
                "a file cut in its image data (the library warns): ImageIO decodes it as before");
        assertNull(TurboJpegDecoder.rows(Arrays.copyOf(rgb, 100), 0, 0), "a cut header");
        assertNull(TurboJpegDecoder.rows(TestImages.write(ImagePipelineTest.smooth(4, 4), "png"), 0, 0));
    }

    @Test
    void jpegsWithAColourProfileDecodeAsImageIOConvertsThem() {
        byte[] plain = TestImages.write(ImagePipelineTest.smooth(48, 32), "jpeg");
        byte[] profiled = withProfile(plain, ICC_Profile.getInstance(ColorSpace.CS_LINEAR_RGB).getData());
        assertTrue(TurboJpegDecoder.hasColourProfile(profiled));
        assertTrue(!TurboJpegDecoder.hasColourProfile(plain));
        FloatImage converted = ImageDecoder.decodeWithImageIO(profiled);
        assertNotEquals(ImageDecoder.decodeWithImageIO(plain), converted, "ImageIO converts the profile's colours to sRGB");
        try (JpegDecoder.Forced forced = JpegDecoder.force(JpegDecoder.TURBO)) {
            assertNull(TurboJpegDecoder.rows(profiled, 0, 0));
            assertEquals(converted, ImageDecoder.decode(profiled));
            assertEquals(ImageDecoder.decodeWithImageIO(plain), ImageDecoder.decode(plain));
        }
    }

    /** {@code jpeg} with an APP2 ICC_PROFILE segment (one chunk) after its SOI marker. */
    static byte[] withProfile(byte[] jpeg, byte[] profile) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2);
        int length = 2 + 12 + 2 + profile.length;
        out.write(0xFF);
        out.write(0xE2);
        out.write(length >> 8);
        out.write(length & 0xff);
        out.writeBytes("ICC_PROFILE\0".getBytes(StandardCharsets.US_ASCII));
        out.write(1);
        out.write(1);
        out.writeBytes(profile);
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }

    @Test
    void reducedScaleDecodesAreBlockMeansAtOneHalfQuarterOrEighth() {
        try (JpegDecoder.Forced forced = JpegDecoder.force(JpegDecoder.TURBO)) {
            for (int[] size : new int[][] {{224, 224}, {150, 225}}) {
                byte[] jpeg = TestImages.write(ImagePipelineTest.smooth(size[1], size[0]), "jpeg");
                FloatImage full = ImageDecoder.decode(jpeg);
                // target → s = floor(min(h / th, w / tw)) → n, the largest of 1, 2, 4, 8 not above s
                int[][] cases = {{100, 100, 1}, {64, 64, 2}, {40, 40, 4}, {28, 28, 4}, {18, 18, 8}, {5, 5, 8}};
                for (int[] c : cases) {
                    int s = Math.min(size[0] / c[0], size[1] / c[1]);
                    int n = s >= 8 ? 8 : s >= 4 ? 4 : s >= 2 ? 2 : 1;
                    ImageDecoder.Decoded d = ImageDecoder.rowsForTarget(jpeg, c[0], c[1]);
                    assertEquals(n == 1 ? SampleGrid.full(size[0]) : SampleGrid.blocks(n, size[0]), d.ys(), Arrays.toString(c));
                    assertEquals(n == 1 ? SampleGrid.full(size[1]) : SampleGrid.blocks(n, size[1]), d.xs(), Arrays.toString(c));
                    FloatImage reduced = d.rows().toImage();
                    assertEquals((size[0] + n - 1) / n, reduced.height());
                    assertEquals((size[1] + n - 1) / n, reduced.width());
                    if (n == 1) {
                        assertEquals(full, reduced);
                    } else {
                        double mean = meanDifferenceFromBlockMeans(full, reduced, n);
                        assertTrue(mean < 1.5, "n=" + n + " " + Arrays.toString(size) + ": mean difference from the block means " + mean);
                    }
                }
            }
        }
    }

    /** Mean |reduced − mean of its n×n block of full| over the whole blocks. */
    private static double meanDifferenceFromBlockMeans(FloatImage full, FloatImage reduced, int n) {
        double sum = 0;
        int count = 0;
        for (int y = 0; y < full.height() / n; y++) {
            for (int x = 0; x < full.width() / n; x++) {
                for (int c = 0; c < 3; c++) {
                    double block = 0;
                    for (int dy = 0; dy < n; dy++) {
                        for (int dx = 0; dx < n; dx++) {
                            block += full.get(y * n + dy, x * n + dx, c);
                        }
                    }
                    sum += Math.abs(block / (n * n) - reduced.get(y, x, c));
                    count++;
                }
            }
        }
        return sum / count;
    }

    @Test
    void rowsAreReadOnTheDecodingThreadBeforeItsNextDecode() throws Exception {
        JpegDecoder.choose("turbo", "test", TurboJpegLibrary.NAMES);
        byte[] a = TestImages.write(ImagePipelineTest.smooth(20, 10), "jpeg");
        byte[] b = TestImages.write(TestImages.randomRgb(20, 10, 4), "jpeg");
        ImageDecoder.Decoded first = TurboJpegDecoder.rows(a, 0, 0);
        float[] row = new float[60];
        first.rows().row(0, row, 0);
        ImageDecoder.Decoded second = TurboJpegDecoder.rows(b, 0, 0);
        assertThrows(IllegalStateException.class, () -> first.rows().row(0, row, 0), "rows of a buffer since reused");
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            Future<?> elsewhere = other.submit(() -> second.rows().row(0, row, 0));
            Exception e = assertThrows(Exception.class, elsewhere::get);
            assertTrue(e.getCause() instanceof IllegalStateException, e.toString());
        } finally {
            other.shutdown();
        }
    }

    @Test
    void threadsDecodeAtOnceEachWithItsOwnDecompressor() throws Exception {
        List<byte[]> files = new ArrayList<>();
        List<FloatImage> expected = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            byte[] jpeg = TestImages.write(i % 3 == 0 ? TestImages.randomGrey(30 + i, 20 + i, i) : TestImages.randomRgb(30 + i, 20 + 2 * i, i), "jpeg");
            files.add(jpeg);
            expected.add(ImageDecoder.decodeWithImageIO(jpeg));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (JpegDecoder.Forced forced = JpegDecoder.force(JpegDecoder.TURBO)) {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int round = 0; round < 20; round++) {
                for (int i = 0; i < files.size(); i++) {
                    int k = i;
                    results.add(pool.submit(() -> expected.get(k).equals(ImageDecoder.decode(files.get(k)))));
                }
            }
            for (Future<Boolean> r : results) {
                assertTrue(r.get());
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void aDamagedJpegInThePipelineIsNamedAndBlackAsWithImageIO() throws Exception {
        byte[] jpeg = TestImages.write(ImagePipelineTest.smooth(32, 32), "jpeg");
        byte[] damaged = Arrays.copyOf(jpeg, 120);
        Path file = Files.write(dir.resolve("damaged.jpg"), damaged);
        ImagePipeline pipeline = new ImagePipeline().targetSize(8, 8);
        List<String> warnings = new ArrayList<>();
        List<FloatImage> images = new ArrayList<>();
        for (JpegDecoder decoder : JpegDecoder.values()) {
            try (JpegDecoder.Forced forced = JpegDecoder.force(decoder)) {
                Captured<FloatImage> loaded = Captured.run(() -> pipeline.load(file.toString()));
                images.add(loaded.value);
                warnings.add(loaded.err.lines().filter(l -> l.contains("WARN")).findFirst().orElse("none"));
            }
        }
        assertTrue(warnings.get(0).contains("Could not load image '" + file + "'") && warnings.get(0).contains("Cannot decode the image"),
                warnings.toString());
        assertEquals(warnings.get(1).replaceAll("^.*WARN", ""), warnings.get(0).replaceAll("^.*WARN", ""));
        assertArrayEquals(new float[8 * 8 * 3], images.get(0).data());
        assertEquals(images.get(1), images.get(0));
    }
}
