package ai.brevetti.data.image.augmentation;

import ai.brevetti.data.image.FloatImage;
import com.google.errorprone.annotations.CheckReturnValue;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Random elastic deformation (Simard et al. 2003; Python's {@code ImageDeformation}). With
 * p={@code chance}: a displacement field, uniform in [−1, 1] per pixel and axis, is Gaussian-blurred with
 * {@code sigma} (reflected edges) and multiplied by {@code alpha} (so {@code alpha} is in pixels); each
 * pixel is then read from its displaced position, clamped to the image. {@code alpha = 0} (the default)
 * changes nothing. Immutable: the options return changed copies, so their results must be used
 * (decision 44).
 */
@CheckReturnValue
public record ImageDeformation(double alpha, double sigma, double chance) {
    public ImageDeformation {
        if (!(sigma >= 0)) {
            throw new IllegalArgumentException("sigma must be >= 0, not " + sigma);
        }
        if (!Double.isFinite(alpha)) {
            throw new IllegalArgumentException("alpha must be a number, not " + alpha);
        }
        RandomTransformer.checkChance("chance", chance);
    }

    /** The defaults: alpha 0, sigma 0.5, chance 0.5. */
    public ImageDeformation() {
        this(new Options());
    }

    /** The options (decision 44): one named field each, with its default; copied from a deformation per change. */
    private static final class Options {
        double alpha;
        double sigma = 0.5;
        double chance = 0.5;

        Options() {
        }

        Options(ImageDeformation d) {
            alpha = d.alpha;
            sigma = d.sigma;
            chance = d.chance;
        }
    }

    /** The one call of the canonical constructor by position, each argument named by its option. */
    private ImageDeformation(Options o) {
        this(o.alpha, o.sigma, o.chance);
    }

    /** A deformation whose options are these with {@code change} applied. */
    private ImageDeformation with(Consumer<Options> change) {
        Options o = new Options(this);
        change.accept(o);
        return new ImageDeformation(o);
    }

    /** A displacement per pixel (row-major {@code height × width}), in pixels along y and x. */
    public record Field(int height, int width, float[] dy, float[] dx) {
        @Override
        public String toString() {
            return "Field[" + height + "x" + width + "]";
        }
    }

    /**
     * The field for a {@code height × width} image, or null when the deformation is off for this draw
     * (then only one value was taken from {@code r}).
     */
    public Field draw(SplittableRandom r, int height, int width) {
        boolean on = r.nextDouble() < chance;
        if (!on || alpha == 0 || height == 0 || width == 0) {
            return null;
        }
        int n = height * width;
        float[] yx = new float[2 * n];
        for (int i = 0; i < yx.length; i++) {
            yx[i] = (float) (2 * r.nextDouble() - 1);
        }
        float[] smooth = Filters.gaussianBlur(new FloatImage(height, width, 2, yx), sigma).data();
        float[] dy = new float[n];
        float[] dx = new float[n];
        for (int i = 0; i < n; i++) {
            dy[i] = (float) (smooth[2 * i] * alpha);
            dx[i] = (float) (smooth[2 * i + 1] * alpha);
        }
        return new Field(height, width, dy, dx);
    }

    /** The image resampled through {@code field} (unchanged for a null field). */
    public static FloatImage apply(FloatImage image, Field field, Interpolation interpolation) {
        if (field == null) {
            return image;
        }
        if (field.height() != image.height() || field.width() != image.width()) {
            throw new IllegalArgumentException("A " + field.height() + "x" + field.width() + " field cannot deform a "
                    + image.height() + "x" + image.width() + " image");
        }
        return Warp.displace(image, field.dy(), field.dx(), interpolation);
    }

    public ImageDeformation alpha(double pixels) {
        return with(o -> o.alpha = pixels);
    }

    public ImageDeformation sigma(double smoothing) {
        return with(o -> o.sigma = smoothing);
    }

    public ImageDeformation chance(double probability) {
        return with(o -> o.chance = probability);
    }
}
