package ai.brevetti.data.image;

/**
 * Decodes uncompressed BMP files straight from their bytes into a {@link FloatImage}, with no
 * {@code BufferedImage} in between: 24- and 32-bit {@code BI_RGB} (the 32-bit pad byte is ignored) and
 * 8-bit palette files, bottom-up or top-down, rows padded to 4 bytes. A palette whose entries are all
 * grey gives 1 channel, any other palette and the 24/32-bit files give 3 (RGB). Everything else
 * (compressed, bit fields, 1/4/16-bit, OS/2 headers, short files) is left to ImageIO:
 * {@link #decode} then returns {@code null}.
 */
final class BmpDecoder {
    private static final int FILE_HEADER = 14;
    private static final int BI_RGB = 0;

    private BmpDecoder() {}

    /** Whether the bytes start like a BMP file. */
    static boolean isBmp(byte[] b) {
        return b.length >= 2 && b[0] == 'B' && b[1] == 'M';
    }

    /** The decoded image, or {@code null} when this is not a BMP variant the fast path handles. */
    static FloatImage decode(byte[] b) {
        PixelRows rows = rows(b);
        return rows == null ? null : rows.toImage();
    }

    /** The file's rows, decoded as they are asked for, or {@code null} when the fast path does not handle it. */
    static PixelRows rows(byte[] b) {
        if (!isBmp(b) || b.length < FILE_HEADER + 40) {
            return null;
        }
        long pixelOffset = u32(b, 10);
        int headerSize = (int) u32(b, FILE_HEADER);
        if (headerSize < 40 || headerSize > 124) {
            return null;
        }
        int width = i32(b, 18);
        int rawHeight = i32(b, 22);
        int bits = u16(b, 28);
        long compression = u32(b, 30);
        if (compression != BI_RGB || width <= 0 || rawHeight == 0 || rawHeight == Integer.MIN_VALUE
                || (bits != 24 && bits != 32 && bits != 8)) {
            return null;
        }
        int height = Math.abs(rawHeight);
        long stride = ((long) bits * width + 31) / 32 * 4;
        if (pixelOffset + stride * height > b.length || (long) width * height * 3 > Integer.MAX_VALUE) {
            return null;
        }
        float[] palette = null;
        int channels = 3;
        if (bits == 8) {
            palette = palette(b, headerSize, (int) pixelOffset);
            if (palette == null) {
                return null;
            }
            channels = isGrey(palette) ? 1 : 3;
        }
        return new Rows(b, width, height, channels, bits / 8, (int) stride, (int) pixelOffset, rawHeight < 0, palette);
    }

    /** 256 RGB triples; indices past the stored entries read as black. */
    private static float[] palette(byte[] b, int headerSize, int pixelOffset) {
        long used = u32(b, 46);
        int entries = used == 0 ? 256 : (int) Math.min(used, 256);
        int paletteStart = FILE_HEADER + headerSize;
        if (paletteStart + 4L * entries > pixelOffset) {
            return null;
        }
        float[] palette = new float[256 * 3];
        for (int i = 0; i < entries; i++) {
            int p = paletteStart + 4 * i;
            palette[3 * i] = b[p + 2] & 0xff;
            palette[3 * i + 1] = b[p + 1] & 0xff;
            palette[3 * i + 2] = b[p] & 0xff;
        }
        return palette;
    }

    private static boolean isGrey(float[] palette) {
        for (int i = 0; i < palette.length; i += 3) {
            if (palette[i] != palette[i + 1] || palette[i + 1] != palette[i + 2]) {
                return false;
            }
        }
        return true;
    }

    /** Rows straight from the file's bytes. */
    private record Rows(byte[] b, int width, int height, int channels, int bytesPerPixel, int stride, int pixelOffset,
                        boolean topDown, float[] palette) implements PixelRows {
        @Override
        public void row(int y, float[] dst, int offset) {
            int src = pixelOffset + (topDown ? y : height - 1 - y) * stride;
            if (palette == null) {
                ByteValues.bgrToRgb(b, src, bytesPerPixel, dst, offset, width);
            } else if (channels == 1) {
                for (int x = 0; x < width; x++) {
                    dst[offset + x] = palette[3 * (b[src + x] & 0xff)];
                }
            } else {
                for (int x = 0, o = offset; x < width; x++, o += 3) {
                    int p = 3 * (b[src + x] & 0xff);
                    dst[o] = palette[p];
                    dst[o + 1] = palette[p + 1];
                    dst[o + 2] = palette[p + 2];
                }
            }
        }
    }

    private static int u16(byte[] b, int at) {
        return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8;
    }

    private static int i32(byte[] b, int at) {
        return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8 | (b[at + 2] & 0xff) << 16 | b[at + 3] << 24;
    }

    private static long u32(byte[] b, int at) {
        return i32(b, at) & 0xffffffffL;
    }
}
