package ai.brevetti.dsl;

import ai.brevetti.data.generator.Batch;
import ai.brevetti.data.generator.DataGenerator;
import ai.brevetti.data.generator.OneHotEncoder;
import ai.brevetti.data.generator.Tensor;
import ai.brevetti.data.image.FloatImage;
import ai.brevetti.data.image.ImagePipeline;
import ai.brevetti.data.image.Tiles;
import ai.brevetti.data.image.augmentation.ImageAugmenter;
import ai.brevetti.data.samples.Samples;
import ai.brevetti.data.split.SampleSplit;
import ai.brevetti.demo.DemoSetup;
import ai.brevetti.platform.ApiKeyStore;
import ai.brevetti.platform.Job;
import ai.brevetti.platform.JobArgs;
import ai.brevetti.platform.Model;
import ai.brevetti.platform.NoJobException;
import ai.brevetti.settings.GenericSettings;
import ai.brevetti.settings.Settings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;

/**
 * The fluent DSL, imported statically by {@code startup.jsh}:
 *
 * <pre>{@code
 * job().datasets().first().samples().split().generator().map(imagePipeline(64, 64)).map(oneHot())
 * }</pre>
 *
 * {@code job()} is the current job: the one the script's or kernel's arguments name ({@code --job_dir},
 * {@code --job_id} …, or the environment), else the local platform's demo job (the platform is started
 * in this process when none is running). The classic API ({@code Job.init}, {@code SampleSplit},
 * {@code DataGenerator} …) works beside it.
 */
public final class Brevetti {
    private static Job<?> current;

    private Brevetti() {}

    /** The current job, started on first use. */
    @SuppressWarnings("unchecked")
    public static synchronized Job<GenericSettings> job() {
        if (current == null) {
            current = start(GenericSettings.class);
        }
        if (!(current.settings() instanceof GenericSettings)) {
            throw new IllegalStateException("The current job has typed settings (" + current.settings().getClass().getSimpleName()
                    + "); call job(" + current.settings().getClass().getSimpleName() + ".class)");
        }
        return (Job<GenericSettings>) current;
    }

    /** The current job with settings of {@code type} (the job is started again when its settings type differs). */
    @SuppressWarnings("unchecked")
    public static synchronized <S extends Settings> Job<S> job(Class<S> type) {
        if (current == null || !type.isInstance(current.settings())) {
            current = start(type);
        }
        return (Job<S>) current;
    }

    /** Starts a new current job from {@code args} (as a script's job arguments). */
    public static synchronized Job<GenericSettings> job(String... args) {
        JobArgs.set(List.of(args));
        current = start(GenericSettings.class);
        return job();
    }

    private static <S extends Settings> Job<S> start(Class<S> type) {
        try {
            return Job.init(type);
        } catch (NoJobException none) {
            String host = DemoSetup.localPlatform();
            ApiKeyStore keys = ApiKeyStore.forUser(System.getenv());
            Model model = DemoSetup.demoModel(host, keys);
            return Job.builder(type).jobId(model.id()).apiKey(keys.find(model.id()).orElseThrow().reveal()).host(host).init();
        }
    }

    /** Forgets the current job (the next {@code job()} starts one again). */
    public static synchronized void resetJob() {
        current = null;
    }

    // ---- steps and tools with defaults

    /** The default split: 80 % train, duplicates together, seed 1. */
    public static SampleSplit split() {
        return new SampleSplit().seed(1);
    }

    /** A generator over samples (batch 32, seed 1). */
    public static DataGenerator generator(Samples samples) {
        return samples.generator();
    }

    /** Images loaded and resized to {@code height × width} (bilinear, antialiased), values in [-1, 1] ("imagenet"). */
    public static ImagePipeline imagePipeline(int height, int width) {
        return new ImagePipeline().targetSize(height, width).antialias(true).rescale("imagenet");
    }

    /** The default augmentation (random flips, rotation, scale, shear, translation, noise, filtering). */
    public static ImageAugmenter augmenter() {
        return new ImageAugmenter();
    }

    /** A mosaic of a batch's images, row by row. */
    public static FloatImage tile2d(Tensor images, int rows, int cols) {
        return Tiles.tile2d(images, rows, cols);
    }

    /**
     * Python's {@code build_image_data_generator}: a generator over {@code samples} yielding
     * {@code ("img", "onehot")}, images loaded with {@code image}, augmented when {@code augmentation} is
     * given, one-hot over {@code classes} (null: the samples' classes). Seeded with {@code seed}; set the
     * batch size and shuffling on the result.
     */
    public static DataGenerator buildImageDataGenerator(Samples samples, List<String> classes, ImagePipeline image,
                                                        ImageAugmenter augmentation, long seed) {
        DataGenerator g = new DataGenerator(samples).seed(seed).outputStructure("img", "onehot").map(image);
        if (augmentation != null) {
            g = g.map(augmentation);
        }
        return g.map(classes == null ? OneHotEncoder.fromSamples() : new OneHotEncoder(classes));
    }

    /** {@link #buildImageDataGenerator(Samples, List, ImagePipeline, ImageAugmenter, long)} with the samples' classes, no augmentation, seed 1. */
    public static DataGenerator buildImageDataGenerator(Samples samples, ImagePipeline image) {
        return buildImageDataGenerator(samples, null, image, null, 1);
    }

    // ---- looking at things (in a notebook they render; in a terminal they print or become PNG files)

    /** The images of a batch's {@code img} column as one mosaic (a square-ish grid). */
    public static FloatImage show(Batch batch) {
        return show(batch, "img");
    }

    /** The images of a batch's array column {@code key} as one mosaic. */
    public static FloatImage show(Batch batch, String key) {
        return Tiles.tile2d(batch.tensor(key));
    }

    /** A batch of images (NHWC) as one mosaic. */
    public static FloatImage show(Tensor images) {
        return Tiles.tile2d(images);
    }

    /** A bar chart of named values (e.g. {@code samples.counts("folder")}). */
    public static CategoryChart plot(String title, Map<String, ? extends Number> bars) {
        CategoryChart chart = new CategoryChartBuilder().width(640).height(360).title(title).build();
        chart.getStyler().setLegendVisible(false);
        chart.addSeries(title, new ArrayList<>(bars.keySet()), new ArrayList<Number>(bars.values()));
        return chart;
    }

    /** A line chart of {@code y} against 0, 1, 2, … (e.g. a loss per epoch). */
    public static XYChart plot(String title, List<? extends Number> y) {
        XYChart chart = new XYChartBuilder().width(640).height(360).title(title).xAxisTitle("step").build();
        List<Number> x = new ArrayList<>();
        for (int i = 0; i < y.size(); i++) {
            x.add(i);
        }
        chart.addSeries(title, x, new ArrayList<Number>(y));
        return chart;
    }

    /** One-hot encoding of the samples' classes (taken from the generator's samples). */
    public static OneHotEncoder oneHot() {
        return OneHotEncoder.fromSamples();
    }

    /** One-hot encoding of these classes. */
    public static OneHotEncoder oneHot(List<String> classes) {
        return new OneHotEncoder(classes);
    }
}
