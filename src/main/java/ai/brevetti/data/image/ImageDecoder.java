package ai.brevetti.data.image;

import com.twelvemonkeys.imageio.stream.ByteArrayImageInputStream;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Image bytes (BMP, PNG, JPEG, TIFF, GIF: the first frame) to a {@link FloatImage} of 0–255 values with
 * the file's own channels: 1 for greyscale files, 3 (RGB) for colour; alpha is dropped.
 * Uncompressed BMP files are decoded directly from the bytes ({@link BmpDecoder}); everything else goes
 * through ImageIO with the TwelveMonkeys plugins. {@link #decode(byte[], int, int)} may decode a JPEG
 * at a reduced scale when the caller's target is at least twice smaller.
 */
public final class ImageDecoder {
    private ImageDecoder() {}

    /** The full-size image. */
    public static FloatImage decode(byte[] bytes) {
        FloatImage fast = BmpDecoder.decode(bytes);
        return fast != null ? fast : decodeWithImageIO(bytes, 1);
    }

    /**
     * The image, possibly smaller than the file when it is a JPEG and the target is at least twice smaller
     * in both directions: every {@code s}-th pixel (block centres) is decoded with
     * {@code s = floor(min(height / targetHeight, width / targetWidth))}, so the result is still at least the
     * target size and the caller resizes it the rest of the way. Other formats decode at full size.
     */
    public static FloatImage decode(byte[] bytes, int targetHeight, int targetWidth) {
        return decodeForTarget(bytes, targetHeight, targetWidth).image();
    }

    /** What {@link #decode(byte[], int, int)} gives, with the file's own size. */
    public record Scaled(FloatImage image, int fileHeight, int fileWidth) {}

    /** As {@link #decode(byte[], int, int)}, telling the file's full size too. */
    public static Scaled decodeForTarget(byte[] bytes, int targetHeight, int targetWidth) {
        if (!isJpeg(bytes) || targetHeight <= 0 || targetWidth <= 0) {
            FloatImage image = decode(bytes);
            return new Scaled(image, image.height(), image.width());
        }
        return decodeWithImageIO(bytes, -1, targetHeight, targetWidth);
    }

    /** The full-size image through ImageIO, never the BMP fast path (for comparisons and benchmarks). */
    public static FloatImage decodeWithImageIO(byte[] bytes) {
        return decodeWithImageIO(bytes, 1);
    }

    static boolean isJpeg(byte[] b) {
        return b.length >= 3 && (b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xD8 && (b[2] & 0xff) == 0xFF;
    }

    private static FloatImage decodeWithImageIO(byte[] bytes, int subsampling) {
        return decodeWithImageIO(bytes, subsampling, 0, 0).image();
    }

    /** {@code subsampling} -1: chosen from the target size. */
    private static Scaled decodeWithImageIO(byte[] bytes, int subsampling, int targetHeight, int targetWidth) {
        try (ImageInputStream in = new ByteArrayImageInputStream(bytes)) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new ImageDecodeException("Not an image format that can be decoded (" + bytes.length + " bytes"
                        + (bytes.length >= 4 ? String.format(", starting %02x %02x %02x %02x", bytes[0], bytes[1], bytes[2], bytes[3]) : "")
                        + ")");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                ImageReadParam param = reader.getDefaultReadParam();
                int fileHeight = reader.getHeight(0);
                int fileWidth = reader.getWidth(0);
                int s = subsampling;
                if (s < 0) {
                    s = Math.max(1, Math.min(fileHeight / targetHeight, fileWidth / targetWidth));
                }
                if (s > 1) {
                    param.setSourceSubsampling(s, s, (s - 1) / 2, (s - 1) / 2);
                }
                BufferedImage image = reader.read(0, param);
                return new Scaled(BufferedImages.toFloatImage(image), fileHeight, fileWidth);
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
}
