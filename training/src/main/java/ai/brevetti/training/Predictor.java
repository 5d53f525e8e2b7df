package ai.brevetti.training;

import ai.brevetti.data.generator.Batch;
import ai.brevetti.internal.Progress;
import ai.brevetti.data.generator.DataGenerator;
import ai.brevetti.data.generator.Tensor;
import ai.brevetti.data.image.ImagePipeline;
import ai.brevetti.data.samples.Samples;
import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.NoopTranslator;
import ai.djl.translate.TranslateException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A SavedModel written by {@link SavedModelExport}, loaded through DJL ({@code Criteria} on the
 * TensorFlow engine, {@code serving_default} signature), predicting images, generators and samples:
 *
 * <pre>{@code
 * try (Predictor model = Predictor.load(Path.of("model"))) {
 *     Predictions p = model.predict(samples, imagePipeline(64, 64));   // as the model was trained
 *     p.table();                                                       // samples + prob_<class> + prediction
 * }
 * }</pre>
 *
 * Images must be prepared as for training (size, rescaling). Not thread-safe; close it to free the model.
 */
public final class Predictor implements AutoCloseable {
    /** Samples per batch when predicting {@link Samples}. */
    public static final int BATCH_SIZE = 32;

    private final Path dir;
    private final List<String> classes;
    private final ZooModel<NDList, NDList> model;
    private final ai.djl.inference.Predictor<NDList, NDList> predictor;
    private final long[] inputShape;

    private Predictor(Path dir, List<String> classes, ZooModel<NDList, NDList> model) {
        this.dir = dir;
        this.classes = List.copyOf(classes);
        this.model = model;
        this.predictor = model.newPredictor();
        this.inputShape = model.describeInput().isEmpty() ? null : model.describeInput().get(0).getValue().getShape();
    }

    /**
     * Loads the SavedModel in {@code dir} (a directory with {@code saved_model.pb}, {@code variables/} and
     * {@code assets.extra/classes.json}).
     */
    public static Predictor load(Path dir) {
        checkModelDir(dir);
        List<String> classes = SavedModelExport.readClasses(dir);
        GraphModel.loadNatives();
        Criteria<NDList, NDList> criteria = Criteria.builder().setTypes(NDList.class, NDList.class).optModelPath(dir)
                .optEngine("TensorFlow").optTranslator(new NoopTranslator()).build();
        try {
            return new Predictor(dir, classes, criteria.loadModel());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot load the model in '" + dir + "': " + e.getMessage(), e);
        } catch (ModelNotFoundException | MalformedModelException e) {
            throw new IllegalArgumentException("Cannot load the model in '" + dir + "': " + e.getMessage(), e);
        }
    }

    private static void checkModelDir(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("No model directory at '" + dir + "'");
        }
        if (!Files.isRegularFile(dir.resolve("saved_model.pb"))) {
            String content;
            try (Stream<Path> entries = Files.list(dir)) {
                content = entries.map(p -> p.getFileName().toString()).sorted().limit(10).toList().toString();
            } catch (IOException e) {
                content = "(unreadable)";
            }
            throw new IllegalArgumentException("'" + dir + "' is not a TensorFlow SavedModel: it has no saved_model.pb (it holds "
                    + content + "); give the directory SavedModelExport wrote (an archive must be unpacked first)");
        }
    }

    public List<String> classes() {
        return classes;
    }

    public Path directory() {
        return dir;
    }

    /** The signature's input shape, e.g. {@code [-1, 64, 64, 3]} ({@code -1}: any batch size). */
    public long[] inputShape() {
        return inputShape == null ? null : inputShape.clone();
    }

    /** The class probabilities of an NHWC batch of images: {@code (batch, classes)}. */
    public Tensor predict(Tensor images) {
        checkImages(images);
        try (NDManager manager = model.getNDManager().newSubManager()) {
            NDArray x = manager.create(images.data(), new Shape(Arrays.stream(images.shape()).mapToLong(i -> i).toArray()));
            x.setName(GraphModel.IMAGE);
            NDList out = predictor.predict(new NDList(x));
            NDArray p = out.contains(GraphModel.PROBABILITIES) ? out.get(GraphModel.PROBABILITIES) : out.head();
            Tensor result = new Tensor(p.toFloatArray(), images.dim(0), classes.size());
            out.close();
            return result;
        } catch (TranslateException e) {
            throw new IllegalStateException("The model in '" + dir + "' failed to predict: " + e.getMessage(), e);
        }
    }

    private void checkImages(Tensor images) {
        if (inputShape == null || inputShape.length != 4) {
            return;
        }
        int[] s = images.shape();
        boolean fits = s.length == 4;
        for (int a = 1; fits && a < 4; a++) {
            fits = inputShape[a] < 0 || inputShape[a] == s[a];
        }
        if (!fits) {
            throw new IllegalArgumentException("The model takes NHWC images of " + Arrays.toString(Arrays.copyOfRange(inputShape, 1, 4))
                    + ", not " + Arrays.toString(s) + "; prepare the images as for training");
        }
    }

    /**
     * One pass over {@code generator} (its first epoch; give it no augmentation), images under
     * {@code "img"}: the generator's sample columns, probabilities and predictions.
     */
    public Predictions predict(DataGenerator generator) {
        return predict(generator, "img");
    }

    /** {@link #predict(DataGenerator)} with the images under {@code imageKey}. */
    public Predictions predict(DataGenerator generator, String imageKey) {
        List<String> columns = generator.samples().columnNames();
        Predictions.Rows rows = new Predictions.Rows(columns, classes);
        Iterator<Batch> batches = generator.iterator();
        int n = generator.length();
        try (Progress progress = Progress.start("Predicting (batches)", n)) {
            for (int b = 0; b < n; b++) {
                Batch batch = batches.next();
                Tensor probabilities = predict(batch.tensor(imageKey));
                List<String[]> values = new ArrayList<>();
                columns.forEach(c -> values.add(batch.strings(c)));
                for (int i = 0; i < batch.size(); i++) {
                    int sample = i;
                    rows.add(values.stream().map(v -> v[sample]).toList(), probabilities.slice(i).data());
                }
                progress.step();
            }
        }
        return rows.build();
    }

    /** The predictions of {@code samples}, loaded with {@code pipeline} (in batches of {@value #BATCH_SIZE}, in order). */
    public Predictions predict(Samples samples, ImagePipeline pipeline) {
        DataGenerator generator = new DataGenerator(samples).batchSize(BATCH_SIZE).seed(0).map(pipeline);
        return predict(generator, pipeline.outputKey());
    }

    @Override
    public void close() {
        predictor.close();
        model.close();
    }

    @Override
    public String toString() {
        return "Predictor[" + dir + ", classes " + classes + (inputShape == null ? "" : ", input " + Arrays.toString(inputShape)) + "]";
    }
}
