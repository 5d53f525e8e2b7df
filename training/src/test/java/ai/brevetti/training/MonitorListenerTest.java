package ai.brevetti.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.brevetti.interfaces.monitor.RemoteMonitor;
import ai.brevetti.io.IoTools;
import ai.brevetti.testing.Captured;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.evaluator.Evaluator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A DJL training's epochs reach the remote monitor ({@link MonitorListener}, {@link DjlMetrics}). */
class MonitorListenerTest {

    /** An evaluator with fixed accumulator values (DJL's TF engine cannot train, so no real trainer here). */
    static final class Fixed extends Evaluator {
        final Map<String, Float> values;

        Fixed(String name, Map<String, Float> values) {
            super(name);
            this.values = values;
        }

        @Override
        public NDArray evaluate(NDList labels, NDList predictions) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void addAccumulator(String key) {
        }

        @Override
        public void updateAccumulator(String key, NDList labels, NDList predictions) {
        }

        @Override
        public void resetAccumulator(String key) {
        }

        @Override
        public float getAccumulator(String key) {
            Float v = values.get(key);
            if (v == null) {
                throw new IllegalArgumentException("No accumulator " + key);
            }
            return v;
        }
    }

    @Test
    void djlEvaluatorsAreNamedAsKerasLogs() {
        Evaluator loss = new Fixed("SoftmaxCrossEntropyLoss", Map.of("train/epoch", 0.9f, "validate/epoch", 1.1f));
        Evaluator accuracy = new Fixed("Accuracy", Map.of("train/epoch", 0.5f, "validate/epoch", Float.NaN));
        Evaluator diverged = new Fixed("Other", Map.of("train/epoch", Float.NaN));
        Map<String, Object> logs = DjlMetrics.fromEvaluators(List.of(accuracy, diverged, loss), loss);
        assertEquals(List.of("loss", "Accuracy", "Other", "val_loss"), List.copyOf(logs.keySet()),
                "NaN validation (no validation data) left out; a NaN training value kept");
        assertEquals(0.9, logs.get("loss"));
        assertEquals(0.5, logs.get("Accuracy"));
        assertNull(logs.get("Other"));
        assertEquals(1.1, logs.get("val_loss"));

        Map<String, Float> latest = new LinkedHashMap<>();
        latest.put("train_Accuracy", 0.75f);
        latest.put("validate_Accuracy", 0.5f);
        latest.put("train_SoftmaxCrossEntropyLoss", 0.25f);
        latest.put("validate_SoftmaxCrossEntropyLoss", 0.5f);
        latest.put("train_loss", 0.25f);
        latest.put("validate_loss", 0.5f);
        assertEquals(Map.of("loss", 0.25, "Accuracy", 0.75, "val_loss", 0.5, "val_Accuracy", 0.5),
                DjlMetrics.fromEvaluations(latest, List.of("Accuracy")));
    }

    /**
     * The listener numbers the epochs from 0, starts again with each training, flushes at its end, and an
     * epoch whose metrics cannot be read (here: no trainer to read them from) is still sent, alone, with
     * a warning: the training goes on.
     */
    @Test
    void epochsCountFromZeroPerTrainingAndUnreadableMetricsSendTheEpochAlone(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("artifacts/remotemonitor.jsonl");
        try (RemoteMonitor monitor = RemoteMonitor.toJsonLines(new IoTools(), file.toString())) {
            MonitorListener listener = new MonitorListener(monitor);
            Captured<Void> run = Captured.run(() -> {
                listener.onTrainingBegin(null);
                listener.onEpoch(null);
                listener.onEpoch(null);
                listener.onTrainingEnd(null);
                listener.onTrainingBegin(null);
                listener.onEpoch(null);
                return null;
            });
            assertTrue(run.err.contains("MonitorListener: cannot read the metrics of epoch 0"), run.err);
            assertEquals(List.of("{\"epoch\": 0}", "{\"epoch\": 1}", "{\"epoch\": 0}"), Files.readAllLines(file));
        }
    }
}
