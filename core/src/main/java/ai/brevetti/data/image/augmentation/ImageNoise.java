package ai.brevetti.data.image.augmentation;

import ai.brevetti.data.image.FloatImage;
import com.google.errorprone.annotations.CheckReturnValue;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Random colour and intensity noise (Python's {@code ImageNoise}). Each of these happens independently
 * with p={@code chance}, in this order:
 * <ol>
 *   <li>3-channel images only: saturation × U({@code saturation}) (clipped to 0–1) and hue +
 *       U({@code hue}) (a fraction of the colour circle), through HSV;</li>
 *   <li>contrast: {@code (x − mean)·U(contrast) + mean}, with the mean of each channel over the image
 *       ({@code tf.image.adjust_contrast});</li>
 *   <li>brightness: {@code x + U(brightness)};</li>
 *   <li>additive Gaussian noise with standard deviation {@code stddev}, independent per value.</li>
 * </ol>
 * {@code brightness} and {@code stddev} are in units of the image's values and the defaults assume
 * images scaled to 0–1: on a 0–255 image the default brightness of ±0.25 is invisible; scale them to
 * the pipeline's range. Contrast, saturation and hue do not depend on the scale (hue and saturation
 * need non-negative values). Results are not clipped. Immutable: the options return changed copies, so
 * their results must be used (decision 44).
 */
@CheckReturnValue
public record ImageNoise(Range brightness, Range contrast, Range hue, Range saturation, double stddev, double chance) {
    public ImageNoise {
        Objects.requireNonNull(brightness, "brightness");
        Objects.requireNonNull(contrast, "contrast");
        Objects.requireNonNull(hue, "hue");
        Objects.requireNonNull(saturation, "saturation");
        if (!(stddev >= 0)) {
            throw new IllegalArgumentException("stddev must be >= 0, not " + stddev);
        }
        RandomTransformer.checkChance("chance", chance);
    }

    /** The defaults: brightness ±0.25, contrast (0.5, 1.25), hue ±0.05, saturation (0, 2), stddev 0.01, chance 0.5. */
    public ImageNoise() {
        this(new Options());
    }

    /** The options (decision 44): one named field each, with its default; copied from a noise per change. */
    private static final class Options {
        Range brightness = Range.symmetric(0.25);
        Range contrast = Range.of(0.5, 1.25);
        Range hue = Range.symmetric(0.05);
        Range saturation = Range.of(0, 2.0);
        double stddev = 0.01;
        double chance = 0.5;

        Options() {
        }

        Options(ImageNoise n) {
            brightness = n.brightness;
            contrast = n.contrast;
            hue = n.hue;
            saturation = n.saturation;
            stddev = n.stddev;
            chance = n.chance;
        }
    }

    /** The one call of the canonical constructor by position, each argument named by its option. */
    private ImageNoise(Options o) {
        this(o.brightness, o.contrast, o.hue, o.saturation, o.stddev, o.chance);
    }

    /** A noise whose options are these with {@code change} applied. */
    private ImageNoise with(Consumer<Options> change) {
        Options o = new Options(this);
        change.accept(o);
        return new ImageNoise(o);
    }

    /**
     * The drawn parameters of one sample; a component that is off holds its neutral value (factor 1,
     * delta 0, stddev 0).
     */
    public record Draw(double saturation, double hue, double contrast, double brightness, double stddev) {}

    /** Draws the parameters: always 8 values from {@code r}, whatever the options. */
    public Draw draw(SplittableRandom r) {
        boolean colour = r.nextDouble() < chance;
        double sat = saturation.draw(r);
        double dh = hue.draw(r);
        boolean contrasts = r.nextDouble() < chance;
        double factor = contrast.draw(r);
        boolean brightens = r.nextDouble() < chance;
        double delta = brightness.draw(r);
        boolean noisy = r.nextDouble() < chance;
        return new Draw(colour ? sat : 1, colour ? dh : 0, contrasts ? factor : 1, brightens ? delta : 0,
                noisy ? stddev : 0);
    }

    /** Draws and applies; the Gaussian noise continues from the same stream. */
    public FloatImage apply(FloatImage image, SplittableRandom r) {
        return apply(image, draw(r), r);
    }

    /** Applies drawn parameters; Gaussian noise (if on) takes one value per pixel and channel from {@code r}. */
    public FloatImage apply(FloatImage image, Draw p, SplittableRandom r) {
        boolean colour = image.channels() == 3 && (p.saturation() != 1 || p.hue() != 0);
        if (!colour && p.contrast() == 1 && p.brightness() == 0 && p.stddev() == 0) {
            return image;
        }
        float[] data = image.data().clone();
        if (colour) {
            Hsv.adjust(data, p.saturation(), p.hue());
        }
        if (p.contrast() != 1) {
            adjustContrast(data, image.channels(), (float) p.contrast());
        }
        if (p.brightness() != 0) {
            float delta = (float) p.brightness();
            for (int i = 0; i < data.length; i++) {
                data[i] += delta;
            }
        }
        if (p.stddev() != 0) {
            for (int i = 0; i < data.length; i++) {
                data[i] += (float) (p.stddev() * r.nextGaussian());
            }
        }
        return new FloatImage(image.height(), image.width(), image.channels(), data);
    }

    private static void adjustContrast(float[] data, int channels, float factor) {
        int pixels = data.length / channels;
        if (pixels == 0) {
            return;
        }
        double[] sum = new double[channels];
        for (int i = 0; i < data.length; i += channels) {
            for (int c = 0; c < channels; c++) {
                sum[c] += data[i + c];
            }
        }
        float[] mean = new float[channels];
        for (int c = 0; c < channels; c++) {
            mean[c] = (float) (sum[c] / pixels);
        }
        for (int i = 0; i < data.length; i += channels) {
            for (int c = 0; c < channels; c++) {
                data[i + c] = (data[i + c] - mean[c]) * factor + mean[c];
            }
        }
    }

    public ImageNoise brightness(double b) {
        return brightness(Range.symmetric("brightness", b));
    }

    public ImageNoise brightness(double low, double high) {
        return brightness(Range.of("brightness", low, high));
    }

    public ImageNoise brightness(Range range) {
        return with(o -> o.brightness = range);
    }

    /** Contrast factor U(low, high). */
    public ImageNoise contrast(double low, double high) {
        return contrast(Range.of("contrast", low, high));
    }

    public ImageNoise contrast(Range range) {
        return with(o -> o.contrast = range);
    }

    /** Hue delta U(±h), a fraction of the colour circle. */
    public ImageNoise hue(double h) {
        return hue(Range.symmetric("hue", h));
    }

    public ImageNoise hue(double low, double high) {
        return hue(Range.of("hue", low, high));
    }

    public ImageNoise hue(Range range) {
        return with(o -> o.hue = range);
    }

    /** Saturation factor U(low, high). */
    public ImageNoise saturation(double low, double high) {
        return saturation(Range.of("saturation", low, high));
    }

    public ImageNoise saturation(Range range) {
        return with(o -> o.saturation = range);
    }

    public ImageNoise stddev(double sigma) {
        return with(o -> o.stddev = sigma);
    }

    public ImageNoise chance(double probability) {
        return with(o -> o.chance = probability);
    }
}
