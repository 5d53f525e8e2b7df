package ai.brevetti.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.brevetti.data.generator.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Signature;
import tech.tablesaw.api.Table;

/** Export as a SavedModel, its serving signature, and inference through DJL. */
class SavedModelTest {
    private static final List<String> CLASSES = List.of("failed_cap", "good", "missing_cap");

    @TempDir
    Path dir;

    private static Trainer trained() {
        Trainer trainer = new Trainer(TinyVials.CNN).optimizer(Optimizer.adam(1e-2)).console(null);
        trainer.fit(TinyVials.generator(1, false), null, 2);
        return trainer;
    }

    @Test
    void theReloadedModelPredictsAsTheGraphInMemory() {
        Tensor images = TinyVials.generator(4, false).batchSize(24).first().tensor("img");
        try (Trainer trainer = trained()) {
            Tensor inMemory = trainer.model().predict(images);
            Path model = trainer.export(dir.resolve("model"));
            assertTrue(Files.isRegularFile(model.resolve("saved_model.pb")));
            assertTrue(Files.isDirectory(model.resolve("variables")));
            try (Predictor predictor = Predictor.load(model)) {
                assertEquals(CLASSES, predictor.classes());
                assertArrayEquals(new long[] {-1, 32, 32, 3}, predictor.inputShape());
                Tensor reloaded = predictor.predict(images);
                assertEquals("Tensor[24, 3]", reloaded.toString());
                for (int i = 0; i < inMemory.data().length; i++) {
                    assertEquals(inMemory.data()[i], reloaded.data()[i], 1e-5, "probability " + i);
                }
                IllegalArgumentException wrongSize = assertThrows(IllegalArgumentException.class, () -> predictor.predict(Tensor.zeros(1, 16, 16, 3)));
                assertTrue(wrongSize.getMessage().contains("[32, 32, 3]"), wrongSize.getMessage());
            }
        }
    }

    @Test
    void theServingSignatureTakesImageAndGivesProbabilities() throws Exception {
        try (Trainer trainer = trained()) {
            Path model = trainer.export(dir.resolve("model"));
            try (SavedModelBundle bundle = SavedModelBundle.load(model.toString(), SavedModelExport.TAG)) {
                Signature signature = bundle.function(SavedModelExport.SIGNATURE).signature();
                assertEquals("serving_default", signature.key());
                assertEquals(Set.of("image"), signature.inputNames());
                assertEquals(Set.of("probabilities"), signature.outputNames());
                assertArrayEquals(new long[] {-1, 32, 32, 3}, signature.getInputs().get("image").shape.asArray());
                assertArrayEquals(new long[] {-1, 3}, signature.getOutputs().get("probabilities").shape.asArray());
            }
            assertEquals(CLASSES, SavedModelExport.readClasses(model));
            assertEquals("[\"failed_cap\",\"good\",\"missing_cap\"]", Files.readString(model.resolve("assets.extra/classes.json")).replaceAll("\\s", ""));
        }
    }

    @Test
    void predictionsAreATableOfSamplesProbabilitiesAndTheMostProbableClass() throws Exception {
        List<ai.brevetti.internal.Progress.Update> updates = new java.util.ArrayList<>();
        try (Trainer trainer = trained(); Predictor predictor = Predictor.load(trainer.export(dir.resolve("model")))) {
            Predictions predictions;
            try (AutoCloseable l = ai.brevetti.internal.Progress.listen(updates::add)) {
                predictions = predictor.predict(TinyVials.samples(), TinyVials.pipeline());
            }
            assertEquals(List.of("Predicting (batches) 0/1", "Predicting (batches) 1/1", "Predicting (batches) 1/1 end"),
                    updates.stream().map(u -> u.task() + " " + u.done() + "/" + u.total() + (u.finished() ? " end" : "")).toList(),
                    "24 samples in a batch of 32");
            Table table = predictions.table();
            assertEquals(24, predictions.size());
            List<String> columns = table.columnNames();
            assertEquals(TinyVials.samples().columnNames(), columns.subList(0, TinyVials.samples().columnNames().size()));
            assertEquals(List.of("prob_failed_cap", "prob_good", "prob_missing_cap", "prediction"), columns.subList(columns.size() - 4, columns.size()));
            assertEquals(TinyVials.samples().column("path"), table.stringColumn("path").asList(), "in the samples' order");
            for (int r = 0; r < predictions.size(); r++) {
                double[] p = CLASSES.stream().mapToDouble(c -> 0).toArray();
                for (int k = 0; k < 3; k++) {
                    p[k] = predictions.probability(r, CLASSES.get(k));
                }
                assertEquals(1.0, p[0] + p[1] + p[2], 1e-5);
                int best = p[0] >= p[1] && p[0] >= p[2] ? 0 : p[1] >= p[2] ? 1 : 2;
                assertEquals(CLASSES.get(best), predictions.prediction(r));
            }
            double accuracy = predictions.accuracy().orElseThrow();
            assertTrue(accuracy >= 0 && accuracy <= 1);
            Path csv = predictions.writeCsv(dir.resolve("out/predictions.csv"));
            assertTrue(oneLine(csv).startsWith("category,folder,path,"), "CSV header");

            Predictions shuffled = predictor.predict(TinyVials.generator(3, false));
            Map<String, String> byPath = new java.util.HashMap<>();
            for (int r = 0; r < predictions.size(); r++) {
                byPath.put(table.stringColumn("path").get(r), predictions.prediction(r));
            }
            for (int r = 0; r < shuffled.size(); r++) {
                assertEquals(byPath.get(shuffled.table().stringColumn("path").get(r)), shuffled.prediction(r), "rows keep their samples");
            }
        }
    }

    @Test
    void aDirectoryWithoutSavedModelIsAClearError() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("not-a-model"));
        Files.writeString(empty.resolve("model.tar.gz"), "");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Predictor.load(empty));
        assertTrue(e.getMessage().contains("not a TensorFlow SavedModel: it has no saved_model.pb (it holds [model.tar.gz])"), e.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> Predictor.load(dir.resolve("nowhere")));
        assertTrue(missing.getMessage().startsWith("No model directory at"), missing.getMessage());
        try (Trainer trainer = trained()) {
            IllegalArgumentException full = assertThrows(IllegalArgumentException.class, () -> trainer.export(empty));
            assertTrue(full.getMessage().contains("not empty"), full.getMessage());
        }
        assertThrows(IllegalStateException.class, () -> new Trainer(TinyVials.CNN).export(dir.resolve("m")));
    }

    private static String oneLine(Path file) throws java.io.IOException {
        return Files.readString(file).lines().findFirst().orElse("").strip().replaceAll("\\s+", " ");
    }
}
