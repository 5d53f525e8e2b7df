package ai.brevetti.kernel;

import ai.brevetti.data.generator.Tensor;
import ai.brevetti.data.image.FloatImage;
import ai.brevetti.data.image.Tiles;
import java.awt.image.BufferedImage;
import java.awt.image.RenderedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

/** Pictures of the values a notebook shows as images: PNG bytes of images, float images, image batches and charts. */
final class Png {
    private Png() {}

    static byte[] of(RenderedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "png", out)) {
                throw new IllegalArgumentException("No PNG writer for this image (" + image.getClass().getSimpleName() + ")");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot encode the image as PNG", e);
        }
        return out.toByteArray();
    }

    static String base64(byte[] png) {
        return Base64.getEncoder().encodeToString(png);
    }

    /** A float image as a picture, its values mapped by what they hold ({@link PictureRange}). */
    static BufferedImage picture(FloatImage image) {
        return PictureRange.of(image.data()).draw(image);
    }

    /**
     * A rank-4 NHWC batch of 1- or 3-channel images as one mosaic, in the range of the batch's own values
     * (not of the mosaic's empty tiles); other tensors are no pictures.
     */
    static Optional<BufferedImage> picture(Tensor tensor) {
        if (!isImageBatch(tensor)) {
            return Optional.empty();
        }
        return Optional.of(PictureRange.of(tensor.data()).draw(Tiles.tile2d(tensor)));
    }

    static boolean isImageBatch(Tensor tensor) {
        return tensor.rank() == 4 && tensor.dim(0) > 0 && tensor.dim(1) > 0 && tensor.dim(2) > 0
                && (tensor.dim(3) == 1 || tensor.dim(3) == 3);
    }

    static byte[] of(Chart<?, ?> chart) {
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot draw the chart as PNG", e);
        }
    }

    /** The PNG of a value shown as a picture, or empty for other values. */
    static Optional<byte[]> ofValue(Object value) {
        if (value instanceof RenderedImage image) {
            return Optional.of(of(image));
        }
        if (value instanceof FloatImage image) {
            return Optional.of(of(picture(image)));
        }
        if (value instanceof Tensor tensor) {
            return picture(tensor).map(Png::of);
        }
        if (value instanceof Chart<?, ?> chart) {
            return Optional.of(of(chart));
        }
        return Optional.empty();
    }
}
