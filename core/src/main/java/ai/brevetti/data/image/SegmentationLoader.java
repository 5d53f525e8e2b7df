package ai.brevetti.data.image;

import ai.brevetti.data.generator.Batch;
import ai.brevetti.data.generator.BatchStep;
import ai.brevetti.data.generator.SamplesAware;
import ai.brevetti.data.generator.StepRandom;
import ai.brevetti.data.generator.Tensor;
import ai.brevetti.data.samples.Samples;
import ai.brevetti.internal.Json;
import ai.brevetti.internal.OptionSpec;
import ai.brevetti.io.IoTools;
import com.google.errorprone.annotations.CheckReturnValue;
import java.awt.BasicStroke;
import java.awt.Graphics2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads annotation files as per-class masks aligned with the images (Python's {@code SegmentationLoader}):
 * a generator step reading each sample's annotation JSON ({@code segmentation_path}), rasterising its
 * shapes into one channel per class (1 inside, 0 outside), and applying the image pipeline's regions,
 * resize and padding (nearest), so that {@code segmentation} lines up with {@code img}.
 *
 * <p>Which pipeline: the one given with {@link #imagePipeline}; else, mapped onto a generator, the
 * {@link ImagePipeline} mapped before it (several: an error asking to name one). Without either (used on
 * its own, or mapped with no pipeline before it) the masks stay at the image file's resolution.
 *
 * <p>The annotation JSON accepted:
 * <pre>
 * {"image": {"height": 480, "width": 640},                     (optional when an ImagePipeline ran first)
 *  "annotations": [
 *    {"type": "polygon",   "label": "cap",     "points": [{"x": 10, "y": 20}, {"x": 30, "y": 20}, {"x": 20, "y": 40}]},
 *    {"type": "rectangle", "label": "defect",  "points": [{"x": 5, "y": 5}, {"x": 15, "y": 25}]},
 *    {"type": "line",      "label": "scratch", "points": [[0, 0], [9, 9]], "width": 3},
 *    {"type": "point",     "label": "dot",     "points": [[4, 4]], "radius": 2}]}
 * </pre>
 * Coordinates are pixels of the image file (x to the right, y down); points are {@code {"x", "y"}} objects
 * or {@code [x, y]} pairs; polygons are filled (non-zero winding). A label maps to classes through
 * {@code mapping} (a label may name several classes, {@code "a|b"}); labels that name no class are
 * ignored. With {@code sparse}, one channel holds the class index + 1 (0: background; later shapes win).
 * The image size comes from the batch's {@code _image_file_shape} (put there by an {@link ImagePipeline}
 * mapped before) or from the file's {@code image} entry. A missing or unreadable file gives an empty mask
 * and a warning.
 *
 * <p>Immutable; every option returns a new loader, so its result must be used (decision 44).
 */
@CheckReturnValue
public final class SegmentationLoader implements BatchStep, SamplesAware {
    private static final Logger LOG = LoggerFactory.getLogger(SegmentationLoader.class);

    /** The options (decision 44): one named field each, with its default; see {@link OptionSpec}. */
    private static final class Options extends OptionSpec<Options> {
        List<String> classes;
        Map<String, List<String>> mapping = Map.of();
        Optional<ImagePipeline> imagePipeline = Optional.empty();
        boolean sparse;
        String inputKey = "segmentation_path";
        String outputKey = "segmentation";
        IoTools io; // null: the samples' (when mapped) or local files
    }

    private final Options o;

    public SegmentationLoader(List<String> classes) {
        this(new Options().with(o -> o.classes = List.copyOf(classes)));
    }

    private SegmentationLoader(Options options) {
        if (options.classes.isEmpty()) {
            throw new IllegalArgumentException("A segmentation loader needs at least one class");
        }
        this.o = options;
    }

    /** A loader whose options are these with {@code change} applied. */
    private SegmentationLoader with(Consumer<Options> change) {
        return new SegmentationLoader(o.with(change));
    }

    /** Label → class names ({@code "a|b"} for several). */
    public SegmentationLoader mapping(Map<String, String> labelToClasses) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        labelToClasses.forEach((label, cls) -> m.put(label, List.of(cls.split("\\|"))));
        return with(o -> o.mapping = Map.copyOf(m));
    }

    /**
     * The pipeline whose geometry (regions, resize, padding) the masks follow; by default the one mapped
     * before this loader on the generator.
     */
    public SegmentationLoader imagePipeline(ImagePipeline pipeline) {
        return with(o -> o.imagePipeline = Optional.of(pipeline));
    }

    public SegmentationLoader sparse(boolean sparse) {
        return with(o -> o.sparse = sparse);
    }

    public SegmentationLoader inputKey(String key) {
        return with(o -> o.inputKey = key);
    }

    public SegmentationLoader outputKey(String key) {
        return with(o -> o.outputKey = key);
    }

    public SegmentationLoader io(IoTools tools) {
        return with(o -> o.io = tools);
    }

    @Override
    public BatchStep bind(Samples samples) {
        return o.io == null ? io(samples.io()) : this;
    }

    /**
     * Reads through the samples' storage and, without a pipeline of its own, follows the image pipeline
     * mapped before it.
     *
     * @throws IllegalArgumentException when several image pipelines were mapped before it and none was chosen
     */
    @Override
    public BatchStep bind(Samples samples, List<BatchStep> before) {
        SegmentationLoader bound = (SegmentationLoader) bind(samples);
        if (o.imagePipeline.isPresent()) {
            return bound;
        }
        List<ImagePipeline> pipelines = before.stream().filter(ImagePipeline.class::isInstance).map(ImagePipeline.class::cast).toList();
        if (pipelines.size() > 1) {
            throw new IllegalArgumentException("The SegmentationLoader is mapped after " + pipelines.size() + " ImagePipelines (outputs "
                    + pipelines.stream().map(p -> "'" + p.outputKey() + "'").collect(java.util.stream.Collectors.joining(", "))
                    + "); name the one its masks follow: new SegmentationLoader(...).imagePipeline(pipeline)");
        }
        return pipelines.isEmpty() ? bound : bound.imagePipeline(pipelines.get(0));
    }

    @Override
    public Batch apply(Batch batch, StepRandom random) {
        String[] paths = batch.strings(o.inputKey);
        Tensor shapes = batch.has(ImagePipeline.FILE_SHAPE_KEY) ? batch.tensor(ImagePipeline.FILE_SHAPE_KEY) : null;
        List<FloatImage> masks = new ArrayList<>(paths.length);
        for (int i = 0; i < paths.length; i++) {
            int[] size = shapes == null ? null : new int[] {(int) shapes.get(i, 0), (int) shapes.get(i, 1)};
            FloatImage mask = load(paths[i], size);
            masks.add(o.imagePipeline.map(p -> p.geometry(mask).get(0)).orElse(mask));
        }
        return batch.with(o.outputKey, FloatImage.stack(masks));
    }

    /** The mask of one annotation file at its image's size ({@code imageSize} [h, w], or null to take it from the file). */
    public FloatImage load(String path, int[] imageSize) {
        Map<String, Object> doc = Map.of();
        if (path != null && !path.isEmpty()) {
            try {
                doc = Json.parseObject(new String((o.io == null ? new IoTools() : o.io).readFile(path), StandardCharsets.UTF_8));
            } catch (Exception e) {
                LOG.warn("Could not load annotation '{}', using an empty mask instead: {}", path, e.getMessage());
            }
        }
        int[] size = imageSize != null && imageSize[0] > 0 ? imageSize : sizeOf(doc, path);
        return rasterize(doc, size[0], size[1]);
    }

    private static int[] sizeOf(Map<String, Object> doc, String path) {
        if (doc.get("image") instanceof Map<?, ?> image && image.get("height") instanceof Number h && image.get("width") instanceof Number w) {
            return new int[] {h.intValue(), w.intValue()};
        }
        throw new IllegalArgumentException("Annotation '" + path + "' gives no image size (\"image\": {\"height\", \"width\"}); "
                + "map an ImagePipeline before the SegmentationLoader so the size comes from the image");
    }

    /** The shapes of an annotation document drawn into a mask of {@code height × width}. */
    FloatImage rasterize(Map<String, Object> doc, int height, int width) {
        int channels = o.sparse ? 1 : o.classes.size();
        float[] data = new float[height * width * channels];
        if (!(doc.get("annotations") instanceof List<?> annotations) || height == 0 || width == 0) {
            return new FloatImage(height, width, channels, data);
        }
        BufferedImage canvas = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        byte[] pixels = ((java.awt.image.DataBufferByte) canvas.getRaster().getDataBuffer()).getData();
        for (Object a : annotations) {
            if (!(a instanceof Map<?, ?> annotation)) {
                continue;
            }
            List<Integer> channelsOf = channels(String.valueOf(annotation.get("label")));
            if (channelsOf.isEmpty()) {
                continue;
            }
            java.util.Arrays.fill(pixels, (byte) 0);
            Graphics2D g = canvas.createGraphics();
            g.setColor(java.awt.Color.WHITE);
            draw(g, annotation);
            g.dispose();
            for (int p = 0; p < height * width; p++) {
                if (pixels[p] != 0) {
                    for (int c : channelsOf) {
                        if (o.sparse) {
                            data[p] = c + 1;
                        } else {
                            data[p * channels + c] = 1f;
                        }
                    }
                }
            }
        }
        return new FloatImage(height, width, channels, data);
    }

    private List<Integer> channels(String label) {
        List<String> names = o.mapping.getOrDefault(label, List.of(label.split("\\|")));
        List<Integer> out = new ArrayList<>();
        for (String n : names) {
            int i = o.classes.indexOf(n);
            if (i >= 0) {
                out.add(i);
            }
        }
        return out;
    }

    private static void draw(Graphics2D g, Map<?, ?> annotation) {
        List<double[]> points = points(annotation.get("points"));
        if (points.isEmpty()) {
            return;
        }
        String type = String.valueOf(annotation.get("type")).toLowerCase(java.util.Locale.ROOT);
        switch (type) {
            case "rectangle" -> {
                double[] a = points.get(0);
                double[] b = points.get(points.size() - 1);
                double x0 = Math.min(a[0], b[0]);
                double y0 = Math.min(a[1], b[1]);
                g.fill(new java.awt.geom.Rectangle2D.Double(x0, y0, Math.abs(b[0] - a[0]) + 1, Math.abs(b[1] - a[1]) + 1));
            }
            case "line", "polyline" -> {
                float width = annotation.get("width") instanceof Number w ? w.floatValue() : 1f;
                g.setStroke(new BasicStroke(width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
                g.draw(path(points, false));
            }
            case "point" -> {
                // every pixel whose centre is within the radius (Java2D drops tiny ellipses)
                double r = annotation.get("radius") instanceof Number n ? n.doubleValue() : 0.5;
                for (double[] p : points) {
                    for (int y = (int) Math.floor(p[1] - r); y <= (int) Math.ceil(p[1] + r); y++) {
                        for (int x = (int) Math.floor(p[0] - r); x <= (int) Math.ceil(p[0] + r); x++) {
                            if ((x - p[0]) * (x - p[0]) + (y - p[1]) * (y - p[1]) <= r * r + 1e-9) {
                                g.fillRect(x, y, 1, 1);
                            }
                        }
                    }
                }
            }
            default -> g.fill(path(points, true));
        }
    }

    private static Path2D path(List<double[]> points, boolean closed) {
        Path2D.Double path = new Path2D.Double(Path2D.WIND_NON_ZERO);
        path.moveTo(points.get(0)[0] + 0.5, points.get(0)[1] + 0.5);
        for (double[] p : points.subList(1, points.size())) {
            path.lineTo(p[0] + 0.5, p[1] + 0.5);
        }
        if (closed) {
            path.closePath();
        }
        return path;
    }

    private static List<double[]> points(Object value) {
        List<double[]> out = new ArrayList<>();
        if (value instanceof List<?> list) {
            for (Object p : list) {
                if (p instanceof Map<?, ?> m && m.get("x") instanceof Number x && m.get("y") instanceof Number y) {
                    out.add(new double[] {x.doubleValue(), y.doubleValue()});
                } else if (p instanceof List<?> pair && pair.size() >= 2 && pair.get(0) instanceof Number x && pair.get(1) instanceof Number y) {
                    out.add(new double[] {x.doubleValue(), y.doubleValue()});
                }
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return "SegmentationLoader" + o.classes + (o.sparse ? " sparse" : "") + (o.mapping.isEmpty() ? "" : " mapping " + o.mapping);
    }
}
