package ai.brevetti.data.image;

import ai.brevetti.data.generator.Tensor;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.List;

/**
 * An image as float values, height × width × channels, interleaved row by row (HWC, as TensorFlow and
 * NHWC batches lay them out). Decoded images hold 0–255; a rescale maps them elsewhere. The array is
 * shared, not copied: operations return new images and never change their input.
 */
public final class FloatImage {
    private final int height;
    private final int width;
    private final int channels;
    private final float[] data;

    /**
     * @param data {@code height * width * channels} values, HWC; kept as is (not copied)
     */
    public FloatImage(int height, int width, int channels, float[] data) {
        if (height < 0 || width < 0 || channels <= 0) {
            throw new IllegalArgumentException("Image shape " + height + "x" + width + "x" + channels + " is not valid");
        }
        if (data.length != height * width * channels) {
            throw new IllegalArgumentException("An image of " + height + "x" + width + "x" + channels + " needs "
                    + height * width * channels + " values, not " + data.length);
        }
        this.height = height;
        this.width = width;
        this.channels = channels;
        this.data = data;
    }

    public static FloatImage zeros(int height, int width, int channels) {
        return new FloatImage(height, width, channels, new float[height * width * channels]);
    }

    /** Image {@code i} of an NHWC batch (copied). */
    public static FloatImage of(Tensor batch, int i) {
        int[] shape = batch.shape();
        if (shape.length != 4) {
            throw new IllegalArgumentException("An image of a batch needs an NHWC tensor, this one is " + Arrays.toString(shape));
        }
        return new FloatImage(shape[1], shape[2], shape[3], batch.slice(i).data());
    }

    /** Images of one size stacked into an NHWC batch. */
    public static Tensor stack(List<FloatImage> images) {
        return Tensor.stack(images.stream().map(FloatImage::toTensor).toList());
    }

    /** This image as a rank-3 tensor (H, W, C) sharing its values. */
    public Tensor toTensor() {
        return new Tensor(data, height, width, channels);
    }

    public int height() {
        return height;
    }

    public int width() {
        return width;
    }

    public int channels() {
        return channels;
    }

    /** The values, HWC (the live array: do not change it). */
    public float[] data() {
        return data;
    }

    /** Index of (y, x, c) in {@link #data()}. */
    public int index(int y, int x, int c) {
        return (y * width + x) * channels + c;
    }

    public float get(int y, int x, int c) {
        return data[index(y, x, c)];
    }

    public FloatImage copy() {
        return new FloatImage(height, width, channels, data.clone());
    }

    /** The image's values as a picture: 0–255 clamped, greyscale for 1 channel, RGB for 3 (other counts: the first channel). */
    public BufferedImage toBufferedImage() {
        return toBufferedImage(0, 255);
    }

    /**
     * As {@link #toBufferedImage()}, mapping {@code low..high} to 0–255 (e.g. -1..1 for imagenet-rescaled
     * images; {@code low > high} gives a negative). NaN is drawn 0.
     */
    public BufferedImage toBufferedImage(double low, double high) {
        if (!Double.isFinite(low) || !Double.isFinite(high) || low == high) {
            throw new IllegalArgumentException("A picture maps two different finite values to black and white, not " + low + " and " + high);
        }
        boolean rgb = channels == 3;
        BufferedImage out = new BufferedImage(width, height, rgb ? BufferedImage.TYPE_INT_RGB : BufferedImage.TYPE_BYTE_GRAY);
        double scale = 255.0 / (high - low);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int i = index(y, x, 0);
                if (rgb) {
                    out.setRGB(x, y, (byte255(data[i], low, scale) << 16) | (byte255(data[i + 1], low, scale) << 8)
                            | byte255(data[i + 2], low, scale));
                } else {
                    out.getRaster().setSample(x, y, 0, byte255(data[i], low, scale));
                }
            }
        }
        return out;
    }

    private static int byte255(float v, double low, double scale) {
        double b = Math.rint((v - low) * scale);
        return b >= 0 ? (int) Math.min(b, 255) : 0; // NaN: 0
    }

    /**
     * The picture of an image a pipeline rescaled with {@code rescale}: what 0 became is black, what 255
     * became white (values beyond them clamped), so it looks as the decoded file did.
     */
    public BufferedImage toBufferedImage(Rescale rescale) {
        return toBufferedImage(rescale.offset(), 255.0 * rescale.scale() + rescale.offset());
    }

    /**
     * A picture as a float image of 1 (grey) or 3 (RGB) channels, with the values a decoded file of it gets
     * ({@link ImageDecoder}: samples as stored, no gamma curve on grey pictures) in that {@link ColorMode}.
     */
    public static FloatImage fromBufferedImage(BufferedImage image, int channels) {
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("Pictures convert to 1 or 3 channels, not " + channels);
        }
        return (channels == 1 ? ColorMode.GREYSCALE : ColorMode.RGB).apply(BufferedImages.toFloatImage(image));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FloatImage f && f.height == height && f.width == width && f.channels == channels
                && Arrays.equals(f.data, data);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * (31 * height + width) + channels) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "FloatImage[" + height + "x" + width + "x" + channels + "]";
    }
}
