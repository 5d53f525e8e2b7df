package ai.brevetti.data.image;

import ai.brevetti.data.generator.Batch;
import ai.brevetti.data.generator.BatchStep;
import ai.brevetti.data.generator.SamplesAware;
import ai.brevetti.data.generator.StepRandom;
import ai.brevetti.data.samples.Samples;
import ai.brevetti.internal.OptionSpec;
import com.google.errorprone.annotations.CheckReturnValue;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * A random window on each sample's image, as its view (Python's {@code ViewGlimpseFromBBox}): a window of
 * {@code targetShape × zoomFactor} full-image pixels that overlaps the sample's {@code bbox} (its region of
 * interest; without one, its whole image from its {@code size} column), moved inside the image when the
 * sample has a {@code size} ({@code [width, height]}). It replaces {@code bboxKey} with the window
 * {@code [x0, y0, x1, y1]} (a (B, 4) tensor) and sets {@code zoom_factor} (B), which {@link ImagePipeline}
 * then loads: a {@code targetShape} image per sample, read from only the tiles it needs for a Deep Zoom image.
 *
 * <p>Each window origin is drawn uniformly among those that overlap the box by at least one pixel (the
 * Python original also allowed windows that only touch it) and are multiples of the zoom (so that a view is
 * made of whole pixels of its Deep Zoom level: exact, and read without resampling), from the sample's own
 * random stream: the windows depend on the step's seed, the epoch and the sample's position, never on the
 * thread count.
 * A sample with neither a bbox nor a size is an error naming it (checked for every sample when the step is
 * mapped onto a generator).
 *
 * <p>Immutable; every option returns a new step, so its result must be used (decision 44):
 * {@code generator.map(new ViewGlimpseFromBBox(64, 64).zoomFactor(2), new ImagePipeline())}.
 */
@CheckReturnValue
public final class ViewGlimpseFromBBox implements BatchStep, SamplesAware {
    /** The options (decision 44): one named field each, with its default; see {@link OptionSpec}. */
    private static final class Options extends OptionSpec<Options> {
        String bboxKey = ImageView.BBOX_KEY;
        int height;
        int width;
        int zoomFactor = 1;
    }

    private final Options o;

    /** Windows giving views of {@code height × width} pixels at zoom 1, drawn in and written to {@code bbox}. */
    public ViewGlimpseFromBBox(int height, int width) {
        this(new Options().with(o -> {
            o.height = height;
            o.width = width;
        }));
    }

    private ViewGlimpseFromBBox(Options options) {
        Glimpses.checkTarget(options.height, options.width, options.zoomFactor);
        this.o = options;
    }

    private ViewGlimpseFromBBox with(Consumer<Options> change) {
        return new ViewGlimpseFromBBox(o.with(change));
    }

    /** The column the region is read from and the window written to (default {@code bbox}). */
    public ViewGlimpseFromBBox bboxKey(String key) {
        Objects.requireNonNull(key, "bboxKey");
        return with(o -> o.bboxKey = key);
    }

    /** The view's size in pixels: the window is {@code height × zoomFactor} by {@code width × zoomFactor} full-image pixels. */
    public ViewGlimpseFromBBox targetShape(int height, int width) {
        return with(o -> {
            o.height = height;
            o.width = width;
        });
    }

    /** The zoom written with each window: 1, 2, 4, … (a Deep Zoom level each). */
    public ViewGlimpseFromBBox zoomFactor(int zoom) {
        return with(o -> o.zoomFactor = zoom);
    }

    public String bboxKey() {
        return o.bboxKey;
    }

    /** {@code {height, width}} of the views. */
    public int[] targetShape() {
        return new int[] {o.height, o.width};
    }

    public int zoomFactor() {
        return o.zoomFactor;
    }

    /** Checks that every sample has a region (a valid bbox, or a size) before the first batch. */
    @Override
    public BatchStep bind(Samples samples) {
        for (int row = 0; row < samples.size(); row++) {
            String where = ViewColumns.where(samples, row);
            long[] size = Glimpses.size(ViewColumns.cell(samples, ImageView.SIZE_KEY, row), where);
            if (Glimpses.region(ViewColumns.cell(samples, o.bboxKey, row), o.bboxKey, size, where) == null) {
                throw noRegion(where);
            }
        }
        return this;
    }

    private IllegalArgumentException noRegion(String where) {
        return new IllegalArgumentException(where + " has neither a " + o.bboxKey + " nor a " + ImageView.SIZE_KEY
                + " ([width, height]) column value, so ViewGlimpseFromBBox has nowhere to draw its window; give the samples one");
    }

    @Override
    public Batch apply(Batch batch, StepRandom random) {
        long[] boxes = new long[4 * batch.size()];
        for (int i = 0; i < batch.size(); i++) {
            String where = ViewColumns.where(batch, i);
            long[] size = Glimpses.size(ViewColumns.cell(batch, ImageView.SIZE_KEY, i), where);
            long[] region = Glimpses.region(ViewColumns.cell(batch, o.bboxKey, i), o.bboxKey, size, where);
            if (region == null) {
                throw noRegion(where);
            }
            window(random.forSample(i), region, size, boxes, 4 * i);
        }
        return Glimpses.write(batch, o.bboxKey, boxes, o.zoomFactor, "ViewGlimpseFromBBox");
    }

    /** A window overlapping {@code region} (inside the image of {@code size} when known) into {@code boxes[at…at+3]}. */
    void window(SplittableRandom r, long[] region, long[] size, long[] boxes, int at) {
        long w = (long) o.width * o.zoomFactor;
        long h = (long) o.height * o.zoomFactor;
        long x = Glimpses.overlapping(r, region[0], region[2], w, o.zoomFactor);
        long y = Glimpses.overlapping(r, region[1], region[3], h, o.zoomFactor);
        if (size != null) {
            x = Glimpses.clip(x, w, size[0], o.zoomFactor);
            y = Glimpses.clip(y, h, size[1], o.zoomFactor);
        }
        boxes[at] = x;
        boxes[at + 1] = y;
        boxes[at + 2] = x + w;
        boxes[at + 3] = y + h;
    }

    @Override
    public String toString() {
        return "ViewGlimpseFromBBox(bboxKey=" + o.bboxKey + ", targetShape=" + o.height + "x" + o.width + ", zoomFactor=" + o.zoomFactor + ")";
    }
}
