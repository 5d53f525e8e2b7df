package ai.brevetti.data.annotation;

import ai.brevetti.data.generator.Batch;
import ai.brevetti.data.generator.BatchStep;
import ai.brevetti.data.generator.SamplesAware;
import ai.brevetti.data.generator.StepRandom;
import ai.brevetti.data.generator.Tensor;
import ai.brevetti.data.image.FloatImage;
import ai.brevetti.data.image.ImageView;
import ai.brevetti.data.image.ImagePipeline;
import ai.brevetti.data.image.RoiMode;
import ai.brevetti.data.samples.Samples;
import ai.brevetti.internal.OptionSpec;
import ai.brevetti.io.IoTools;
import com.google.errorprone.annotations.CheckReturnValue;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads each sample's annotation file as masks aligned with its image (Python's {@code AnnotationLoader},
 * successor of {@code SegmentationLoader}): a generator step that reads {@code annotation_path} (or, when
 * the batch has no such column, {@code segmentation_path}), draws the shapes ({@link AnnotationParser})
 * into one channel per class (dense: 1 inside, 0 outside) or one channel of class index + 1 (sparse: 0 is
 * background), and writes them under {@code annotation}.
 *
 * <p>The masks are drawn straight in the sample's image view (its {@code bbox} and {@code zoom_factor}
 * columns; without a bbox the whole image), never at full resolution, and then go through the image
 * pipeline's regions, resize and padding (nearest, {@link ImagePipeline#geometry}), so they line up with
 * {@code img} by construction. The pipeline is the one given with {@link #imagePipeline}, else the
 * {@code ImagePipeline} mapped before this loader (several: an error asking to name one); with none, the
 * masks keep the view's size. The view's size comes from the bbox, else the image's
 * {@code _image_file_shape} (the pipeline mapped before), else the file's {@code image} entry.
 *
 * <p>Labels: {@link #mapping} maps annotation labels to classes ({@code "a|b"} for several); a class name
 * is a label of its own class; shapes of other labels are left out (logged once per label). Drawing rules
 * (pixel centres, line width, point size, holes): docs/annotations.md.
 *
 * <p>Bad input: a sample with an empty path gets an empty mask (an image without annotations). A missing,
 * unreadable or malformed file gives an empty mask and a warning naming it (once per file), or with
 * {@link #strict strict(true)} fails the batch with an error naming it; {@link #check(Samples)} lists every
 * problem before training. Shapes that cannot be drawn are left out with a warning naming the file and the
 * shape. A bad {@code bbox} or {@code zoom_factor} is an error naming the sample when the loader is mapped.
 *
 * <p>Immutable; every option returns a new loader, so its result must be used (decision 44):
 * {@code new AnnotationLoader(List.of("cap", "defect")).mapping(Map.of("scratch", "defect")).sparse(true)}.
 * The same step goes by the seed's older name, {@link AnnotationParser}: {@code new AnnotationParser("cap", "defect")}.
 */
@CheckReturnValue
public sealed class AnnotationLoader implements BatchStep, SamplesAware permits AnnotationParser {
    private static final Logger LOG = LoggerFactory.getLogger(AnnotationLoader.class);
    /** The default path column, as Python's {@code AnnotationLoader}. */
    public static final String ANNOTATION_PATH = "annotation_path";
    /** The older path column ({@code SegmentationLoader}'s), read when a batch has no {@value #ANNOTATION_PATH}. */
    public static final String SEGMENTATION_PATH = "segmentation_path";
    private static final IoTools LOCAL_IO = new IoTools();

    /** The options (decision 44): one named field each, with its default; see {@link OptionSpec}. */
    private static final class Options extends OptionSpec<Options> {
        List<String> classes;
        Map<String, List<String>> mapping = Map.of();
        boolean sparse;
        String pathKey = ANNOTATION_PATH;
        String outputKey = "annotation";
        Optional<ImagePipeline> imagePipeline = Optional.empty();
        IoTools io; // null: the samples' (when mapped) or local files
        double lineWidth = 1;
        double pointSize = 1;
        boolean strict;
    }

    private final Options o;
    private final LabelSpace labels;
    /** What was logged already (files, labels), so each is logged once per mapped loader. */
    private final Set<String> logged = ConcurrentHashMap.newKeySet();

    /** A loader of {@code classes}, one mask channel each in this order. */
    public AnnotationLoader(List<String> classes) {
        this(new Options().with(o -> o.classes = List.copyOf(classes)));
    }

    /** A loader of {@code classes}, one mask channel each in this order. */
    public AnnotationLoader(String... classes) {
        this(List.of(classes));
    }

    private AnnotationLoader(Options options) {
        this.labels = new LabelSpace(options.classes, options.mapping);
        if (options.sparse && !labels.multiClassLabels().isEmpty()) {
            throw new IllegalArgumentException("A sparse mask holds one class per pixel, but the mapping draws "
                    + labels.multiClassLabels() + " into several; use dense masks (sparse(false)) or map each label to one class");
        }
        this.o = options;
    }

    /** A loader whose options are these with {@code change} applied. */
    private AnnotationLoader with(Consumer<Options> change) {
        return new AnnotationLoader(o.with(change));
    }

    // ---- options ----

    /** Annotation label → class names ({@code "a|b"} for several); replaces any earlier mapping. */
    public AnnotationLoader mapping(Map<String, String> labelToClasses) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        labelToClasses.forEach((label, classes) -> m.put(Objects.requireNonNull(label, "mapping label"),
                List.of(Objects.requireNonNull(classes, "mapping of '" + label + "'").split("\\|"))));
        return with(o -> o.mapping = java.util.Collections.unmodifiableMap(m));
    }

    /** One channel of class index + 1 (0: background; a later shape wins) instead of one channel per class. */
    public AnnotationLoader sparse(boolean sparse) {
        return with(o -> o.sparse = sparse);
    }

    /** The column with each sample's annotation file ({@value #ANNOTATION_PATH}). */
    public AnnotationLoader pathKey(String key) {
        return with(o -> o.pathKey = Objects.requireNonNull(key, "pathKey"));
    }

    /** The column the masks go to ({@code annotation}; Python's {@code SegmentationLoader} used {@code segmentation}). */
    public AnnotationLoader outputKey(String key) {
        return with(o -> o.outputKey = Objects.requireNonNull(key, "outputKey"));
    }

    /** The pipeline whose regions, resize and padding the masks follow; by default the one mapped before this loader. */
    public AnnotationLoader imagePipeline(ImagePipeline pipeline) {
        return with(o -> o.imagePipeline = Optional.of(Objects.requireNonNull(pipeline, "imagePipeline")));
    }

    public AnnotationLoader io(IoTools tools) {
        return with(o -> o.io = Objects.requireNonNull(tools, "io"));
    }

    /** Lines are drawn this wide, in view pixels (1: every pixel whose centre is within ½ of the line). */
    public AnnotationLoader lineWidth(double pixels) {
        if (!(pixels > 0 && Double.isFinite(pixels))) {
            throw new IllegalArgumentException("A line width is a positive number of pixels, not " + pixels);
        }
        return with(o -> o.lineWidth = pixels);
    }

    /** Points are dots of this diameter, in view pixels (1: the pixel the point lies in and those whose centre is within ½). */
    public AnnotationLoader pointSize(double pixels) {
        if (!(pixels > 0 && Double.isFinite(pixels))) {
            throw new IllegalArgumentException("A point size is a positive number of pixels, not " + pixels);
        }
        return with(o -> o.pointSize = pixels);
    }

    /**
     * With {@code true}, a missing, unreadable or malformed annotation file, or a shape that cannot be drawn,
     * fails the batch with an error naming it, instead of an empty mask (or a left-out shape) and a warning.
     */
    public AnnotationLoader strict(boolean strict) {
        return with(o -> o.strict = strict);
    }

    // ---- getters ----

    public List<String> classes() {
        return o.classes;
    }

    public boolean sparse() {
        return o.sparse;
    }

    public String pathKey() {
        return o.pathKey;
    }

    public String outputKey() {
        return o.outputKey;
    }

    /** Mask channels: the number of classes, or 1 when sparse. */
    public int channels() {
        return o.sparse ? 1 : o.classes.size();
    }

    // ---- binding ----

    @Override
    public BatchStep bind(Samples samples) {
        return o.io == null ? io(samples.io()) : with(x -> { });
    }

    /**
     * Reads through the samples' storage, follows the image pipeline mapped before it (unless one was
     * given), and checks the samples' columns now rather than mid-epoch.
     *
     * @throws IllegalArgumentException when several image pipelines were mapped before it and none was chosen,
     *     when the samples have no annotation path column, or when a {@code bbox} or {@code zoom_factor} is bad
     *     (naming the sample)
     */
    @Override
    public BatchStep bind(Samples samples, List<BatchStep> before) {
        AnnotationLoader bound = (AnnotationLoader) bind(samples);
        if (o.imagePipeline.isEmpty()) {
            List<ImagePipeline> pipelines = before.stream().filter(ImagePipeline.class::isInstance).map(ImagePipeline.class::cast).toList();
            if (pipelines.size() > 1) {
                throw new IllegalArgumentException("The AnnotationLoader is mapped after " + pipelines.size() + " ImagePipelines (outputs "
                        + pipelines.stream().map(p -> "'" + p.outputKey() + "'").collect(Collectors.joining(", "))
                        + "); name the one its masks follow: new AnnotationLoader(...).imagePipeline(pipeline)");
            }
            if (pipelines.size() == 1) {
                bound = bound.imagePipeline(pipelines.get(0));
            }
        }
        if (!samples.isEmpty()) {
            String column = bound.pathColumn(samples.columnNames()); // fails now when there is none
            LOG.debug("AnnotationLoader reads {}", column);
            checkViews(samples);
        }
        String invalid = labels.invalidClassesMessage();
        if (invalid != null) {
            LOG.warn(invalid);
        }
        return bound;
    }

    /** The column to read paths from, given the columns there are. */
    private String pathColumn(java.util.Collection<String> columns) {
        if (columns.contains(o.pathKey)) {
            return o.pathKey;
        }
        if (o.pathKey.equals(ANNOTATION_PATH) && columns.contains(SEGMENTATION_PATH)) {
            return SEGMENTATION_PATH;
        }
        throw new IllegalArgumentException("The AnnotationLoader reads annotation files from the column '" + o.pathKey + "'"
                + (o.pathKey.equals(ANNOTATION_PATH) ? " (or '" + SEGMENTATION_PATH + "')" : "") + ", which the samples do not have (they have "
                + columns + "); list the samples with their annotations, or name the column with pathKey(...)");
    }

    private static void checkViews(Samples samples) {
        List<String> bad = new ArrayList<>();
        if (!samples.has(ImageView.BBOX_KEY) && !samples.has(ImageView.ZOOM_KEY) && !samples.has(ImageView.SIZE_KEY)) {
            return;
        }
        for (int row = 0; row < samples.size() && bad.size() < 5; row++) {
            try {
                ImageView.of(samples, row);
            } catch (IllegalArgumentException e) {
                bad.add(e.getMessage());
            }
        }
        if (!bad.isEmpty()) {
            throw new IllegalArgumentException("The samples' views cannot be used for masks: " + String.join("; ", bad)
                    + (bad.size() == 5 ? "; …" : ""));
        }
    }

    // ---- the batch step ----

    /**
     * Adds {@code outputKey}: the masks, NHWC ({@code N×T×H×W×C} for roi mode {@code as_timeseries};
     * {@code outputKey_i} per region for roi mode {@code none}), like the pipeline's images.
     */
    @Override
    public Batch apply(Batch batch, StepRandom random) {
        String[] paths = batch.strings(pathColumn(batch.keys()));
        String[] names = batch.has("path") ? batch.strings("path") : paths;
        Tensor shapes = batch.has(ImagePipeline.FILE_SHAPE_KEY) ? batch.tensor(ImagePipeline.FILE_SHAPE_KEY) : null;
        int n = o.imagePipeline.map(ImagePipeline::outputsPerSample).orElse(1);
        List<List<FloatImage>> perOutput = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            perOutput.add(new ArrayList<>(paths.length));
        }
        for (int s = 0; s < paths.length; s++) {
            String path = paths[s] == null ? "" : paths[s];
            ImageAnnotation annotation = path.isEmpty() ? null : read(path);
            int[] fileShape = shapes == null ? null : new int[] {(int) shapes.get(s, 0), (int) shapes.get(s, 1)};
            ImageView view = view(batch, s, fileShape, annotation);
            FloatImage mask;
            if (view != null) {
                mask = rasterize(annotation, view, path);
            } else if (o.imagePipeline.map(p -> p.targetSize() != null).orElse(false)) {
                mask = FloatImage.zeros(1, 1, channels()); // the image could not be loaded either: resized to the target
            } else {
                throw new IllegalArgumentException("The size of the image of sample '" + names[s] + "' is unknown, so its mask ("
                        + (path.isEmpty() ? "no annotation file" : "'" + path + "'") + ") cannot be drawn: map an ImagePipeline"
                        + " before the AnnotationLoader, give the samples a bbox, or an \"image\": {\"height\", \"width\"} entry in the file");
            }
            List<FloatImage> outs = o.imagePipeline.isPresent() ? o.imagePipeline.get().geometry(mask) : List.of(mask);
            for (int i = 0; i < n; i++) {
                perOutput.get(i).add(outs.get(i));
            }
        }
        if (n == 1) {
            return batch.with(o.outputKey, stack(perOutput.get(0), paths, names));
        }
        if (o.imagePipeline.get().roiMode() == RoiMode.AS_TIMESERIES) {
            List<Tensor> series = new ArrayList<>();
            for (int s = 0; s < paths.length; s++) {
                List<FloatImage> one = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    one.add(perOutput.get(i).get(s));
                }
                series.add(FloatImage.stack(one));
            }
            return batch.with(o.outputKey, series.isEmpty() ? Tensor.zeros(0, n, 1, 1, channels()) : Tensor.stack(series));
        }
        Batch out = batch;
        for (int i = 0; i < n; i++) {
            out = out.with(o.outputKey + "_" + i, stack(perOutput.get(i), paths, names));
        }
        return out;
    }

    /**
     * The view to draw sample {@code s}'s mask in (the image pipeline's: {@link ImageView}), or null when its
     * size is unknown: its own box (a JSON cell or a glimpse's tensor row), else its image (as the pipeline
     * loaded it, else as the annotation file gives it) at its zoom.
     */
    private static ImageView view(Batch batch, int s, int[] fileShape, ImageAnnotation annotation) {
        Optional<ImageView> own = ImageView.of(batch, s);
        if (own.isPresent()) {
            return own.get();
        }
        if (fileShape != null && fileShape[0] > 0 && fileShape[1] > 0) {
            return ImageView.of(batch, s, fileShape[1], fileShape[0]);
        }
        Optional<int[]> size = annotation == null ? Optional.empty() : annotation.imageSize();
        return size.map(hw -> ImageView.of(batch, s, hw[1], hw[0])).orElse(null);
    }

    private Tensor stack(List<FloatImage> masks, String[] paths, String[] names) {
        if (masks.isEmpty()) {
            int[] target = o.imagePipeline.map(ImagePipeline::targetSize).orElse(null);
            return target == null ? Tensor.zeros(0, 1, 1, channels()) : Tensor.zeros(0, target[0], target[1], channels());
        }
        FloatImage first = masks.get(0);
        for (int s = 1; s < masks.size(); s++) {
            FloatImage other = masks.get(s);
            if (other.height() != first.height() || other.width() != first.width()) {
                throw new IllegalStateException("Masks of different sizes cannot share a batch: sample '" + names[0] + "' has "
                        + first.height() + "x" + first.width() + " but '" + names[s] + "' has " + other.height() + "x" + other.width()
                        + "; map an ImagePipeline with a target size (targetSize(height, width)) before the AnnotationLoader");
            }
        }
        return FloatImage.stack(masks);
    }

    // ---- reading and drawing ----

    /** The annotation file at {@code path}, or null (and a warning) when it cannot be used and the loader is not strict. */
    private ImageAnnotation read(String path) {
        AnnotationParser.Parsed parsed;
        try {
            parsed = AnnotationParser.read(o.io == null ? LOCAL_IO : o.io, path);
        } catch (AnnotationException e) {
            if (o.strict) {
                throw e;
            }
            if (logged.add("file:" + path)) {
                LOG.warn("{}; its sample gets an empty mask (strict(true) makes this an error)", e.getMessage());
            }
            return null;
        }
        if (!parsed.skipped().isEmpty()) {
            if (o.strict) {
                throw new AnnotationException("Annotation file '" + path + "' has shapes that cannot be drawn: " + String.join("; ", parsed.skipped()));
            }
            if (logged.add("shapes:" + path)) {
                parsed.skipped().forEach(LOG::warn);
            }
        }
        return parsed.annotation();
    }

    /**
     * The masks of {@code annotation} for a whole {@code height × width} image (zoom 1): {@code height × width
     * × channels()}, before any pipeline geometry.
     */
    public FloatImage rasterize(ImageAnnotation annotation, int height, int width) {
        return rasterize(annotation, ImageView.whole(width, height, 1), "(annotation)");
    }

    /**
     * The masks of {@code annotation} in the view of the full-image crop {@code bbox} ({@code [x0, y0, x1, y1]})
     * downscaled by {@code zoom} (a power of 2), before any pipeline geometry.
     */
    public FloatImage rasterize(ImageAnnotation annotation, long[] bbox, int zoom) {
        if (bbox.length != 4) {
            throw new IllegalArgumentException("A bbox is [x0, y0, x1, y1], not " + java.util.Arrays.toString(bbox));
        }
        return rasterize(annotation, view(bbox, zoom), "(annotation)");
    }

    /** The view of the crop {@code bbox} at {@code zoom}, the pipeline's ({@link ImageView} checks both). */
    private static ImageView view(long[] bbox, int zoom) {
        for (long v : bbox) {
            if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("The bbox " + java.util.Arrays.toString(bbox) + " is outside the range of pixel coordinates");
            }
        }
        return new ImageView((int) bbox[0], (int) bbox[1], (int) bbox[2], (int) bbox[3], zoom);
    }

    /** Draws the shapes into the view: filled shapes first, in file order, then holes cut out. */
    FloatImage rasterize(ImageAnnotation annotation, ImageView view, String source) {
        int h = view.height();
        int w = view.width();
        int c = channels();
        if ((long) h * w * c > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("The mask of '" + source + "' would be " + h + "x" + w + "x" + c
                    + " values, too many for one array; give its sample a smaller bbox or a larger zoom_factor");
        }
        float[] data = new float[h * w * c];
        if (annotation == null) {
            return new FloatImage(h, w, c, data);
        }
        for (boolean holes : new boolean[] {false, true}) {
            for (PointsAnnotation shape : annotation.shapes()) {
                if (shape.isHole() != holes) {
                    continue;
                }
                int[] channels = labels.channels(shape.label());
                if (channels == null) {
                    if (logged.add("label:" + shape.label())) {
                        LOG.warn("Annotation label '{}' (first in '{}') is neither one of the classes {} nor a key of the mapping; its shapes are left out",
                                shape.label(), source, o.classes);
                    }
                    continue;
                }
                draw(shape, view, holes ? erase(data, w, c, channels) : paint(data, w, c, channels));
            }
        }
        return new FloatImage(h, w, c, data);
    }

    private Rasterizer.Spans paint(float[] data, int w, int c, int[] channels) {
        if (o.sparse) {
            float value = channels[0] + 1;
            return (y, x0, x1) -> Arrays.fill(data, y * w + x0, y * w + x1, value);
        }
        return (y, x0, x1) -> {
            for (int x = x0; x < x1; x++) {
                for (int ch : channels) {
                    data[(y * w + x) * c + ch] = 1f;
                }
            }
        };
    }

    private Rasterizer.Spans erase(float[] data, int w, int c, int[] channels) {
        if (o.sparse) {
            float value = channels[0] + 1;
            return (y, x0, x1) -> {
                for (int p = y * w + x0; p < y * w + x1; p++) {
                    if (data[p] == value) {
                        data[p] = 0f;
                    }
                }
            };
        }
        return (y, x0, x1) -> {
            for (int x = x0; x < x1; x++) {
                for (int ch : channels) {
                    data[(y * w + x) * c + ch] = 0f;
                }
            }
        };
    }

    private void draw(PointsAnnotation shape, ImageView view, Rasterizer.Spans out) {
        List<Point> points = shape.points();
        double[] xs = new double[points.size()];
        double[] ys = new double[points.size()];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = view.viewX(points.get(i).x());
            ys[i] = view.viewY(points.get(i).y());
        }
        int h = view.height();
        int w = view.width();
        switch (shape.shape()) {
            case POLYGON -> {
                if (!Rasterizer.fillPolygon(xs, ys, h, w, out) && !shape.isHole()) {
                    Rasterizer.pixelsUnder(xs, ys, h, w, out); // smaller than a pixel: still seen
                }
            }
            case RECTANGLE -> {
                double x0 = Arrays.stream(xs).min().orElseThrow();
                double x1 = Arrays.stream(xs).max().orElseThrow();
                double y0 = Arrays.stream(ys).min().orElseThrow();
                double y1 = Arrays.stream(ys).max().orElseThrow();
                double[] cx = {x0, x1, x1, x0};
                double[] cy = {y0, y0, y1, y1};
                if (!Rasterizer.fillPolygon(cx, cy, h, w, out) && !shape.isHole()) {
                    Rasterizer.pixelsUnder(cx, cy, h, w, out);
                }
            }
            case LINE -> {
                Rasterizer.stroke(xs, ys, o.lineWidth / 2, h, w, out);
                Rasterizer.pixelsUnder(xs, ys, h, w, out);
            }
            case POINT -> {
                Rasterizer.dots(xs, ys, o.pointSize / 2, h, w, out);
                Rasterizer.pixelsUnder(xs, ys, h, w, out);
            }
        }
    }

    // ---- checking samples ----

    /**
     * Reads every sample's annotation file and returns what a training would meet, one line each (empty
     * when everything can be used): files that are missing, unreadable or malformed, shapes that cannot be
     * drawn, labels that name no class (with how many files use them), bad {@code bbox} or
     * {@code zoom_factor} cells. Samples with an empty path have no annotations and are fine.
     */
    public List<String> check(Samples samples) {
        IoTools io = o.io != null ? o.io : samples.io();
        String column = pathColumn(samples.columnNames());
        List<String> problems = new ArrayList<>();
        Map<String, Integer> unknown = new LinkedHashMap<>();
        for (int row = 0; row < samples.size(); row++) {
            String sample = samples.has("path") ? samples.get(row, "path") : "row " + row;
            try {
                ImageView.of(samples, row);
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
            String path = samples.get(row, column);
            if (path == null || path.isEmpty()) {
                continue;
            }
            try {
                AnnotationParser.Parsed parsed = AnnotationParser.read(io, path);
                problems.addAll(parsed.skipped());
                parsed.annotation().shapes().stream().map(PointsAnnotation::label).distinct()
                        .filter(label -> labels.channels(label) == null).forEach(label -> unknown.merge(label, 1, Integer::sum));
            } catch (AnnotationException e) {
                problems.add(e.getMessage());
            }
        }
        unknown.forEach((label, files) -> problems.add("Label '" + label + "' (in " + files + " file" + (files == 1 ? "" : "s")
                + ") is neither one of the classes " + o.classes + " nor a key of the mapping; its shapes are left out"));
        String invalid = labels.invalidClassesMessage();
        if (invalid != null) {
            problems.add(invalid);
        }
        return problems;
    }

    @Override
    public String toString() {
        return "AnnotationLoader" + o.classes + (o.sparse ? " sparse" : "") + (o.mapping.isEmpty() ? "" : " mapping " + o.mapping)
                + " " + o.pathKey + " -> " + o.outputKey;
    }
}
