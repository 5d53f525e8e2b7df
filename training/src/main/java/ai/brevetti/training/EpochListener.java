package ai.brevetti.training;

import java.util.Map;

/**
 * Called by {@link Trainer} after every epoch, e.g. to post the metrics to the platform (a remote
 * monitor) or to stop watching a progress bar.
 */
@FunctionalInterface
public interface EpochListener {
    /**
     * @param epoch the epoch just finished, counted from 0 (as Keras)
     * @param logs  its metrics, in this order: {@code loss}, {@code accuracy} (training, the means over the
     *              epoch's batches), then {@code val_loss}, {@code val_accuracy} (devel, after the epoch)
     *              when there is a devel generator
     */
    void onEpochEnd(int epoch, Map<String, Double> logs);
}
