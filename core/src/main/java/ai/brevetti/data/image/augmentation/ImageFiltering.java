package ai.brevetti.data.image.augmentation;

import ai.brevetti.data.image.FloatImage;
import com.google.errorprone.annotations.CheckReturnValue;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Random filtering (Python's {@code ImageFiltering}): one uniform draw {@code p} picks at most one filter.
 * <ul>
 *   <li>{@code p < chance/3}: emboss, {@code x + s·(sy·Sobel_y(x) + sx·Sobel_x(x))} with strength
 *       {@code s} from U({@code embossStrength}) and random signs {@code sy}, {@code sx} (±1 each);</li>
 *   <li>{@code p < 2·chance/3}: Gaussian blur with {@code gaussianBlurSigma} (kernel
 *       {@code 2·ceil(2.5σ)+1}, separable);</li>
 *   <li>{@code p < chance}: mean blur over an {@code avgBlur} (height, width) window;</li>
 *   <li>otherwise the image is unchanged.</li>
 * </ul>
 * Edges are reflected ({@link Filters}), so a constant image stays constant under every filter.
 * Emboss strength is relative (gradients are in the image's units), blur is scale-free. Immutable: the
 * options return changed copies, so their results must be used (decision 44).
 */
@CheckReturnValue
public record ImageFiltering(Range embossStrength, List<Integer> avgBlur, double gaussianBlurSigma, double chance) {
    public ImageFiltering {
        Objects.requireNonNull(embossStrength, "embossStrength");
        avgBlur = List.copyOf(avgBlur);
        if (avgBlur.size() != 2 || avgBlur.get(0) < 1 || avgBlur.get(1) < 1) {
            throw new IllegalArgumentException("avgBlur is (height, width), each at least 1, not " + avgBlur);
        }
        if (!(gaussianBlurSigma >= 0)) {
            throw new IllegalArgumentException("gaussianBlurSigma must be >= 0, not " + gaussianBlurSigma);
        }
        RandomTransformer.checkChance("chance", chance);
    }

    /** The defaults: emboss strength (0, 0.25), mean blur 3×3, Gaussian sigma 0.5, chance 0.5. */
    public ImageFiltering() {
        this(new Options());
    }

    /** The options (decision 44): one named field each, with its default; copied from a filtering per change. */
    private static final class Options {
        Range embossStrength = Range.of(0, 0.25);
        List<Integer> avgBlur = List.of(3, 3);
        double gaussianBlurSigma = 0.5;
        double chance = 0.5;

        Options() {
        }

        Options(ImageFiltering f) {
            embossStrength = f.embossStrength;
            avgBlur = f.avgBlur;
            gaussianBlurSigma = f.gaussianBlurSigma;
            chance = f.chance;
        }
    }

    /** The one call of the canonical constructor by position, each argument named by its option. */
    private ImageFiltering(Options o) {
        this(o.embossStrength, o.avgBlur, o.gaussianBlurSigma, o.chance);
    }

    /** A filtering whose options are these with {@code change} applied. */
    private ImageFiltering with(Consumer<Options> change) {
        Options o = new Options(this);
        change.accept(o);
        return new ImageFiltering(o);
    }

    /** Which filter a draw picked. */
    public enum Kind { NONE, EMBOSS, GAUSSIAN_BLUR, MEAN_BLUR }

    /** A drawn filter; {@code strength} and the signs matter for {@link Kind#EMBOSS} only. */
    public record Draw(Kind kind, double strength, int signY, int signX) {}

    /** Draws the filter: always 4 values from {@code r}. */
    public Draw draw(SplittableRandom r) {
        double p = r.nextDouble();
        double strength = embossStrength.draw(r);
        int signY = r.nextDouble() < 0.5 ? -1 : 1;
        int signX = r.nextDouble() < 0.5 ? -1 : 1;
        Kind kind = p < chance / 3 ? Kind.EMBOSS
                : p < 2 * chance / 3 ? Kind.GAUSSIAN_BLUR
                : p < chance ? Kind.MEAN_BLUR
                : Kind.NONE;
        return new Draw(kind, strength, signY, signX);
    }

    public FloatImage apply(FloatImage image, SplittableRandom r) {
        return apply(image, draw(r));
    }

    public FloatImage apply(FloatImage image, Draw d) {
        return switch (d.kind()) {
            case NONE -> image;
            case GAUSSIAN_BLUR -> Filters.gaussianBlur(image, gaussianBlurSigma);
            case MEAN_BLUR -> Filters.meanBlur(image, avgBlur.get(0), avgBlur.get(1));
            case EMBOSS -> emboss(image, d);
        };
    }

    private static FloatImage emboss(FloatImage image, Draw d) {
        if (d.strength() == 0) {
            return image;
        }
        float[] gy = Filters.sobelY(image).data();
        float[] gx = Filters.sobelX(image).data();
        float ky = (float) (d.strength() * d.signY());
        float kx = (float) (d.strength() * d.signX());
        float[] src = image.data();
        float[] out = new float[src.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = src[i] + ky * gy[i] + kx * gx[i];
        }
        return new FloatImage(image.height(), image.width(), image.channels(), out);
    }

    /** Emboss strength U(low, high). */
    public ImageFiltering embossStrength(double low, double high) {
        return with(o -> o.embossStrength = Range.of("embossStrength", low, high));
    }

    public ImageFiltering avgBlur(int height, int width) {
        return with(o -> o.avgBlur = List.of(height, width));
    }

    public ImageFiltering gaussianBlurSigma(double sigma) {
        return with(o -> o.gaussianBlurSigma = sigma);
    }

    public ImageFiltering chance(double probability) {
        return with(o -> o.chance = probability);
    }
}
