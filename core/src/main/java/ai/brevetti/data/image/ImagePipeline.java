package ai.brevetti.data.image;

import ai.brevetti.data.generator.Batch;
import ai.brevetti.data.generator.BatchStep;
import ai.brevetti.data.generator.StepRandom;
import ai.brevetti.data.generator.Tensor;
import ai.brevetti.internal.OptionSpec;
import ai.brevetti.io.IoTools;
import com.google.errorprone.annotations.CheckReturnValue;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the images of a batch (Python's {@code ImagePipeline}): for each sample's {@code path}, read the
 * bytes → decode ({@link ImageDecoder}) → the sample's view ({@link ImageView}: its {@code bbox} and
 * {@code zoom_factor} columns, when it has them) → colour ({@link ColorMode}) → regions of interest
 * ({@link Roi}, {@link RoiMode}) → resize ({@link Resize}) and pad ({@link Padding}) to the target size →
 * {@link Rescale}. The batch gets the images under {@code outputKey} as an NHWC tensor, and
 * {@code _image_file_shape} (B, 3): each image's height and width as loaded (the view's, when the sample
 * has one; halved by the bayer mode) and the colour mode's channels, as the original reported them;
 * 0, 0, 0 for a file that could not be loaded. With a target size, no regions and no view, the decoded rows
 * stream straight into the resize (no full-size copy).
 *
 * <p>Deep Zoom tiled images ({@code *.dzi}, {@code *.dzi.json}, {@code dzi.json}: {@link DeepZoom}) are read
 * from only the tiles the view needs, at the level its zoom picks. A {@code .tif} sample whose dataset has
 * its tiles ({@code <bucket>/.tiles/<path in the dataset>/dzi.json}, the batch's {@code bucket} column
 * naming the dataset) is read from them.
 *
 * <p>A file that cannot be read or decoded is logged (WARN, naming the path) and gives a black image
 * (0 before rescaling) of the target size, or of the regions' size, or of the view's size (from the
 * sample's {@code bbox}, or its {@code size} and {@code zoom_factor}), or 1×1; the batch goes on. A tile
 * that cannot be read is black, logged once per image. A bad {@code bbox}, {@code zoom_factor} or
 * {@code size} value is an error naming the sample (for a generator's samples, when the pipeline is
 * mapped, before any batch). Without a target size, images of different sizes in one batch are an error.
 *
 * <p>Immutable; every option returns a new pipeline, so its result must be used (a discarded one fails the
 * build, decision 44): {@code new ImagePipeline().targetSize(64, 64).antialias(true).rescale("imagenet")}.
 */
@CheckReturnValue
public final class ImagePipeline implements BatchStep, ai.brevetti.data.generator.SamplesAware {
    private static final Logger LOG = LoggerFactory.getLogger(ImagePipeline.class);
    private static final IoTools LOCAL_IO = new IoTools();
    /** The column with each image's shape after decoding and the colour mode. */
    public static final String FILE_SHAPE_KEY = "_image_file_shape";

    /** The options (decision 44): one named field each, with its default; see {@link OptionSpec}. */
    private static final class Options extends OptionSpec<Options> {
        int[] targetSize; // {height, width}, or null: each image keeps its size; never written once set
        List<Roi> rois = List.of();
        RoiMode roiMode = RoiMode.CONCATENATE_HEIGHT;
        ColorMode colorMode = ColorMode.RGB;
        boolean keepAspectRatio;
        PaddingMode paddingMode = PaddingMode.CONSTANT;
        boolean centerPadding;
        ResizeMethod resizeMethod = ResizeMethod.BILINEAR;
        boolean antialias;
        Rescale rescale = Rescale.NONE;
        String pathKey = "path";
        String outputKey = "img";
        IoTools io = LOCAL_IO;
        boolean jpegReducedScale;
    }

    /** The most values (height × width × channels) a sample's view may have: 2^28, 1 GiB of floats. */
    static final long MAX_VIEW_VALUES = 1L << 28;

    private final Options o;
    /** The Deep Zoom headers and tif tiles this pipeline read through its {@code io}: a cache, not an option (each copy starts empty). */
    private final TiledImages tiles = new TiledImages();

    /** The defaults: no target size, no regions, rgb, bilinear, no antialias, no rescale, "path" → "img". */
    public ImagePipeline() {
        this(new Options());
    }

    private ImagePipeline(Options options) {
        this.o = options;
    }

    /** A pipeline whose options are these with {@code change} applied. */
    private ImagePipeline with(Consumer<Options> change) {
        return new ImagePipeline(o.with(change));
    }

    // ---- options ----

    /** Resize (and pad) every image to {@code height × width}. */
    public ImagePipeline targetSize(int height, int width) {
        if (height <= 0 || width <= 0) {
            throw new IllegalArgumentException("A target size is positive, not " + height + "x" + width);
        }
        return with(o -> o.targetSize = new int[] {height, width});
    }

    /** Keep each image's own size (the default). */
    public ImagePipeline noTargetSize() {
        return with(o -> o.targetSize = null);
    }

    public ImagePipeline rois(List<Roi> regions) {
        return with(o -> o.rois = List.copyOf(regions));
    }

    /** Regions in Python's form: {@code {{{x1, y1}, {x2, y2}}, …}}. */
    public ImagePipeline rois(int[][]... regions) {
        return rois(Arrays.stream(regions).map(Roi::of).toList());
    }

    public ImagePipeline roiMode(RoiMode mode) {
        return with(o -> o.roiMode = Objects.requireNonNull(mode, "roiMode"));
    }

    public ImagePipeline roiMode(String mode) {
        return roiMode(RoiMode.of(mode));
    }

    public ImagePipeline colorMode(ColorMode mode) {
        return with(o -> o.colorMode = Objects.requireNonNull(mode, "colorMode"));
    }

    public ImagePipeline colorMode(String mode) {
        return colorMode(ColorMode.of(mode));
    }

    /** Fit inside the target size with the aspect ratio kept, then pad the rest. */
    public ImagePipeline keepAspectRatio(boolean keep) {
        return with(o -> o.keepAspectRatio = keep);
    }

    public ImagePipeline paddingMode(PaddingMode mode) {
        return with(o -> o.paddingMode = Objects.requireNonNull(mode, "paddingMode"));
    }

    public ImagePipeline paddingMode(String mode) {
        return paddingMode(PaddingMode.of(mode));
    }

    /** Pad on all sides (centred) instead of at the bottom and right. */
    public ImagePipeline centerPadding(boolean center) {
        return with(o -> o.centerPadding = center);
    }

    public ImagePipeline resizeMethod(ResizeMethod method) {
        return with(o -> o.resizeMethod = Objects.requireNonNull(method, "resizeMethod"));
    }

    public ImagePipeline resizeMethod(String method) {
        return resizeMethod(ResizeMethod.of(method));
    }

    public ImagePipeline antialias(boolean on) {
        return with(o -> o.antialias = on);
    }

    public ImagePipeline rescale(Rescale map) {
        return with(o -> o.rescale = Objects.requireNonNull(map, "rescale"));
    }

    /** {@code none}, {@code imagenet} or {@code unit}. */
    public ImagePipeline rescale(String name) {
        return rescale(Rescale.of(name));
    }

    /** {@code y = x * scale + offset}. */
    public ImagePipeline rescale(float scale, float offset) {
        return rescale(new Rescale(scale, offset));
    }

    public ImagePipeline pathKey(String key) {
        return with(o -> o.pathKey = Objects.requireNonNull(key, "pathKey"));
    }

    public ImagePipeline outputKey(String key) {
        return with(o -> o.outputKey = Objects.requireNonNull(key, "outputKey"));
    }

    /**
     * Mapped onto a generator, a pipeline without its own storage reads through the samples' (so a job's
     * {@code s3://} samples load without further set-up).
     */
    @Override
    public BatchStep bind(ai.brevetti.data.samples.Samples samples) {
        // a bad bbox, zoom_factor or size stops the generator here, before its first batch
        ViewColumns.check(samples);
        return o.io == LOCAL_IO ? io(samples.io()) : this;
    }

    /** The storage to read from (the samples' or the job's {@code IoTools}); by default local files only. */
    public ImagePipeline io(IoTools tools) {
        Objects.requireNonNull(tools, "io");
        return with(o -> o.io = tools);
    }

    /**
     * Let JPEG files at least twice the target size decode at a reduced scale (libjpeg-turbo: 1/2, 1/4 or
     * 1/8, block means; ImageIO: every s-th pixel; see {@link ImageDecoder#decode(byte[], int, int)}) before
     * the resize, which weighs each decoded pixel at its position in the file: faster, and close to but not
     * the same as the exact result (on the benchmark's 224×224 photos at 64×64, PSNR against the exact
     * output: about 49 dB with libjpeg-turbo, 36 dB with ImageIO; see docs/benchmarks.md). Off by default;
     * used only with a target size, without regions of interest and outside the bayer mode.
     */
    public ImagePipeline jpegReducedScale(boolean on) {
        return with(o -> o.jpegReducedScale = on);
    }

    // ---- getters ----

    /** {@code {height, width}}, or null when images keep their own size. */
    public int[] targetSize() {
        return o.targetSize == null ? null : o.targetSize.clone();
    }

    public List<Roi> rois() {
        return o.rois;
    }

    public RoiMode roiMode() {
        return o.roiMode;
    }

    public ColorMode colorMode() {
        return o.colorMode;
    }

    public boolean keepAspectRatio() {
        return o.keepAspectRatio;
    }

    public PaddingMode paddingMode() {
        return o.paddingMode;
    }

    public boolean centerPadding() {
        return o.centerPadding;
    }

    public ResizeMethod resizeMethod() {
        return o.resizeMethod;
    }

    public boolean antialias() {
        return o.antialias;
    }

    public Rescale rescale() {
        return o.rescale;
    }

    public String pathKey() {
        return o.pathKey;
    }

    public String outputKey() {
        return o.outputKey;
    }

    public IoTools io() {
        return o.io;
    }

    public boolean jpegReducedScale() {
        return o.jpegReducedScale;
    }

    /** How many images each sample gives: one, or one per region with roi mode {@code none} or {@code as_timeseries}. */
    public int outputsPerSample() {
        return o.rois.isEmpty() || o.roiMode == RoiMode.CONCATENATE_HEIGHT ? 1 : o.rois.size();
    }

    /** The output's (height, width, channels) when known without loading: from the target size or the regions. */
    private int[] outputShape(int index) {
        int c = o.colorMode.channels();
        if (o.targetSize != null) {
            return new int[] {o.targetSize[0], o.targetSize[1], c};
        }
        if (o.rois.isEmpty()) {
            return new int[] {1, 1, c};
        }
        if (o.roiMode == RoiMode.CONCATENATE_HEIGHT) {
            return new int[] {o.rois.stream().mapToInt(Roi::height).sum(), o.rois.get(0).width(), c};
        }
        Roi roi = o.rois.get(index);
        return new int[] {roi.height(), roi.width(), c};
    }

    private void checkRois() {
        if (o.rois.isEmpty()) {
            return;
        }
        if (o.roiMode == RoiMode.CONCATENATE_HEIGHT && o.rois.stream().map(Roi::width).distinct().count() > 1) {
            throw new IllegalStateException("Regions " + o.rois + " are concatenated along the height, so they need one width; "
                    + "use roiMode as_timeseries or none for regions of different widths");
        }
        if (o.roiMode == RoiMode.AS_TIMESERIES && o.targetSize == null
                && o.rois.stream().map(r -> r.height() + "x" + r.width()).distinct().count() > 1) {
            throw new IllegalStateException("Regions " + o.rois + " are stacked as a time series, so they need one size; "
                    + "set a target size");
        }
    }

    // ---- per image ----

    /**
     * The decoded image at {@code path} (file channels, before the colour mode); a Deep Zoom header
     * ({@code *.dzi}, {@code *.dzi.json}, {@code dzi.json}) gives its whole image from the full-size tiles.
     * Fails if it cannot be read or decoded.
     */
    public FloatImage read(String path) {
        if (!DeepZoom.isHeader(path)) {
            return ImageDecoder.decode(o.io.readFile(path));
        }
        return readView(path, ViewColumns.Request.NONE);
    }

    /**
     * The view {@code view} of the image at {@code path} (file channels, before the colour mode): the box
     * cropped (zeros outside the image) and downscaled by the zoom, antialiased; from the tiles for a Deep
     * Zoom image. Fails if the image cannot be read or decoded (a missing tile is black, with a warning).
     */
    public FloatImage read(String path, ImageView view) {
        return readView(path, request(view));
    }

    private static ViewColumns.Request request(ImageView view) {
        return new ViewColumns.Request(Objects.requireNonNull(view, "view"), view.zoom(), null);
    }

    /** The image a sample looks at: its view of the file (or of the Deep Zoom image's tiles), file channels. */
    private FloatImage readView(String path, ViewColumns.Request request) {
        if (DeepZoom.isHeader(path)) {
            DeepZoom image = tiles.header(o.io, path);
            ImageView view = request.resolve(image.width(), image.height());
            checkSize(path, view);
            return tiles.read(o.io, image, view, o.colorMode == ColorMode.GREYSCALE ? 1 : 3);
        }
        if (request.view() != null) {
            checkSize(path, request.view());
        }
        ImageDecoder.Decoded decoded = ImageDecoder.rows(o.io.readFile(path));
        PixelRows rows = decoded.rows();
        if (request.isWholeImage()) {
            return rows.toImage();
        }
        ImageView view = request.resolve(rows.width(), rows.height());
        ViewAxis xs = ViewAxis.of(view.x0(), view.x1(), view.zoom(), 1);
        ViewAxis ys = ViewAxis.of(view.y0(), view.y1(), view.zoom(), 1);
        return ViewAxis.resample(new PaddedRows(rows, -xs.first(), -ys.first(), ys.samples(), xs.samples(), rows.channels()), ys, xs);
    }

    /** A view too large to hold: an error for the caller to fix, not a file to skip. */
    private static final class ViewTooLarge extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        ViewTooLarge(String message) {
            super(message);
        }
    }

    private static void checkSize(String path, ImageView view) {
        if ((long) view.width() * view.height() * 3 > MAX_VIEW_VALUES) {
            throw new ViewTooLarge("The view " + view + " of '" + path + "' is " + view.width() + "x" + view.height()
                    + " pixels, more than can be loaded at once (" + MAX_VIEW_VALUES / 3 + " pixels); give the sample a smaller "
                    + ImageView.BBOX_KEY + " (ViewGlimpseFromBBox draws windows) or a larger " + ImageView.ZOOM_KEY);
        }
    }

    /**
     * The pipeline's images for one decoded image (as {@link ImageDecoder} gives it): colour mode, regions,
     * resize and pad, rescale. One image, or one per region with roi mode {@code as_timeseries} or
     * {@code none}.
     */
    public List<FloatImage> processAll(FloatImage decoded) {
        checkRois();
        return views(o.colorMode.apply(decoded), decoded);
    }

    /** The pipeline's single image for a decoded image (see {@link #processAll}). */
    public FloatImage process(FloatImage decoded) {
        if (outputsPerSample() != 1) {
            throw new IllegalStateException("Roi mode " + o.roiMode + " gives " + outputsPerSample() + " images per sample; use processAll");
        }
        return processAll(decoded).get(0);
    }

    /**
     * The pipeline's geometry alone (regions, resize, padding with 0) with nearest interpolation and no
     * colour mode or rescale: for label masks that must stay aligned with the images (any channel count).
     */
    public List<FloatImage> geometry(FloatImage labels) {
        checkRois();
        return with(o -> {
            o.paddingMode = PaddingMode.CONSTANT;
            o.resizeMethod = ResizeMethod.NEAREST;
            o.antialias = false;
            o.rescale = Rescale.NONE;
            o.jpegReducedScale = false;
        }).views(labels, labels);
    }

    /** {@link #read} and {@link #process}; a file that cannot be loaded gives a black image and a warning. */
    public FloatImage load(String path) {
        if (outputsPerSample() != 1) {
            throw new IllegalStateException("Roi mode " + o.roiMode + " gives " + outputsPerSample() + " images per sample; use loadAll");
        }
        return loadAll(path).get(0);
    }

    /** {@link #read} and {@link #processAll}; a file that cannot be loaded gives black images and a warning. */
    public List<FloatImage> loadAll(String path) {
        return loadSample(path, null, ViewColumns.Request.NONE, null, 0).images();
    }

    /** {@link #read(String, ImageView)} and {@link #process}; a file that cannot be loaded gives a black image of the view's size and a warning. */
    public FloatImage load(String path, ImageView view) {
        if (outputsPerSample() != 1) {
            throw new IllegalStateException("Roi mode " + o.roiMode + " gives " + outputsPerSample() + " images per sample; use loadAll");
        }
        return loadAll(path, view).get(0);
    }

    /** {@link #read(String, ImageView)} and {@link #processAll}; a file that cannot be loaded gives black images and a warning. */
    public List<FloatImage> loadAll(String path, ImageView view) {
        return loadSample(path, null, request(view), null, 0).images();
    }

    /** A sample's images (none when they were written into a batch's array) and its file shape. */
    private record Loaded(List<FloatImage> images, int[] fileShape) {}

    /**
     * Loads a sample. With {@code into}, its single image of the target size goes into {@code into[at]}
     * instead of a list (the decoded rows resize straight into it when they stream).
     */
    private Loaded loadSample(String path, String bucket, ViewColumns.Request request, float[] into, int at) {
        checkRois();
        // a bad brevettiai.jpeg / BREVETTIAI_JPEG setting stops the batch here, rather than blacking out every JPEG below
        JpegDecoder.current();
        String source = path;
        try {
            source = tiles.tilesOf(o.io, path, bucket).orElse(path);
        } catch (RuntimeException e) {
            LOG.warn("Could not look for the tiles of '{}', reading the file itself: {}", path, e.getMessage());
        }
        if (!request.isWholeImage() || DeepZoom.isHeader(source)) {
            FloatImage image;
            try {
                image = readView(source, request);
            } catch (ViewTooLarge e) {
                throw e;
            } catch (RuntimeException e) {
                LOG.warn("Could not load image '{}', using a black image instead: {}", source, e.getMessage());
                return placed(new Loaded(failed(request.knownShape()), new int[3]), into, at);
            }
            FloatImage coloured = o.colorMode.apply(image);
            return placed(new Loaded(views(coloured, null), new int[] {coloured.height(), coloured.width(), coloured.channels()}), into, at);
        }
        // with a target size and no regions, the decoded rows stream straight into the resize
        boolean streaming = o.targetSize != null && o.rois.isEmpty() && o.colorMode != ColorMode.BAYER;
        ImageDecoder.Decoded decoded;
        try {
            byte[] bytes = o.io.readFile(path);
            decoded = streaming && o.jpegReducedScale ? ImageDecoder.rowsForTarget(bytes, o.targetSize[0], o.targetSize[1])
                    : ImageDecoder.rows(bytes);
        } catch (RuntimeException e) {
            LOG.warn("Could not load image '{}', using a black image instead: {}", path, e.getMessage());
            return placed(new Loaded(failed(request.knownShape()), new int[3]), into, at);
        }
        if (streaming) {
            PixelRows rows = decoded.rows().inColorMode(o.colorMode);
            int[] fileShape = {decoded.fileHeight(), decoded.fileWidth(), rows.channels()};
            if (into != null && !o.keepAspectRatio) {
                int length = o.targetSize[0] * o.targetSize[1] * rows.channels();
                Resize.resize(rows, decoded.ys(), decoded.xs(), o.targetSize[0], o.targetSize[1], o.resizeMethod, o.antialias, into, at);
                o.rescale.applyInPlace(into, at, at + length);
                return new Loaded(List.of(), fileShape);
            }
            FloatImage view = fit(rows, decoded.ys(), decoded.xs());
            o.rescale.applyInPlace(view.data());
            return placed(new Loaded(List.of(view), fileShape), into, at);
        }
        FloatImage image = decoded.rows().toImage();
        FloatImage coloured = o.colorMode.apply(image);
        return placed(new Loaded(views(coloured, null), new int[] {coloured.height(), coloured.width(), coloured.channels()}), into, at);
    }

    /** The sample's single image copied into {@code into[at]} (when given). */
    private Loaded placed(Loaded loaded, float[] into, int at) {
        if (into == null) {
            return loaded;
        }
        float[] values = loaded.images().get(0).data();
        int[] shape = outputShape(0);
        if (values.length != shape[0] * shape[1] * shape[2]) {
            throw new IllegalStateException("An image of " + values.length + " values for a batch of " + Arrays.toString(shape));
        }
        System.arraycopy(values, 0, into, at, values.length);
        return new Loaded(List.of(), loaded.fileShape());
    }

    /**
     * Black images (0 before the rescale) in the shape of each output; without a target size or regions, of
     * {@code known} ({height, width} of the sample's view, from its bbox or size columns) when given.
     */
    private List<FloatImage> failed(int[] known) {
        List<FloatImage> out = new ArrayList<>();
        boolean ofView = known != null && o.targetSize == null && o.rois.isEmpty()
                && (long) known[0] * known[1] * 3 <= MAX_VIEW_VALUES;
        for (int i = 0; i < outputsPerSample(); i++) {
            int[] shape = ofView ? new int[] {known[0], known[1], o.colorMode.channels()} : outputShape(i);
            if (ofView && o.colorMode == ColorMode.BAYER) {
                shape = new int[] {(known[0] + 1) / 2, (known[1] + 1) / 2, 3};
            }
            float[] values = new float[shape[0] * shape[1] * shape[2]];
            Arrays.fill(values, o.rescale.offset());
            out.add(new FloatImage(shape[0], shape[1], shape[2], values));
        }
        return out;
    }

    /** Regions, resize, pad and rescale of the coloured image; {@code input} is never changed. */
    private List<FloatImage> views(FloatImage coloured, FloatImage input) {
        List<FloatImage> crops;
        if (o.rois.isEmpty()) {
            crops = List.of(coloured);
        } else {
            crops = o.rois.stream().map(r -> r.crop(coloured)).toList();
            if (o.roiMode == RoiMode.CONCATENATE_HEIGHT) {
                crops = List.of(concatenateHeight(crops));
            }
        }
        List<FloatImage> out = new ArrayList<>(crops.size());
        for (FloatImage crop : crops) {
            FloatImage view = fit(crop);
            if (!o.rescale.isIdentity()) {
                if (view == input) {
                    view = view.copy();
                }
                o.rescale.applyInPlace(view.data());
            }
            out.add(view);
        }
        return out;
    }

    /** Resize and pad to the target size (TensorFlow's resize, then {@code tf.pad}); the input itself when nothing changes. */
    private FloatImage fit(FloatImage image) {
        if (o.targetSize == null) {
            return image;
        }
        if (image.height() == 0 || image.width() == 0) {
            return FloatImage.zeros(o.targetSize[0], o.targetSize[1], image.channels());
        }
        return fit(PixelRows.of(image), SampleGrid.full(image.height()), SampleGrid.full(image.width()));
    }

    /**
     * As {@link #fit(FloatImage)} for rows that sample a file on the grids {@code ys} and {@code xs} (every
     * pixel, or a reduced-scale decode); a target size is set, the rows are not empty.
     */
    private FloatImage fit(PixelRows rows, SampleGrid ys, SampleGrid xs) {
        int th = o.targetSize[0];
        int tw = o.targetSize[1];
        if (!o.keepAspectRatio) {
            return Resize.resize(rows, ys, xs, th, tw, o.resizeMethod, o.antialias);
        }
        int[] size = Resize.aspectPreservingSize(ys.fileSize(), xs.fileSize(), th, tw);
        FloatImage resized = Resize.resize(rows, ys, xs, size[0], size[1], o.resizeMethod, o.antialias);
        return Padding.pad(resized, th, tw, o.paddingMode, o.centerPadding);
    }

    private static FloatImage concatenateHeight(List<FloatImage> crops) {
        if (crops.size() == 1) {
            return crops.get(0);
        }
        FloatImage first = crops.get(0);
        int height = crops.stream().mapToInt(FloatImage::height).sum();
        float[] out = new float[height * first.width() * first.channels()];
        int at = 0;
        for (FloatImage crop : crops) {
            System.arraycopy(crop.data(), 0, out, at, crop.data().length);
            at += crop.data().length;
        }
        return new FloatImage(height, first.width(), first.channels(), out);
    }

    // ---- the batch step ----

    /**
     * Loads every sample's image; adds {@code outputKey} (NHWC; N×T×H×W×C for {@code as_timeseries};
     * {@code outputKey_i} per region for roi mode {@code none}) and {@value #FILE_SHAPE_KEY}.
     */
    @Override
    public Batch apply(Batch batch, StepRandom random) {
        String[] paths = batch.strings(o.pathKey);
        String[] buckets = batch.has("bucket") && batch.get("bucket") instanceof String[] b ? b : null;
        int n = outputsPerSample();
        List<List<FloatImage>> perOutput = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            perOutput.add(new ArrayList<>(paths.length));
        }
        // one image of the target size per sample: each goes straight into the batch's array
        int[] shape = outputShape(0);
        int each = shape[0] * shape[1] * shape[2];
        float[] images = n == 1 && o.targetSize != null ? new float[paths.length * each] : null;
        float[] shapes = new float[paths.length * 3];
        for (int s = 0; s < paths.length; s++) {
            Loaded loaded = loadSample(paths[s], buckets == null ? null : buckets[s], ViewColumns.request(batch, s), images, s * each);
            for (int i = 0; i < loaded.images().size(); i++) {
                perOutput.get(i).add(loaded.images().get(i));
            }
            for (int d = 0; d < 3; d++) {
                shapes[3 * s + d] = loaded.fileShape()[d];
            }
        }
        Batch out = batch.with(FILE_SHAPE_KEY, new Tensor(shapes, paths.length, 3));
        if (images != null) {
            return out.with(o.outputKey, new Tensor(images, paths.length, shape[0], shape[1], shape[2]));
        }
        if (n == 1) {
            return out.with(o.outputKey, stack(perOutput.get(0), paths));
        }
        if (o.roiMode == RoiMode.AS_TIMESERIES) {
            List<Tensor> samples = new ArrayList<>(paths.length);
            for (int s = 0; s < paths.length; s++) {
                List<FloatImage> series = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    series.add(perOutput.get(i).get(s));
                }
                samples.add(FloatImage.stack(series));
            }
            return out.with(o.outputKey, paths.length == 0 ? emptyBatch(5) : Tensor.stack(samples));
        }
        for (int i = 0; i < n; i++) {
            out = out.with(o.outputKey + "_" + i, stack(perOutput.get(i), paths));
        }
        return out;
    }

    private Tensor emptyBatch(int rank) {
        int[] shape = new int[rank];
        int[] image = outputShape(0);
        for (int d = 0; d < 3; d++) {
            shape[rank - 3 + d] = image[d];
        }
        if (rank == 5) {
            shape[1] = outputsPerSample();
        }
        return Tensor.zeros(shape);
    }

    private Tensor stack(List<FloatImage> images, String[] paths) {
        if (images.isEmpty()) {
            return emptyBatch(4);
        }
        FloatImage first = images.get(0);
        for (int s = 1; s < images.size(); s++) {
            FloatImage other = images.get(s);
            if (other.height() != first.height() || other.width() != first.width() || other.channels() != first.channels()) {
                throw new IllegalStateException("Images of different sizes cannot share a batch: '" + paths[0] + "' is "
                        + shape(first) + " but '" + paths[s] + "' is " + shape(other)
                        + "; give the image pipeline a target size (targetSize(height, width))");
            }
        }
        return FloatImage.stack(images);
    }

    private static String shape(FloatImage image) {
        return image.height() + "x" + image.width() + "x" + image.channels();
    }

    @Override
    public String toString() {
        return "ImagePipeline(targetSize=" + (o.targetSize == null ? "none" : o.targetSize[0] + "x" + o.targetSize[1])
                + (o.rois.isEmpty() ? "" : ", rois=" + o.rois + ", roiMode=" + o.roiMode)
                + ", colorMode=" + o.colorMode
                + ", resizeMethod=" + o.resizeMethod + ", antialias=" + o.antialias
                + ", keepAspectRatio=" + o.keepAspectRatio
                + (o.keepAspectRatio ? ", paddingMode=" + o.paddingMode + ", centerPadding=" + o.centerPadding : "")
                + ", rescale=" + o.rescale
                + ", pathKey=" + o.pathKey + ", outputKey=" + o.outputKey
                + (o.jpegReducedScale ? ", jpegReducedScale=true" : "") + ")";
    }
}
