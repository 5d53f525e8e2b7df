package ai.brevetti.data.image.augmentation;

import ai.brevetti.data.image.FloatImage;
import com.google.errorprone.annotations.CheckReturnValue;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Random salt-and-pepper pixels (Python's {@code ImageSaltAndPepper}; not part of the default
 * augmenter). With p={@code chance}, every pixel draws u ~ U(0, 1): below {@code fraction/2} it becomes
 * pepper (all channels set to {@code valueRange.low}), above {@code 1 − fraction/2} salt
 * ({@code valueRange.high}). With {@code scale} 3 or 5 each such pixel grows to a 3×3 or 5×5 square
 * (salt wins where salt and pepper squares overlap). Immutable: the options return changed copies, so their
 * results must be used (decision 44).
 */
@CheckReturnValue
public record ImageSaltAndPepper(double fraction, Range valueRange, int scale, double chance) {
    public ImageSaltAndPepper {
        if (!(fraction >= 0 && fraction <= 1)) {
            throw new IllegalArgumentException("fraction is 0–1, not " + fraction);
        }
        Objects.requireNonNull(valueRange, "valueRange");
        if (scale < 1 || scale % 2 == 0) {
            throw new IllegalArgumentException("scale is an odd size (1, 3, 5), not " + scale);
        }
        RandomTransformer.checkChance("chance", chance);
    }

    /** The defaults: fraction 0.0002, values (0, 1), scale 1, chance 0.5. */
    public ImageSaltAndPepper() {
        this(new Options());
    }

    /** The options (decision 44): one named field each, with its default; copied from a salt and pepper per change. */
    private static final class Options {
        double fraction = 0.0002;
        Range valueRange = Range.of(0, 1);
        int scale = 1;
        double chance = 0.5;

        Options() {
        }

        Options(ImageSaltAndPepper s) {
            fraction = s.fraction;
            valueRange = s.valueRange;
            scale = s.scale;
            chance = s.chance;
        }
    }

    /** The one call of the canonical constructor by position, each argument named by its option. */
    private ImageSaltAndPepper(Options o) {
        this(o.fraction, o.valueRange, o.scale, o.chance);
    }

    /** A salt and pepper whose options are these with {@code change} applied. */
    private ImageSaltAndPepper with(Consumer<Options> change) {
        Options o = new Options(this);
        change.accept(o);
        return new ImageSaltAndPepper(o);
    }

    /**
     * The salt/pepper map of a {@code height × width} image: +1 salt, −1 pepper, 0 untouched; null when
     * off for this draw. Takes one value from {@code r}, then one per pixel when on.
     */
    public byte[] draw(SplittableRandom r, int height, int width) {
        if (!(r.nextDouble() < chance) || fraction == 0) {
            return null;
        }
        byte[] seeds = new byte[height * width];
        double low = fraction / 2;
        double high = 1 - fraction / 2;
        for (int i = 0; i < seeds.length; i++) {
            double u = r.nextDouble();
            seeds[i] = (byte) (u < low ? -1 : u > high ? 1 : 0);
        }
        return scale == 1 ? seeds : dilate(seeds, height, width, scale / 2);
    }

    private static byte[] dilate(byte[] seeds, int height, int width, int radius) {
        byte[] out = new byte[seeds.length];
        for (int pass = -1; pass <= 1; pass += 2) { // pepper first, then salt over it
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    if (seeds[y * width + x] != pass) {
                        continue;
                    }
                    for (int yy = Math.max(0, y - radius); yy <= Math.min(height - 1, y + radius); yy++) {
                        for (int xx = Math.max(0, x - radius); xx <= Math.min(width - 1, x + radius); xx++) {
                            out[yy * width + xx] = (byte) pass;
                        }
                    }
                }
            }
        }
        return out;
    }

    public FloatImage apply(FloatImage image, SplittableRandom r) {
        return apply(image, draw(r, image.height(), image.width()));
    }

    /** The image with the map's pixels set (unchanged for a null map). */
    public FloatImage apply(FloatImage image, byte[] map) {
        if (map == null) {
            return image;
        }
        int ch = image.channels();
        float[] data = image.data().clone();
        float low = (float) valueRange.low();
        float high = (float) valueRange.high();
        for (int p = 0; p < map.length; p++) {
            if (map[p] != 0) {
                float v = map[p] > 0 ? high : low;
                for (int c = 0; c < ch; c++) {
                    data[p * ch + c] = v;
                }
            }
        }
        return new FloatImage(image.height(), image.width(), ch, data);
    }

    public ImageSaltAndPepper fraction(double share) {
        return with(o -> o.fraction = share);
    }

    public ImageSaltAndPepper valueRange(double low, double high) {
        return with(o -> o.valueRange = Range.of("valueRange", low, high));
    }

    public ImageSaltAndPepper scale(int size) {
        return with(o -> o.scale = size);
    }

    public ImageSaltAndPepper chance(double probability) {
        return with(o -> o.chance = probability);
    }
}
