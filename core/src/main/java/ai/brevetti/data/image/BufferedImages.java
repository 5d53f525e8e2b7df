package ai.brevetti.data.image;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.IndexColorModel;
import java.awt.image.PixelInterleavedSampleModel;
import java.awt.image.Raster;

/**
 * A decoded {@code BufferedImage} as a {@link FloatImage} with its own channel count: 1 for grey (with or
 * without alpha, and palettes of greys), 3 (RGB) for everything else; alpha is dropped. Grey and sRGB
 * samples are read from the raster as stored (8-bit as is, deeper samples scaled to 0–255), so no colour
 * conversion changes them (Java's {@code getRGB} would apply a gamma curve to grey images); other
 * colour spaces (CMYK, ICC profiles) go through {@code getRGB}.
 */
final class BufferedImages {
    private BufferedImages() {}

    static FloatImage toFloatImage(BufferedImage image) {
        PixelRows direct = directRows(image);
        return direct != null ? direct.toImage() : convert(image);
    }

    /** The image's rows: read straight from an 8-bit interleaved raster, else from a converted copy. */
    static PixelRows rows(BufferedImage image) {
        PixelRows direct = directRows(image);
        return direct != null ? direct : PixelRows.of(convert(image));
    }

    /** Rows of an 8-bit grey or sRGB pixel-interleaved raster without alpha premultiplication (JPEG, PNG, TIFF, BMP), else null. */
    private static PixelRows directRows(BufferedImage image) {
        if (image.getColorModel() instanceof ComponentColorModel cm && !cm.isAlphaPremultiplied() && cm.getComponentSize(0) == 8) {
            boolean grey = cm.getColorSpace().getType() == ColorSpace.TYPE_GRAY;
            int channels = grey ? 1 : 3;
            Raster raster = image.getRaster();
            if ((grey || cm.getColorSpace().isCS_sRGB()) && interleavedBytes(raster, channels)) {
                PixelInterleavedSampleModel sm = (PixelInterleavedSampleModel) raster.getSampleModel();
                return new ByteRows(((DataBufferByte) raster.getDataBuffer()).getData(), raster.getDataBuffer().getOffset(),
                        raster.getWidth(), raster.getHeight(), channels, sm.getPixelStride(), sm.getScanlineStride(), sm.getBandOffsets());
            }
        }
        return null;
    }

    /** Any image: palettes through their table, grey and sRGB samples as stored, other colour spaces through {@code getRGB}. */
    private static FloatImage convert(BufferedImage image) {
        if (image.getColorModel() instanceof IndexColorModel palette) {
            return fromPalette(image.getRaster(), palette);
        }
        if (image.getColorModel() instanceof ComponentColorModel cm) {
            int type = cm.getColorSpace().getType();
            boolean grey = type == ColorSpace.TYPE_GRAY;
            boolean srgb = cm.getColorSpace().isCS_sRGB();
            int dataType = image.getRaster().getDataBuffer().getDataType();
            boolean integral = dataType == DataBuffer.TYPE_BYTE || dataType == DataBuffer.TYPE_USHORT;
            if ((grey || srgb) && integral && !cm.isAlphaPremultiplied()) {
                return fromSamples(image.getRaster(), grey ? 1 : 3, cm.getComponentSize(0));
            }
        }
        return fromRgb(image);
    }

    private static FloatImage fromPalette(Raster raster, IndexColorModel palette) {
        int size = palette.getMapSize();
        float[] lut = new float[size * 3];
        boolean grey = true;
        for (int i = 0; i < size; i++) {
            lut[3 * i] = palette.getRed(i);
            lut[3 * i + 1] = palette.getGreen(i);
            lut[3 * i + 2] = palette.getBlue(i);
            grey &= lut[3 * i] == lut[3 * i + 1] && lut[3 * i + 1] == lut[3 * i + 2];
        }
        int h = raster.getHeight();
        int w = raster.getWidth();
        int channels = grey ? 1 : 3;
        float[] out = new float[h * w * channels];
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            raster.getSamples(0, y, w, 1, 0, row);
            int dst = y * w * channels;
            for (int x = 0; x < w; x++) {
                int p = 3 * Math.min(row[x], size - 1);
                if (grey) {
                    out[dst++] = lut[p];
                } else {
                    out[dst++] = lut[p];
                    out[dst++] = lut[p + 1];
                    out[dst++] = lut[p + 2];
                }
            }
        }
        return new FloatImage(h, w, channels, out);
    }

    /** Grey or sRGB component samples: the first {@code channels} bands, scaled from {@code bits} to 0–255. */
    private static FloatImage fromSamples(Raster raster, int channels, int bits) {
        int h = raster.getHeight();
        int w = raster.getWidth();
        float[] out = new float[h * w * channels];
        float scale = bits == 8 ? 1f : 255f / ((1 << bits) - 1);
        int[] row = new int[w];
        for (int c = 0; c < channels; c++) {
            for (int y = 0; y < h; y++) {
                raster.getSamples(0, y, w, 1, c, row);
                int dst = y * w * channels + c;
                for (int x = 0; x < w; x++, dst += channels) {
                    out[dst] = row[x] * scale;
                }
            }
        }
        return new FloatImage(h, w, channels, out);
    }

    private static boolean interleavedBytes(Raster raster, int channels) {
        return raster.getSampleModel() instanceof PixelInterleavedSampleModel
                && raster.getDataBuffer() instanceof DataBufferByte
                && raster.getDataBuffer().getNumBanks() == 1
                && raster.getNumBands() >= channels
                && raster.getParent() == null;
    }

    /** Rows of 8-bit pixel-interleaved bytes (the first {@code channels} bands, in band order). */
    private record ByteRows(byte[] data, int base, int width, int height, int channels, int pixelStride, int scanline,
                            int[] offsets) implements PixelRows {
        @Override
        public void row(int y, float[] dst, int offset) {
            int row = base + y * scanline;
            if (channels == 3 && offsets[0] == 2 && offsets[1] == 1 && offsets[2] == 0) {
                // BGR, as ImageIO decodes JPEG, PNG and BMP colour images
                ByteValues.bgrToRgb(data, row, pixelStride, dst, offset, width);
            } else if (channels == 3) {
                int r = row + offsets[0];
                int g = row + offsets[1];
                int b = row + offsets[2];
                for (int x = 0, o = offset; x < width; x++, o += 3) {
                    int s = x * pixelStride;
                    dst[o] = ByteValues.of(data[r + s]);
                    dst[o + 1] = ByteValues.of(data[g + s]);
                    dst[o + 2] = ByteValues.of(data[b + s]);
                }
            } else {
                ByteValues.toFloats(data, row + offsets[0], pixelStride, dst, offset, width);
            }
        }
    }

    /** Any other colour model: Java's conversion to sRGB. */
    private static FloatImage fromRgb(BufferedImage image) {
        int h = image.getHeight();
        int w = image.getWidth();
        float[] out = new float[h * w * 3];
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            image.getRGB(0, y, w, 1, row, 0, w);
            int dst = y * w * 3;
            for (int x = 0; x < w; x++, dst += 3) {
                int p = row[x];
                out[dst] = (p >> 16) & 0xff;
                out[dst + 1] = (p >> 8) & 0xff;
                out[dst + 2] = p & 0xff;
            }
        }
        return new FloatImage(h, w, 3, out);
    }
}
