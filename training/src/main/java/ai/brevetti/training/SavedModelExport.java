package ai.brevetti.training;

import ai.brevetti.internal.Json;
import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.SessionFunction;

/**
 * A trained {@link GraphModel} as a TensorFlow SavedModel directory, loadable by TensorFlow (Python's
 * {@code tf.saved_model.load}, TF Serving) and by DJL ({@link Predictor}):
 *
 * <pre>
 * saved_model.pb               the graph and the {@code serving_default} signature (tag {@code serve}):
 *                              input {@code image} float32 (-1, height, width, channels),
 *                              output {@code probabilities} float32 (-1, classes)
 * variables/variables.*        the weights
 * assets.extra/classes.json    the class names in output order, e.g. ["good", "missing_cap", "failed_cap"]
 * </pre>
 *
 * The images must be prepared as for training (same size, same rescaling).
 */
public final class SavedModelExport {
    /** The serving signature's key. */
    public static final String SIGNATURE = "serving_default";
    /** The SavedModel tag the graph is saved under. */
    public static final String TAG = "serve";
    /** The class names, relative to the model directory. */
    public static final String CLASSES = "assets.extra/classes.json";

    private SavedModelExport() {}

    /**
     * Writes {@code model} with {@code classes} (one per output, in order) to {@code dir}, which must not
     * exist or be empty.
     */
    public static Path write(GraphModel model, List<String> classes, Path dir) {
        if (classes.size() != model.classes()) {
            throw new IllegalArgumentException("The model has " + model.classes() + " outputs, but " + classes.size() + " class names were given: " + classes);
        }
        try {
            if (Files.isDirectory(dir)) {
                try (Stream<Path> entries = Files.list(dir)) {
                    if (entries.findAny().isPresent()) {
                        throw new IllegalArgumentException("Cannot export the model into '" + dir + "': it is not empty");
                    }
                }
            }
            Files.createDirectories(dir);
            SavedModelBundle.exporter(dir.toString()).withTags(TAG)
                    .withFunction(SessionFunction.create(model.servingSignature(), model.session())).export();
            Path classesFile = dir.resolve(CLASSES);
            Files.createDirectories(classesFile.getParent());
            Files.writeString(classesFile, Json.writePretty(classes));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot export the model into '" + dir + "': " + e.getMessage(), e);
        }
    }

    /** The class names saved with a model. */
    public static List<String> readClasses(Path dir) {
        Path file = dir.resolve(CLASSES);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("The model in '" + dir + "' has no class names (" + CLASSES + ")");
        }
        try {
            return Json.mapper().readValue(file.toFile(), new TypeReference<List<String>>() { });
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the class names in '" + file + "': " + e.getMessage(), e);
        }
    }
}
