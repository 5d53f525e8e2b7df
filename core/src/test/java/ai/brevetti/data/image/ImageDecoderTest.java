package ai.brevetti.data.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ImageDecoderTest {

    private static void assertSameRgb(BufferedImage expected, FloatImage actual) {
        assertEquals(expected.getHeight(), actual.height());
        assertEquals(expected.getWidth(), actual.width());
        assertEquals(3, actual.channels());
        for (int y = 0; y < expected.getHeight(); y++) {
            for (int x = 0; x < expected.getWidth(); x++) {
                int p = expected.getRGB(x, y);
                assertEquals((p >> 16) & 0xff, actual.get(y, x, 0), "R at " + y + "," + x);
                assertEquals((p >> 8) & 0xff, actual.get(y, x, 1), "G at " + y + "," + x);
                assertEquals(p & 0xff, actual.get(y, x, 2), "B at " + y + "," + x);
            }
        }
    }

    private static void assertSameGrey(BufferedImage expected, FloatImage actual) {
        assertEquals(1, actual.channels());
        for (int y = 0; y < expected.getHeight(); y++) {
            for (int x = 0; x < expected.getWidth(); x++) {
                assertEquals(expected.getRaster().getSample(x, y, 0), actual.get(y, x, 0), "at " + y + "," + x);
            }
        }
    }

    @Test
    void pngColourAndGreyKeepExactValues() {
        BufferedImage rgb = TestImages.randomRgb(7, 5, 1);
        assertSameRgb(rgb, ImageDecoder.decode(TestImages.write(rgb, "png")));
        BufferedImage grey = TestImages.randomGrey(7, 5, 2);
        FloatImage decoded = ImageDecoder.decode(TestImages.write(grey, "png"));
        assertEquals(5, decoded.height());
        assertEquals(7, decoded.width());
        assertSameGrey(grey, decoded);
    }

    @Test
    void tiffColourAndGreyKeepExactValues() {
        BufferedImage rgb = TestImages.randomRgb(6, 4, 3);
        assertSameRgb(rgb, ImageDecoder.decode(TestImages.write(rgb, "tiff")));
        BufferedImage grey = TestImages.randomGrey(6, 4, 4);
        assertSameGrey(grey, ImageDecoder.decode(TestImages.write(grey, "tiff")));
    }

    @Test
    void pngAlphaIsDropped() {
        BufferedImage argb = new BufferedImage(2, 1, BufferedImage.TYPE_INT_ARGB);
        argb.setRGB(0, 0, 0x10203040);
        argb.setRGB(1, 0, 0xFFA0B0C0);
        FloatImage decoded = ImageDecoder.decode(TestImages.write(argb, "png"));
        assertEquals(3, decoded.channels());
        assertArrayEquals(new float[] {0x20, 0x30, 0x40, 0xA0, 0xB0, 0xC0}, decoded.data());
    }

    @Test
    void sixteenBitGreyPngIsScaledTo255() {
        BufferedImage grey16 = new BufferedImage(3, 1, BufferedImage.TYPE_USHORT_GRAY);
        grey16.getRaster().setSample(0, 0, 0, 0);
        grey16.getRaster().setSample(1, 0, 0, 65535);
        grey16.getRaster().setSample(2, 0, 0, 257 * 100);
        FloatImage decoded = ImageDecoder.decode(TestImages.write(grey16, "png"));
        assertEquals(1, decoded.channels());
        assertEquals(0f, decoded.get(0, 0, 0));
        assertEquals(255f, decoded.get(0, 1, 0), 1e-4);
        assertEquals(100f, decoded.get(0, 2, 0), 1e-4);
    }

    @ParameterizedTest
    @EnumSource(JpegDecoder.class)
    void jpegGivesImageIOsValues(JpegDecoder decoder) throws Exception {
        try (JpegDecoder.Forced forced = JpegDecoder.force(decoder)) {
            jpegGivesImageIOsValues();
        }
    }

    /** The exact path's reference: every value as the JDK's ImageIO reader gives it, colour and grey, 4:2:0 and 4:4:4. */
    private static void jpegGivesImageIOsValues() throws Exception {
        for (int[] size : new int[][] {{16, 16}, {37, 29}, {224, 224}}) {
            for (BufferedImage picture : List.of(TestImages.randomRgb(size[0], size[1], 5), ImagePipelineTest.smooth(size[0], size[1]))) {
                byte[] jpeg = TestImages.write(picture, "jpeg");
                assertSameRgb(ImageIO.read(new ByteArrayInputStream(jpeg)), ImageDecoder.decode(jpeg));
            }
        }
        BufferedImage rgb = TestImages.randomRgb(16, 16, 5);
        byte[] jpeg = TestImages.write(rgb, "jpeg");
        BufferedImage reference = ImageIO.read(new ByteArrayInputStream(jpeg));
        assertSameRgb(reference, ImageDecoder.decode(jpeg));
        BufferedImage grey = TestImages.randomGrey(16, 8, 6);
        byte[] greyJpeg = TestImages.write(grey, "jpeg");
        FloatImage decoded = ImageDecoder.decode(greyJpeg);
        assertEquals(1, decoded.channels());
        assertSameGrey(ImageIO.read(new ByteArrayInputStream(greyJpeg)), decoded);
    }

    @Test
    void bmp24BottomUpAndTopDownWithRowPadding() {
        int[][] pixels = {{0x010203, 0x040506, 0x070809}, {0xFF0000, 0x00FF00, 0x0000FF}};
        float[] expected = {1, 2, 3, 4, 5, 6, 7, 8, 9, 255, 0, 0, 0, 255, 0, 0, 0, 255};
        for (boolean topDown : new boolean[] {false, true}) {
            byte[] bmp = TestImages.bmp(pixels, 24, topDown);
            FloatImage fast = BmpDecoder.decode(bmp);
            assertNotNull(fast, "fast path");
            assertEquals(2, fast.height());
            assertEquals(3, fast.width());
            assertArrayEquals(expected, fast.data(), "top-down " + topDown);
            assertEquals(fast, ImageDecoder.decode(bmp));
        }
    }

    @Test
    void bmp32IgnoresTheFourthByte() {
        int[][] pixels = {{0x112233, 0x445566}};
        FloatImage fast = BmpDecoder.decode(TestImages.bmp(pixels, 32, false));
        assertNotNull(fast);
        assertArrayEquals(new float[] {0x11, 0x22, 0x33, 0x44, 0x55, 0x66}, fast.data());
    }

    @Test
    void bmp8GreyPaletteGivesOneChannelAndColourPaletteThree() {
        int[] greys = new int[256];
        Arrays.setAll(greys, i -> i * 0x010101);
        int[][] indices = {{0, 10, 200}, {255, 1, 2}};
        FloatImage grey = BmpDecoder.decode(TestImages.bmp8(indices, greys, false));
        assertNotNull(grey);
        assertEquals(1, grey.channels());
        assertArrayEquals(new float[] {0, 10, 200, 255, 1, 2}, grey.data());

        int[] colours = {0x000000, 0xFF8000, 0x0080FF};
        int[][] small = {{1, 2}, {0, 1}};
        FloatImage colour = BmpDecoder.decode(TestImages.bmp8(small, colours, true));
        assertNotNull(colour);
        assertEquals(3, colour.channels());
        assertArrayEquals(new float[] {255, 128, 0, 0, 128, 255, 0, 0, 0, 255, 128, 0}, colour.data());
    }

    @Test
    void bmpFastPathEqualsImageIOOnRandomImages() {
        int[] widths = {1, 2, 3, 5, 8, 13};
        int[] greys = new int[256];
        Arrays.setAll(greys, i -> i * 0x010101);
        int[] colours = new int[256];
        Arrays.setAll(colours, i -> (int) ((i * 2654435761L) & 0xffffff));
        long seed = 10;
        for (int w : widths) {
            for (boolean topDown : new boolean[] {false, true}) {
                int h = 1 + (w % 4) + 2;
                int[][] rgb = TestImages.randomPixels(h, w, 1 << 24, seed++);
                int[][] idx = TestImages.randomPixels(h, w, 256, seed++);
                byte[][] files = {
                    TestImages.bmp(rgb, 24, topDown), TestImages.bmp(rgb, 32, topDown),
                    TestImages.bmp8(idx, greys, topDown), TestImages.bmp8(idx, colours, topDown)};
                for (byte[] file : files) {
                    FloatImage fast = BmpDecoder.decode(file);
                    assertNotNull(fast);
                    FloatImage reference = ImageDecoder.decodeWithImageIO(file);
                    assertEquals(reference, fast, "w=" + w + " topDown=" + topDown + " bits=" + file[28]);
                }
            }
        }
    }

    @Test
    void imageIOWrittenBmpTakesTheFastPath() {
        BufferedImage rgb = TestImages.randomRgb(9, 4, 7);
        byte[] bmp = TestImages.write(rgb, "bmp");
        assertNotNull(BmpDecoder.decode(bmp));
        assertSameRgb(rgb, ImageDecoder.decode(bmp));
    }

    @Test
    void otherBmpVariantsFallBackToImageIO() {
        // 16-bit BI_RGB (5-5-5): not a fast-path format, ImageIO reads it
        int[][] pixels = {{0x7C00, 0x03E0}};
        byte[] bmp = TestImages.bmp(new int[][] {{0, 0}}, 24, false);
        byte[] b16 = new byte[54 + 4];
        System.arraycopy(bmp, 0, b16, 0, 54);
        b16[2] = (byte) b16.length;
        b16[28] = 16;
        b16[34] = 4;
        b16[54] = (byte) pixels[0][0];
        b16[55] = (byte) (pixels[0][0] >> 8);
        b16[56] = (byte) pixels[0][1];
        b16[57] = (byte) (pixels[0][1] >> 8);
        assertNull(BmpDecoder.decode(b16));
        FloatImage decoded = ImageDecoder.decode(b16);
        assertEquals(1, decoded.height());
        assertEquals(2, decoded.width());
        assertTrue(decoded.get(0, 0, 0) > 240 && decoded.get(0, 0, 1) < 10, "red: " + Arrays.toString(decoded.data()));
        assertTrue(decoded.get(0, 1, 1) > 240 && decoded.get(0, 1, 0) < 10, "green: " + Arrays.toString(decoded.data()));
    }

    @ParameterizedTest
    @EnumSource(JpegDecoder.class)
    void corruptOrUnknownBytesFailWithAClearException(JpegDecoder decoder) {
        try (JpegDecoder.Forced forced = JpegDecoder.force(decoder)) {
            corruptOrUnknownBytesFailWithAClearException();
            // a JPEG cut short decodes as ImageIO decodes it (grey past the end), a JPEG cut inside its header fails as there
            byte[] jpeg = TestImages.write(ImagePipelineTest.smooth(200, 160), "jpeg");
            byte[] cut = Arrays.copyOf(jpeg, jpeg.length * 2 / 3);
            assertTrue(ImageDecoder.jpegComponents(cut) == 3, "cut in the image data, not the header");
            assertEquals(ImageDecoder.decodeWithImageIO(cut), ImageDecoder.decode(cut));
            byte[] header = Arrays.copyOf(jpeg, 100);
            ImageDecodeException broken = assertThrows(ImageDecodeException.class, () -> ImageDecoder.decode(header));
            assertEquals(assertThrows(ImageDecodeException.class, () -> ImageDecoder.decodeWithImageIO(header)).getMessage(),
                    broken.getMessage());
            assertTrue(broken.getMessage().contains("Cannot decode the image (100 bytes)"), broken.getMessage());
        }
    }

    private static void corruptOrUnknownBytesFailWithAClearException() {
        ImageDecodeException unknown = assertThrows(ImageDecodeException.class, () -> ImageDecoder.decode("not an image".getBytes()));
        assertTrue(unknown.getMessage().contains("Not an image format"), unknown.getMessage());
        byte[] png = TestImages.write(TestImages.randomRgb(20, 20, 8), "png");
        byte[] truncated = Arrays.copyOf(png, png.length / 2);
        assertThrows(ImageDecodeException.class, () -> ImageDecoder.decode(truncated));
        byte[] bmp = TestImages.bmp(new int[][] {{1, 2, 3}}, 24, false);
        assertThrows(ImageDecodeException.class, () -> ImageDecoder.decode(Arrays.copyOf(bmp, 40)));
    }

    @Test
    void jpegReducedScaleDecodesEveryThirdPixelWhenTheTargetIsThreeTimesSmaller() {
        try (JpegDecoder.Forced forced = JpegDecoder.force(JpegDecoder.IMAGEIO)) {
            imageIOReducedScale();
        }
    }

    private static void imageIOReducedScale() {
        BufferedImage rgb = TestImages.randomRgb(224, 224, 9);
        byte[] jpeg = TestImages.write(rgb, "jpeg");
        FloatImage full = ImageDecoder.decode(jpeg);
        FloatImage reduced = ImageDecoder.decode(jpeg, 64, 64);
        assertEquals(75, reduced.height());
        assertEquals(75, reduced.width());
        for (int y = 0; y < 75; y += 7) {
            for (int x = 0; x < 75; x += 5) {
                for (int c = 0; c < 3; c++) {
                    assertEquals(full.get(1 + 3 * y, 1 + 3 * x, c), reduced.get(y, x, c), 0f, "at " + y + "," + x);
                }
            }
        }
        // a target that is not twice smaller, and other formats, decode at full size
        assertEquals(full, ImageDecoder.decode(jpeg, 150, 150));
        byte[] png = TestImages.write(rgb, "png");
        assertEquals(224, ImageDecoder.decode(png, 64, 64).height());
    }

    @ParameterizedTest
    @EnumSource(JpegDecoder.class)
    void fourComponentJpegsGoToTwelveMonkeys(JpegDecoder decoder) throws Exception {
        try (JpegDecoder.Forced forced = JpegDecoder.force(decoder)) {
            fourComponentJpegsGoToTwelveMonkeys();
        }
    }

    private static void fourComponentJpegsGoToTwelveMonkeys() throws Exception {
        // a 4-band raster written as JPEG: the JDK reader would decode it to black without complaint
        java.awt.image.WritableRaster raster = java.awt.image.Raster.createInterleavedRaster(
                java.awt.image.DataBuffer.TYPE_BYTE, 8, 4, 4, null);
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 8; x++) {
                raster.setPixel(x, y, new int[] {0, 200, 200, 0});
            }
        }
        javax.imageio.ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (javax.imageio.stream.ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(stream);
            writer.write(null, new javax.imageio.IIOImage(raster, null, null), null);
        }
        byte[] jpeg = out.toByteArray();
        assertNull(TurboJpegDecoder.rows(jpeg, 0, 0), "libjpeg-turbo leaves CMYK to ImageIO");
        assertEquals(4, ImageDecoder.jpegComponents(jpeg));
        assertEquals(3, ImageDecoder.jpegComponents(TestImages.write(TestImages.randomRgb(4, 4, 1), "jpeg")));
        assertEquals(1, ImageDecoder.jpegComponents(TestImages.write(TestImages.randomGrey(4, 4, 1), "jpeg")));
        BufferedImage reference = ImageIO.read(new ByteArrayInputStream(jpeg));
        assertSameRgb(reference, ImageDecoder.decode(jpeg));
        assertTrue(ImageDecoder.decode(jpeg).get(0, 0, 0) + ImageDecoder.decode(jpeg).get(0, 0, 2) > 0, "not black");
    }
}
