package ai.brevetti.data.image;

import ai.brevetti.data.generator.Batch;
import ai.brevetti.data.generator.BatchStep;
import ai.brevetti.data.generator.SamplesAware;
import ai.brevetti.data.generator.StepRandom;
import ai.brevetti.data.samples.Samples;
import ai.brevetti.internal.OptionSpec;
import com.google.errorprone.annotations.CheckReturnValue;
import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * A random window around a random point of each sample, as its view (Python's {@code ViewGlimpseFromPoints}):
 * one of the sample's {@code inside_points} is drawn, then a window of {@code targetShape × zoomFactor}
 * full-image pixels about it, its centre moved from the point by up to {@code overlap} × half the window's
 * size along each axis (0: the point is the centre; 1: anywhere in the window), its origin rounded down to
 * a multiple of the zoom (whole pixels of a Deep Zoom level), then moved inside the image when the sample has
 * a {@code size} ({@code [width, height]}). Writes {@code bboxKey} {@code [x0, y0, x1, y1]}
 * (B, 4) and {@code zoom_factor} (B), which {@link ImagePipeline} then loads.
 *
 * <p>{@code inside_points} is a JSON array of pairs (or a (B, N, 2) tensor), written row, column
 * ({@code coordinateFormat "rc"}, the default, as the Python original) or x, y ({@code "xy"}); the window
 * is always written {@code [x0, y0, x1, y1]}. A sample without points gets a window as
 * {@link ViewGlimpseFromBBox} draws it: overlapping its {@code bboxKey} box, else anywhere on its image
 * (from its size); with neither, it is an error naming the sample (checked for every sample when the step
 * is mapped onto a generator). Draws come from the sample's own random stream (point, then x, then y), so the
 * windows do not depend on the thread count.
 *
 * <p>Immutable; every option returns a new step, so its result must be used (decision 44).
 */
@CheckReturnValue
public final class ViewGlimpseFromPoints implements BatchStep, SamplesAware {
    /** The sample column of the points a window is drawn around. */
    public static final String INSIDE_POINTS_KEY = "inside_points";

    /** The options (decision 44): one named field each, with its default; see {@link OptionSpec}. */
    private static final class Options extends OptionSpec<Options> {
        String bboxKey = ImageView.BBOX_KEY;
        String pointsKey = INSIDE_POINTS_KEY;
        int height;
        int width;
        int zoomFactor = 1;
        double overlap = 0.8;
        boolean rowColumn = true;
    }

    private final Options o;

    /** Windows giving views of {@code height × width} pixels at zoom 1, overlap 0.8, points as row, column. */
    public ViewGlimpseFromPoints(int height, int width) {
        this(new Options().with(o -> {
            o.height = height;
            o.width = width;
        }));
    }

    private ViewGlimpseFromPoints(Options options) {
        Glimpses.checkTarget(options.height, options.width, options.zoomFactor);
        if (!(options.overlap >= 0 && options.overlap <= 1)) {
            throw new IllegalArgumentException("overlap is a fraction of half the window, 0–1, not " + options.overlap);
        }
        this.o = options;
    }

    private ViewGlimpseFromPoints with(Consumer<Options> change) {
        return new ViewGlimpseFromPoints(o.with(change));
    }

    /** The column the window is written to (and, for samples without points, the box read from; default {@code bbox}). */
    public ViewGlimpseFromPoints bboxKey(String key) {
        Objects.requireNonNull(key, "bboxKey");
        return with(o -> o.bboxKey = key);
    }

    /** The column of the points (default {@value #INSIDE_POINTS_KEY}). */
    public ViewGlimpseFromPoints pointsKey(String key) {
        Objects.requireNonNull(key, "pointsKey");
        return with(o -> o.pointsKey = key);
    }

    public ViewGlimpseFromPoints targetShape(int height, int width) {
        return with(o -> {
            o.height = height;
            o.width = width;
        });
    }

    public ViewGlimpseFromPoints zoomFactor(int zoom) {
        return with(o -> o.zoomFactor = zoom);
    }

    /** How far the window's centre may be from the point: this fraction of half the window (0–1, default 0.8). */
    public ViewGlimpseFromPoints overlap(double fraction) {
        return with(o -> o.overlap = fraction);
    }

    /** {@code "rc"} (row, column: the default) or {@code "xy"}: how the points are written. */
    public ViewGlimpseFromPoints coordinateFormat(String format) {
        String f = Objects.requireNonNull(format, "coordinateFormat").trim().toLowerCase(Locale.ROOT);
        if (!f.equals("rc") && !f.equals("xy")) {
            throw new IllegalArgumentException("coordinateFormat is \"rc\" (points as row, column) or \"xy\", not '" + format + "'");
        }
        return with(o -> o.rowColumn = f.equals("rc"));
    }

    public String bboxKey() {
        return o.bboxKey;
    }

    public String pointsKey() {
        return o.pointsKey;
    }

    public int[] targetShape() {
        return new int[] {o.height, o.width};
    }

    public int zoomFactor() {
        return o.zoomFactor;
    }

    public double overlap() {
        return o.overlap;
    }

    public String coordinateFormat() {
        return o.rowColumn ? "rc" : "xy";
    }

    /** Checks every sample's points (and, for those without, its box or size) before the first batch. */
    @Override
    public BatchStep bind(Samples samples) {
        for (int row = 0; row < samples.size(); row++) {
            String where = ViewColumns.where(samples, row);
            long[] size = Glimpses.size(ViewColumns.cell(samples, ImageView.SIZE_KEY, row), where);
            long[][] points = ViewColumns.points(ViewColumns.cell(samples, o.pointsKey, row), o.pointsKey, where);
            long[] region = Glimpses.region(ViewColumns.cell(samples, o.bboxKey, row), o.bboxKey, size, where);
            if ((points == null || points.length == 0) && region == null) {
                throw noPoints(where);
            }
        }
        return this;
    }

    private IllegalArgumentException noPoints(String where) {
        return new IllegalArgumentException(where + " has no " + o.pointsKey + ", and neither a " + o.bboxKey + " nor a "
                + ImageView.SIZE_KEY + " to draw a window in instead; give the samples points or a box");
    }

    @Override
    public Batch apply(Batch batch, StepRandom random) {
        long[] boxes = new long[4 * batch.size()];
        long w = (long) o.width * o.zoomFactor;
        long h = (long) o.height * o.zoomFactor;
        for (int i = 0; i < batch.size(); i++) {
            String where = ViewColumns.where(batch, i);
            long[] size = Glimpses.size(ViewColumns.cell(batch, ImageView.SIZE_KEY, i), where);
            long[][] points = ViewColumns.points(ViewColumns.cell(batch, o.pointsKey, i), o.pointsKey, where);
            SplittableRandom r = random.forSample(i);
            if (points == null || points.length == 0) {
                long[] region = Glimpses.region(ViewColumns.cell(batch, o.bboxKey, i), o.bboxKey, size, where);
                if (region == null) {
                    throw noPoints(where);
                }
                new ViewGlimpseFromBBox(o.height, o.width).zoomFactor(o.zoomFactor).window(r, region, size, boxes, 4 * i);
                continue;
            }
            long[] point = points[r.nextInt(points.length)];
            long px = o.rowColumn ? point[1] : point[0];
            long py = o.rowColumn ? point[0] : point[1];
            long x = Glimpses.aligned(around(r, px, w), o.zoomFactor);
            long y = Glimpses.aligned(around(r, py, h), o.zoomFactor);
            if (size != null) {
                x = Glimpses.clip(x, w, size[0], o.zoomFactor);
                y = Glimpses.clip(y, h, size[1], o.zoomFactor);
            }
            boxes[4 * i] = x;
            boxes[4 * i + 1] = y;
            boxes[4 * i + 2] = x + w;
            boxes[4 * i + 3] = y + h;
        }
        return Glimpses.write(batch, o.bboxKey, boxes, o.zoomFactor, "ViewGlimpseFromPoints");
    }

    /**
     * The origin of a window of {@code window} pixels about {@code point}: {@code point − half + offset}, half the
     * window rounded half to even (as the original's {@code tf.round}), the offset uniform in
     * {@code (−overlap·half, overlap·half)} truncated towards 0.
     */
    private long around(SplittableRandom r, long point, long window) {
        long half = (long) Math.rint(window / 2.0);
        double u = r.nextDouble() * 2 - 1;
        return point - half + (long) (u * half * o.overlap);
    }

    @Override
    public String toString() {
        return "ViewGlimpseFromPoints(bboxKey=" + o.bboxKey + ", pointsKey=" + o.pointsKey + ", targetShape=" + o.height + "x" + o.width
                + ", zoomFactor=" + o.zoomFactor + ", overlap=" + o.overlap + ", coordinateFormat=" + coordinateFormat() + ")";
    }
}
