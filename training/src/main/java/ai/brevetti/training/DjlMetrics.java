package ai.brevetti.training;

import ai.djl.training.Trainer;
import ai.djl.training.evaluator.Evaluator;
import ai.djl.training.listener.EvaluatorTrainingListener;
import ai.djl.training.listener.TrainingListener;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The metrics of the epoch a DJL trainer just finished, named as Keras names its logs: {@code loss},
 * each evaluator by its name, then {@code val_loss} and {@code val_<name>}. A validation value that is
 * NaN means there was no validation data and is left out; a NaN training value is kept (sent as null).
 */
final class DjlMetrics {
    private static final Logger LOG = LoggerFactory.getLogger(MonitorListener.class);

    private DjlMetrics() {
    }

    /**
     * The logs of epoch {@code epoch} ({@link #of}); none, with a warning, when the trainer cannot tell them:
     * the epoch is still reported and the training goes on.
     */
    static Map<String, Object> ofEpoch(Trainer trainer, TrainingListener self, int epoch) {
        try {
            return of(trainer, self);
        } catch (RuntimeException e) {
            LOG.warn("MonitorListener: cannot read the metrics of epoch {} ({}); sending the epoch alone", epoch, e.toString());
            return Map.of();
        }
    }

    /**
     * Reads the epoch's values. DJL's {@link EvaluatorTrainingListener} resets the evaluators in its own
     * {@code onEpoch}: listed before {@code self}, it has already done so and holds the values; listed
     * after it (or absent), the evaluators still hold them.
     */
    static Map<String, Object> of(Trainer trainer, TrainingListener self) {
        List<TrainingListener> listeners = new ArrayList<>();
        trainer.notifyListeners(listeners::add);
        int evaluatorListener = -1;
        int me = -1;
        for (int i = 0; i < listeners.size(); i++) {
            if (listeners.get(i) instanceof EvaluatorTrainingListener && evaluatorListener < 0) {
                evaluatorListener = i;
            }
            if (listeners.get(i) == self) {
                me = i;
            }
        }
        Evaluator loss = trainer.getLoss();
        if (evaluatorListener >= 0 && evaluatorListener < me) {
            List<String> names = trainer.getEvaluators().stream().filter(e -> e != loss).map(Evaluator::getName).toList();
            return fromEvaluations(trainer.getTrainingResult().getEvaluations(), names);
        }
        return fromEvaluators(trainer.getEvaluators(), loss);
    }

    /** From {@link EvaluatorTrainingListener#getLatestEvaluations()} ({@code train_<name>}, {@code validate_<name>}, {@code train_loss}). */
    static Map<String, Object> fromEvaluations(Map<String, Float> evaluations, List<String> metricNames) {
        Map<String, Object> train = new LinkedHashMap<>();
        Map<String, Object> validate = new LinkedHashMap<>();
        put(train, "loss", evaluations.get("train_loss"), false);
        put(validate, "val_loss", evaluations.get("validate_loss"), true);
        for (String name : metricNames) {
            put(train, name, evaluations.get("train_" + name), false);
            put(validate, "val_" + name, evaluations.get("validate_" + name), true);
        }
        train.putAll(validate);
        return train;
    }

    /** Straight from the evaluators' epoch accumulators. */
    static Map<String, Object> fromEvaluators(List<Evaluator> evaluators, Evaluator loss) {
        Map<String, Object> train = new LinkedHashMap<>();
        Map<String, Object> validate = new LinkedHashMap<>();
        if (loss != null) {
            put(train, "loss", accumulator(loss, EvaluatorTrainingListener.TRAIN_EPOCH), false);
            put(validate, "val_loss", accumulator(loss, EvaluatorTrainingListener.VALIDATE_EPOCH), true);
        }
        for (Evaluator e : evaluators) {
            if (e == loss) {
                continue;
            }
            put(train, e.getName(), accumulator(e, EvaluatorTrainingListener.TRAIN_EPOCH), false);
            put(validate, "val_" + e.getName(), accumulator(e, EvaluatorTrainingListener.VALIDATE_EPOCH), true);
        }
        train.putAll(validate);
        return train;
    }

    private static Float accumulator(Evaluator e, String key) {
        try {
            return e.getAccumulator(key);
        } catch (RuntimeException noSuchAccumulator) {
            return null;
        }
    }

    private static void put(Map<String, Object> out, String key, Float value, boolean validation) {
        if (value == null || (validation && value.isNaN())) {
            return;
        }
        // a float's shortest text (0.9, not 0.8999999761581421)
        out.put(key, value.isNaN() || value.isInfinite() ? null : Double.valueOf(Float.toString(value)));
    }
}
