package ai.brevetti.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.brevetti.data.samples.Samples;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The parts of a multi-instance test report, each predicting a shard, merge into exactly the predictions
 * of one instance predicting every sample: same rows, same order, same probabilities to the bit.
 */
class PredictionsMergeTest {
    static final List<String> CLASSES = List.of("good", "missing_cap", "failed_cap");

    /** Samples with a row that appears twice (the same file listed in two datasets' views would). */
    static Samples samples() {
        List<String> categories = List.of("good", "good", "missing_cap", "failed_cap", "good", "failed_cap", "missing_cap", "good");
        List<String> paths = List.of("s3://b/d/good/3.bmp", "s3://b/d/good/1.bmp", "s3://b/d/missing_cap/2.bmp",
                "s3://b/d/failed_cap/9.bmp", "s3://b/d/good/2.bmp", "s3://b/d/failed_cap/1.bmp", "s3://b/d/missing_cap/7.bmp",
                "s3://b/d/good/3.bmp");
        return Samples.of(Table.create("samples", StringColumn.create("category", categories), StringColumn.create("path", paths)));
    }

    /** What one instance predicting {@code rows} of the samples (in that order) gives. */
    static Predictions predict(Samples samples, List<Integer> rows, float[][] probabilities) {
        Predictions.Rows out = new Predictions.Rows(samples.columnNames(), CLASSES);
        for (int r : rows) {
            out.add(List.of(samples.get(r, "category"), samples.get(r, "path")), probabilities[r]);
        }
        return out.build();
    }

    static float[][] probabilities(int n) {
        Random random = new Random(7);
        float[][] p = new float[n][];
        for (int i = 0; i < n; i++) {
            float a = random.nextFloat();
            float b = random.nextFloat() * (1 - a);
            p[i] = new float[] {a, b, 1 - a - b};
        }
        p[3] = new float[] {1e-8f, 0.1f, 0.9f - 1e-8f};
        p[7] = p[0]; // the same image: the same prediction
        return p;
    }

    static void assertSame(Predictions expected, Predictions actual) {
        assertEquals(expected.table().columnNames(), actual.table().columnNames());
        for (String column : expected.table().columnNames()) {
            assertEquals(expected.table().column(column).asList(), actual.table().column(column).asList(), column);
        }
        assertEquals(expected.classes(), actual.classes());
    }

    @Test
    void partsOfShardsMergeIntoTheSingleInstancesPredictions() {
        Samples samples = samples();
        float[][] p = probabilities(samples.size());
        Predictions whole = predict(samples, List.of(0, 1, 2, 3, 4, 5, 6, 7), p);
        // three instances, each its every-third sample (as DataGenerator.shard takes them), handed in through JSON
        List<Predictions> parts = new ArrayList<>();
        for (List<Integer> shard : List.of(List.of(7, 1, 4), List.of(2, 5), List.of(3, 0, 6))) {
            parts.add(Predictions.fromJson(predict(samples, shard, p).toJson()));
        }
        Predictions merged = Predictions.merge(samples, parts);
        assertSame(whole, merged);
        assertEquals(whole.accuracy(), merged.accuracy());
        assertSame(whole, Predictions.fromJson(whole.toJson()));
        assertEquals(List.of("category", "path"), merged.sampleColumns());
    }

    @Test
    void aSampleLeftOutOrPredictedTwiceOrAnotherModelIsRefused() {
        Samples samples = samples();
        float[][] p = probabilities(samples.size());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> Predictions.merge(samples,
                List.of(predict(samples, List.of(0, 1, 2, 3), p), predict(samples, List.of(4, 6, 7), p))));
        assertEquals("Sample 6 of 8 (s3://b/d/failed_cap/1.bmp) has no prediction in any of the 2 parts: an instance left it out",
                missing.getMessage());
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class, () -> Predictions.merge(samples,
                List.of(predict(samples, List.of(0, 1, 2, 3, 4), p), predict(samples, List.of(4, 5, 6, 7), p))));
        assertTrue(twice.getMessage().startsWith("1 prediction(s) of the parts are of no sample"), twice.getMessage());

        Predictions.Rows other = new Predictions.Rows(samples.columnNames(), List.of("ok", "bad"));
        other.add(List.of("good", "s3://b/d/good/3.bmp"), new float[] {0.5f, 0.5f});
        IllegalArgumentException model = assertThrows(IllegalArgumentException.class, () -> Predictions.merge(samples,
                List.of(predict(samples, List.of(1), p), other.build())));
        assertTrue(model.getMessage().contains("come from different models or samples"), model.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Predictions.fromJson("{\"classes\": []}".getBytes()));
    }
}
