package ai.brevetti.data.image.augmentation;

import ai.brevetti.data.image.FloatImage;
import com.google.errorprone.annotations.CheckReturnValue;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Random affine transformations (Python's {@code RandomTransformer}). Per sample:
 * <ul>
 *   <li>with p={@code chance}, a random sign flip of each enabled axis (each axis flips with p=½);</li>
 *   <li>with p={@code rotateChance}, a rotation by U({@code rotate}) degrees;</li>
 *   <li>with p={@code chance}, a scale factor 1+U({@code scale}) (both axes) and shears U({@code shear})
 *       along each axis;</li>
 *   <li>with p={@code chance}, a translation of U({@code translateVertical})·height and
 *       U({@code translateHorizontal})·width pixels.</li>
 * </ul>
 * The matrix maps output to input coordinates about the image centre:
 * {@code T2·Translate·Shear·Flip·Scale·Rotate·T1}. So a scale factor 2 reads from twice as far from the
 * centre (the content shrinks) and a translation {@code t} shows the input from {@code t} pixels further on.
 * Ranges given as one number {@code s} mean {@code [-s, s]}. Images are resampled with
 * {@code interpolation}, labels always with nearest and {@code fillSegValue} outside the input.
 * <p>
 * Immutable: the options return changed copies, so their results must be used (decision 44), e.g.
 * {@code new RandomTransformer().rotate(30).chance(1.0)}.
 */
@CheckReturnValue
public record RandomTransformer(double chance, boolean flipUpDown, boolean flipLeftRight, Range scale,
                                double rotateChance, Range rotate, Range translateHorizontal,
                                Range translateVertical, Range shear, Interpolation interpolation,
                                double fillSegValue) {
    public RandomTransformer {
        checkChance("chance", chance);
        checkChance("rotateChance", rotateChance);
        Objects.requireNonNull(scale, "scale");
        Objects.requireNonNull(rotate, "rotate");
        Objects.requireNonNull(translateHorizontal, "translateHorizontal");
        Objects.requireNonNull(translateVertical, "translateVertical");
        Objects.requireNonNull(shear, "shear");
        Objects.requireNonNull(interpolation, "interpolation");
    }

    /** The defaults: chance 0.5, both flips, scale ±0.2, rotate ±90° with p=0.5, translations ±0.1, shear ±0.04, bilinear. */
    public RandomTransformer() {
        this(new Options());
    }

    /** The options (decision 44): one named field each, with its default; copied from a transformer per change. */
    private static final class Options {
        double chance = 0.5;
        boolean flipUpDown = true;
        boolean flipLeftRight = true;
        Range scale = Range.symmetric(0.2);
        double rotateChance = 0.5;
        Range rotate = Range.symmetric(90);
        Range translateHorizontal = Range.symmetric(0.1);
        Range translateVertical = Range.symmetric(0.1);
        Range shear = Range.symmetric(0.04);
        Interpolation interpolation = Interpolation.BILINEAR;
        double fillSegValue;

        Options() {
        }

        Options(RandomTransformer t) {
            chance = t.chance;
            flipUpDown = t.flipUpDown;
            flipLeftRight = t.flipLeftRight;
            scale = t.scale;
            rotateChance = t.rotateChance;
            rotate = t.rotate;
            translateHorizontal = t.translateHorizontal;
            translateVertical = t.translateVertical;
            shear = t.shear;
            interpolation = t.interpolation;
            fillSegValue = t.fillSegValue;
        }
    }

    /** The one call of the canonical constructor by position, each argument named by its option. */
    private RandomTransformer(Options o) {
        this(o.chance, o.flipUpDown, o.flipLeftRight, o.scale, o.rotateChance, o.rotate, o.translateHorizontal,
                o.translateVertical, o.shear, o.interpolation, o.fillSegValue);
    }

    /** A transformer whose options are these with {@code change} applied. */
    private RandomTransformer with(Consumer<Options> change) {
        Options o = new Options(this);
        change.accept(o);
        return new RandomTransformer(o);
    }

    static void checkChance(String name, double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException(name + " is a probability (0–1), not " + p);
        }
    }

    /**
     * One random map for a {@code height × width} image, output to input. Always takes the same number of
     * values from {@code r} (12), whatever the options, so the draws that follow do not depend on them.
     */
    public Affine draw(SplittableRandom r, int height, int width) {
        boolean flip = r.nextDouble() < chance;
        boolean flipY = r.nextDouble() < 0.5;
        boolean flipX = r.nextDouble() < 0.5;
        boolean rotates = r.nextDouble() < rotateChance;
        double angle = rotate.draw(r);
        boolean scales = r.nextDouble() < chance;
        double factor = 1 + scale.draw(r);
        double shearX = shear.draw(r);
        double shearY = shear.draw(r);
        boolean translates = r.nextDouble() < chance;
        double ty = translateVertical.draw(r) * height;
        double tx = translateHorizontal.draw(r) * width;

        Affine m = rotates ? Affine.rotation(angle) : Affine.IDENTITY;
        if (scales) {
            m = m.then(Affine.scaling(factor, factor));
        }
        if (flip) {
            m = m.then(Affine.scaling(flipLeftRight && flipX ? -1 : 1, flipUpDown && flipY ? -1 : 1));
        }
        if (scales) {
            m = m.then(Affine.shear(shearX, shearY));
        }
        if (translates) {
            m = m.then(Affine.translation(tx, ty));
        }
        return m.isIdentity() ? Affine.IDENTITY : m.aboutCentre(height, width);
    }

    /** An image resampled through {@code map} with this transformer's interpolation, 0 outside. */
    public FloatImage transformImage(FloatImage image, Affine map) {
        return map.isIdentity() ? image : Warp.affine(image, map, interpolation, 0f);
    }

    /**
     * {@link #transformImage} (or {@link #transformLabel} when {@code label}) of the {@code h × w × ch} image
     * at {@code src[from]} straight into {@code dst[to]}, when {@code map} moves whole pixels (flips, quarter
     * turns, whole shifts) and copying gives the same bits; returns false, writing nothing, otherwise.
     */
    boolean copyInto(float[] src, int from, int h, int w, int ch, Affine map, boolean label, float[] dst, int to) {
        return label ? Warp.copyWholePixels(src, from, h, w, ch, map, Interpolation.NEAREST, (float) fillSegValue, dst, to)
                : Warp.copyWholePixels(src, from, h, w, ch, map, interpolation, 0f, dst, to);
    }

    /** A label map resampled through {@code map} with nearest interpolation, {@code fillSegValue} outside. */
    public FloatImage transformLabel(FloatImage label, Affine map) {
        return map.isIdentity() ? label : Warp.affine(label, map, Interpolation.NEAREST, (float) fillSegValue);
    }

    public RandomTransformer chance(double probability) {
        return with(o -> o.chance = probability);
    }

    public RandomTransformer flipUpDown(boolean on) {
        return with(o -> o.flipUpDown = on);
    }

    public RandomTransformer flipLeftRight(boolean on) {
        return with(o -> o.flipLeftRight = on);
    }

    /** Scale factor 1+U(±s). */
    public RandomTransformer scale(double s) {
        return scale(Range.symmetric("scale", s));
    }

    /** Scale factor 1+U(low, high). */
    public RandomTransformer scale(double low, double high) {
        return scale(Range.of("scale", low, high));
    }

    public RandomTransformer scale(Range range) {
        return with(o -> o.scale = range);
    }

    public RandomTransformer rotateChance(double probability) {
        return with(o -> o.rotateChance = probability);
    }

    /** Rotation by U(±degrees). */
    public RandomTransformer rotate(double degrees) {
        return rotate(Range.symmetric("rotate", degrees));
    }

    public RandomTransformer rotate(double low, double high) {
        return rotate(Range.of("rotate", low, high));
    }

    public RandomTransformer rotate(Range range) {
        return with(o -> o.rotate = range);
    }

    /** Horizontal translation of U(±fraction)·width pixels. */
    public RandomTransformer translateHorizontal(double fraction) {
        return translateHorizontal(Range.symmetric("translateHorizontal", fraction));
    }

    public RandomTransformer translateHorizontal(double low, double high) {
        return translateHorizontal(Range.of("translateHorizontal", low, high));
    }

    public RandomTransformer translateHorizontal(Range range) {
        return with(o -> o.translateHorizontal = range);
    }

    /** Vertical translation of U(±fraction)·height pixels. */
    public RandomTransformer translateVertical(double fraction) {
        return translateVertical(Range.symmetric("translateVertical", fraction));
    }

    public RandomTransformer translateVertical(double low, double high) {
        return translateVertical(Range.of("translateVertical", low, high));
    }

    public RandomTransformer translateVertical(Range range) {
        return with(o -> o.translateVertical = range);
    }

    /** Shears U(±s) along each axis. */
    public RandomTransformer shear(double s) {
        return shear(Range.symmetric("shear", s));
    }

    public RandomTransformer shear(double low, double high) {
        return shear(Range.of("shear", low, high));
    }

    public RandomTransformer shear(Range range) {
        return with(o -> o.shear = range);
    }

    /** {@code "bilinear"} or {@code "nearest"} for image keys (labels always use nearest). */
    public RandomTransformer interpolation(String interpolation) {
        return interpolation(Interpolation.parse(interpolation));
    }

    public RandomTransformer interpolation(Interpolation method) {
        return with(o -> o.interpolation = method);
    }

    /** The label value for pixels that come from outside the input (default 0). */
    public RandomTransformer fillSegValue(double value) {
        return with(o -> o.fillSegValue = value);
    }
}
