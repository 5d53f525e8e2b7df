package ai.brevetti.data.image;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Random;
import javax.imageio.ImageIO;

/** Small known images for the tests: hand-written BMP files and ImageIO-written PNG/JPEG/TIFF. */
final class TestImages {
    private TestImages() {}

    /** A random RGB picture. */
    static BufferedImage randomRgb(int width, int height, long seed) {
        Random random = new Random(seed);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, random.nextInt() & 0xffffff);
            }
        }
        return image;
    }

    static BufferedImage randomGrey(int width, int height, long seed) {
        Random random = new Random(seed);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.getRaster().setSample(x, y, 0, random.nextInt(256));
            }
        }
        return image;
    }

    static byte[] write(BufferedImage image, String format) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("No ImageIO writer for " + format + " of type " + image.getType());
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A BMP of {@code rgb} pixels (0xRRGGBB) as 24- or 32-bit BI_RGB, bottom-up or top-down. */
    static byte[] bmp(int[][] rgb, int bits, boolean topDown) {
        int h = rgb.length;
        int w = rgb[0].length;
        int stride = (bits * w + 31) / 32 * 4;
        byte[] b = header(w, h, bits, topDown, stride, 0);
        int offset = 54;
        for (int y = 0; y < h; y++) {
            int row = offset + (topDown ? y : h - 1 - y) * stride;
            for (int x = 0; x < w; x++) {
                int p = row + x * (bits / 8);
                b[p] = (byte) rgb[y][x];
                b[p + 1] = (byte) (rgb[y][x] >> 8);
                b[p + 2] = (byte) (rgb[y][x] >> 16);
                if (bits == 32) {
                    b[p + 3] = (byte) 0x5a; // the unused byte: must be ignored
                }
            }
            for (int pad = row + w * (bits / 8); pad < row + stride; pad++) {
                b[pad] = (byte) 0xEE; // padding bytes: must be ignored
            }
        }
        return b;
    }

    /** An 8-bit BMP: {@code indices} into {@code palette} (0xRRGGBB entries). */
    static byte[] bmp8(int[][] indices, int[] palette, boolean topDown) {
        int h = indices.length;
        int w = indices[0].length;
        int stride = (8 * w + 31) / 32 * 4;
        byte[] b = header(w, h, 8, topDown, stride, palette.length);
        for (int i = 0; i < palette.length; i++) {
            int p = 54 + 4 * i;
            b[p] = (byte) palette[i];
            b[p + 1] = (byte) (palette[i] >> 8);
            b[p + 2] = (byte) (palette[i] >> 16);
        }
        int offset = 54 + 4 * palette.length;
        for (int y = 0; y < h; y++) {
            int row = offset + (topDown ? y : h - 1 - y) * stride;
            for (int x = 0; x < w; x++) {
                b[row + x] = (byte) indices[y][x];
            }
        }
        return b;
    }

    private static byte[] header(int w, int h, int bits, boolean topDown, int stride, int paletteSize) {
        int offset = 54 + 4 * paletteSize;
        int size = offset + stride * h;
        byte[] b = new byte[size];
        b[0] = 'B';
        b[1] = 'M';
        le32(b, 2, size);
        le32(b, 10, offset);
        le32(b, 14, 40);
        le32(b, 18, w);
        le32(b, 22, topDown ? -h : h);
        le16(b, 26, 1);
        le16(b, 28, bits);
        le32(b, 30, 0);
        le32(b, 34, stride * h);
        le32(b, 38, 2835);
        le32(b, 42, 2835);
        le32(b, 46, paletteSize);
        return b;
    }

    private static void le16(byte[] b, int at, int v) {
        b[at] = (byte) v;
        b[at + 1] = (byte) (v >> 8);
    }

    private static void le32(byte[] b, int at, int v) {
        le16(b, at, v);
        le16(b, at + 2, v >> 16);
    }

    static int[][] randomPixels(int h, int w, int bound, long seed) {
        Random random = new Random(seed);
        int[][] p = new int[h][w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                p[y][x] = random.nextInt(bound);
            }
        }
        return p;
    }

    /** An image from rows of values (1 channel). */
    static FloatImage grey(float[][] rows) {
        int h = rows.length;
        int w = rows[0].length;
        float[] data = new float[h * w];
        for (int y = 0; y < h; y++) {
            System.arraycopy(rows[y], 0, data, y * w, w);
        }
        return new FloatImage(h, w, 1, data);
    }

    /** Channel {@code c} of an image as rows. */
    static float[][] plane(FloatImage image, int c) {
        float[][] out = new float[image.height()][image.width()];
        for (int y = 0; y < image.height(); y++) {
            for (int x = 0; x < image.width(); x++) {
                out[y][x] = image.get(y, x, c);
            }
        }
        return out;
    }
}
