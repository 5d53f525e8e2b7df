package ai.brevetti.data.image;

import com.twelvemonkeys.imageio.stream.ByteArrayImageInputStream;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.spi.IIORegistry;
import javax.imageio.spi.ImageReaderSpi;
import javax.imageio.stream.ImageInputStream;

/**
 * Image bytes (BMP, PNG, JPEG, TIFF, GIF: the first frame) to a {@link FloatImage} of 0–255 values with
 * the file's own channels: 1 for greyscale files, 3 (RGB) for colour; alpha is dropped.
 * Uncompressed BMP files are decoded directly from the bytes ({@link BmpDecoder}); JPEG files with
 * libjpeg-turbo when its TurboJPEG library is installed ({@link TurboJpegDecoder}; which decoder is
 * chosen, and how to force one: {@link #jpegDecoder()}); everything else, and the JPEG files
 * libjpeg-turbo leaves out, goes through ImageIO with the TwelveMonkeys plugins (JPEG tries the JDK's own
 * reader first, which is faster for ordinary files, and falls back to TwelveMonkeys for CMYK, YCCK,
 * lossless or damaged ones).
 * {@link #decode(byte[], int, int)} may decode a JPEG at a reduced scale when the caller's target is at
 * least twice smaller: libjpeg-turbo then decodes at 1/2, 1/4 or 1/8 (its scaled IDCT, far less work);
 * ImageIO skips the copy of the rows and columns it leaves out, though its native decoder still decodes
 * every row (which is why its reduced decode takes about half the time of a full one, not a ninth).
 */
public final class ImageDecoder {
    /** The JDK's own JPEG reader: for ordinary (YCbCr, grey) JPEGs it is faster than the TwelveMonkeys wrapper around it. */
    private static final ImageReaderSpi JDK_JPEG = jdkJpegReader();

    private ImageDecoder() {}

    private static ImageReaderSpi jdkJpegReader() {
        Iterator<ImageReaderSpi> spis = IIORegistry.getDefaultInstance().getServiceProviders(ImageReaderSpi.class, true);
        while (spis.hasNext()) {
            ImageReaderSpi spi = spis.next();
            if (spi.getClass().getName().equals("com.sun.imageio.plugins.jpeg.JPEGImageReaderSpi")) {
                return spi;
            }
        }
        return null;
    }

    /**
     * The library that decodes JPEG files in this process, {@code "libjpeg-turbo"} or {@code "ImageIO"}:
     * libjpeg-turbo when its TurboJPEG library ({@code libturbojpeg.so.0}, Debian's {@code libturbojpeg0})
     * can be loaded, else ImageIO, said once in the log. The system property {@code brevettiai.jpeg} (or,
     * without it, the environment variable {@code BREVETTIAI_JPEG}) forces one: {@code auto} (the default),
     * {@code turbo} (an {@link IllegalStateException} when the library cannot be loaded) or {@code imageio}.
     */
    public static String jpegDecoder() {
        return JpegDecoder.current().label();
    }

    /** The full-size image. */
    public static FloatImage decode(byte[] bytes) {
        return rows(bytes).rows().toImage();
    }

    /**
     * The image, possibly smaller than the file when it is a JPEG and the target is at least twice smaller
     * in both directions, with {@code s = floor(min(height / targetHeight, width / targetWidth))}: libjpeg-turbo
     * decodes at the scale 1/n, n the largest of 2, 4, 8 not above {@code s} (each pixel the mean of an
     * n×n block); ImageIO decodes every {@code s}-th pixel (block centres). Either way the result is still
     * at least the target size and the caller resizes it the rest of the way. Other formats decode at full
     * size.
     */
    public static FloatImage decode(byte[] bytes, int targetHeight, int targetWidth) {
        return decodeForTarget(bytes, targetHeight, targetWidth).image();
    }

    /** What {@link #decode(byte[], int, int)} gives, with the file's own size. */
    public record Scaled(FloatImage image, int fileHeight, int fileWidth) {}

    /** As {@link #decode(byte[], int, int)}, telling the file's full size too. */
    public static Scaled decodeForTarget(byte[] bytes, int targetHeight, int targetWidth) {
        Decoded d = rowsForTarget(bytes, targetHeight, targetWidth);
        return new Scaled(d.rows().toImage(), d.fileHeight(), d.fileWidth());
    }

    /** The full-size image through ImageIO, never the BMP fast path (for comparisons and benchmarks). */
    public static FloatImage decodeWithImageIO(byte[] bytes) {
        return decodeWithImageIO(bytes, 1, 0, 0).rows().toImage();
    }

    /** Decoded rows (not yet copied into an image) and where they sit in the file (every pixel, or a reduced-scale grid). */
    record Decoded(PixelRows rows, SampleGrid ys, SampleGrid xs) {
        /** Every pixel of {@code rows}. */
        static Decoded full(PixelRows rows) {
            return new Decoded(rows, SampleGrid.full(rows.height()), SampleGrid.full(rows.width()));
        }

        int fileHeight() {
            return ys.fileSize();
        }

        int fileWidth() {
            return xs.fileSize();
        }
    }

    /**
     * The full-size image's rows: from the BMP bytes directly, from libjpeg-turbo, or from ImageIO's raster.
     * Rows from libjpeg-turbo are read on this thread before it decodes the next image.
     */
    static Decoded rows(byte[] bytes) {
        PixelRows fast = BmpDecoder.rows(bytes);
        if (fast != null) {
            return Decoded.full(fast);
        }
        Decoded turbo = isJpeg(bytes) && JpegDecoder.current() == JpegDecoder.TURBO ? TurboJpegDecoder.rows(bytes, 0, 0) : null;
        return turbo != null ? turbo : decodeWithImageIO(bytes, 1, 0, 0);
    }

    /** As {@link #decodeForTarget}, as rows (see {@link #rows}). */
    static Decoded rowsForTarget(byte[] bytes, int targetHeight, int targetWidth) {
        if (!isJpeg(bytes) || targetHeight <= 0 || targetWidth <= 0) {
            return rows(bytes);
        }
        Decoded turbo = JpegDecoder.current() == JpegDecoder.TURBO ? TurboJpegDecoder.rows(bytes, targetHeight, targetWidth) : null;
        return turbo != null ? turbo : decodeWithImageIO(bytes, -1, targetHeight, targetWidth);
    }

    static boolean isJpeg(byte[] b) {
        return b.length >= 3 && (b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xD8 && (b[2] & 0xff) == 0xFF;
    }

    /**
     * {@code subsampling} -1: chosen from the target size. JPEG files try the JDK's reader first and go to
     * the registered readers (TwelveMonkeys: CMYK, YCCK, lossless, damaged files) when it fails.
     */
    private static Decoded decodeWithImageIO(byte[] bytes, int subsampling, int targetHeight, int targetWidth) {
        return withImageIO(bytes, (reader, param) -> scaled(reader, param, subsampling, targetHeight, targetWidth));
    }

    /** What is decoded with a reader set to the bytes and its default parameters. */
    @FunctionalInterface
    private interface ReaderTask<T> {
        T run(ImageReader reader, ImageReadParam param) throws IOException;
    }

    /** Runs {@code task} with the JDK's JPEG reader for plain JPEGs, falling back to the registered readers. */
    private static <T> T withImageIO(byte[] bytes, ReaderTask<T> task) {
        int components = isJpeg(bytes) ? jpegComponents(bytes) : -1;
        if (JDK_JPEG != null && (components == 1 || components == 3)) {
            try {
                return read(bytes, JDK_JPEG.createReaderInstance(), task);
            } catch (IOException | RuntimeException e) {
                // not a JPEG the JDK handles: the registered readers below
            }
        }
        return read(bytes, null, task);
    }

    /** The pixels of the rectangle {@code [x, x + width) × [y, y + height)} of an image, clipped to it, and where they start in the image. */
    record Region(PixelRows rows, int x, int y) {}

    /**
     * The pixels of {@code [x, x + width) × [y, y + height)} of the image (clipped to it: the region's rows
     * may be smaller), or null when the rectangle misses the image. Through ImageIO only the region is
     * converted (JPEG still decodes the rows above it).
     */
    static Region decodeRegion(byte[] bytes, int x, int y, int width, int height) {
        PixelRows bmp = BmpDecoder.rows(bytes);
        if (bmp != null) {
            int x0 = Math.max(0, x);
            int y0 = Math.max(0, y);
            int x1 = Math.min(bmp.width(), x + width);
            int y1 = Math.min(bmp.height(), y + height);
            return x1 <= x0 || y1 <= y0 ? null
                    : new Region(new PaddedRows(bmp, -x0, -y0, y1 - y0, x1 - x0, bmp.channels()), x0, y0);
        }
        return withImageIO(bytes, (reader, param) -> {
            int x0 = Math.max(0, x);
            int y0 = Math.max(0, y);
            int x1 = Math.min(reader.getWidth(0), x + width);
            int y1 = Math.min(reader.getHeight(0), y + height);
            if (x1 <= x0 || y1 <= y0) {
                return null;
            }
            param.setSourceRegion(new java.awt.Rectangle(x0, y0, x1 - x0, y1 - y0));
            PixelRows rows = BufferedImages.rows(reader.read(0, param));
            if (rows.width() != x1 - x0 || rows.height() != y1 - y0) {
                throw new ImageDecodeException("The reader gave " + rows.height() + "x" + rows.width() + " pixels for a region of "
                        + (y1 - y0) + "x" + (x1 - x0));
            }
            return new Region(rows, x0, y0);
        });
    }

    /**
     * The number of colour components in a JPEG's frame header, or -1 when none is found. Four-component
     * files (CMYK, YCCK) are left to TwelveMonkeys: the JDK reader decodes some of them to black without
     * an error.
     */
    static int jpegComponents(byte[] b) {
        int at = 2;
        while (at + 4 <= b.length) {
            if ((b[at] & 0xff) != 0xFF) {
                return -1;
            }
            int marker = b[at + 1] & 0xff;
            if (marker == 0xFF) {
                at++;
                continue;
            }
            int length = (b[at + 2] & 0xff) << 8 | (b[at + 3] & 0xff);
            boolean frame = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
            if (frame) {
                return at + 9 < b.length ? b[at + 9] & 0xff : -1;
            }
            if (marker == 0xDA || marker == 0xD9) {
                return -1;
            }
            at += 2 + length;
        }
        return -1;
    }

    /** Decodes with {@code chosen}, or the first registered reader that recognises the bytes. */
    private static <T> T read(byte[] bytes, ImageReader chosen, ReaderTask<T> task) {
        try (ImageInputStream in = new ByteArrayImageInputStream(bytes)) {
            ImageReader reader = chosen;
            if (reader == null) {
                Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
                if (!readers.hasNext()) {
                    throw new ImageDecodeException("Not an image format that can be decoded (" + bytes.length + " bytes"
                            + (bytes.length >= 4 ? String.format(", starting %02x %02x %02x %02x", bytes[0], bytes[1], bytes[2], bytes[3]) : "")
                            + ")");
                }
                reader = readers.next();
            }
            try {
                reader.setInput(in, true, true);
                return task.run(reader, reader.getDefaultReadParam());
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof ImageDecodeException d) {
                throw d;
            }
            throw new ImageDecodeException("Cannot decode the image (" + bytes.length + " bytes): " + e, e);
        }
    }

    /** The whole image, or every {@code s}-th pixel ({@code subsampling} -1: chosen from the target size). */
    private static Decoded scaled(ImageReader reader, ImageReadParam param, int subsampling, int targetHeight, int targetWidth)
            throws IOException {
        int fileHeight = reader.getHeight(0);
        int fileWidth = reader.getWidth(0);
        int s = subsampling;
        if (s < 0) {
            s = Math.max(1, Math.min(fileHeight / targetHeight, fileWidth / targetWidth));
        }
        if (s == 1) {
            return Decoded.full(BufferedImages.rows(reader.read(0, param)));
        }
        SampleGrid ys = SampleGrid.every(s, fileHeight);
        SampleGrid xs = SampleGrid.every(s, fileWidth);
        param.setSourceSubsampling(s, s, xs.offset(), ys.offset());
        PixelRows rows = BufferedImages.rows(reader.read(0, param));
        if (rows.height() != ys.samples() || rows.width() != xs.samples()) {
            throw new ImageDecodeException("The reader gave " + rows.height() + "x" + rows.width() + " pixels for every "
                    + s + "th of " + fileHeight + "x" + fileWidth);
        }
        return new Decoded(rows, ys, xs);
    }
}
