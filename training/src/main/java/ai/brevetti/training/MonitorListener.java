package ai.brevetti.training;

import ai.brevetti.interfaces.monitor.RemoteMonitor;
import ai.djl.training.listener.TrainingListener;
import java.util.Objects;

/**
 * Reports a DJL training's epochs to a {@link RemoteMonitor} (the model page's training progress): after
 * each epoch, its metrics named as Keras names its logs ({@code loss}, each evaluator by name, then
 * {@code val_loss} and {@code val_<name>} when there was validation data), epochs counted from 0 and
 * restarting with each training. The monitor is flushed when the training ends.
 *
 * <pre>{@code
 * RemoteMonitor monitor = job.getRemoteMonitor();
 * trainingConfig.addTrainingListeners(new MonitorListener(monitor));
 * }</pre>
 *
 * <p>With this module's {@link Trainer}, pass the monitor itself: {@code trainer.listener(monitor::onEpochEnd)}.
 * Like the monitor, the listener never fails the training: an epoch whose metrics cannot be read is sent
 * alone, with a warning.
 */
public final class MonitorListener implements TrainingListener {
    private final RemoteMonitor monitor;
    private int epoch;

    /** @param monitor where the epochs go, e.g. {@code job.getRemoteMonitor()} */
    public MonitorListener(RemoteMonitor monitor) {
        this.monitor = Objects.requireNonNull(monitor, "monitor");
    }

    /** The monitor the epochs go to. */
    public RemoteMonitor monitor() {
        return monitor;
    }

    /** Starts a training: epochs count from 0 again. */
    @Override
    public void onTrainingBegin(ai.djl.training.Trainer trainer) {
        epoch = 0;
    }

    /** An epoch ended: sends its metrics ({@code loss}, each evaluator, {@code val_…}). */
    @Override
    public void onEpoch(ai.djl.training.Trainer trainer) {
        int finished = epoch++;
        monitor.onEpochEnd(finished, DjlMetrics.ofEpoch(trainer, this, finished));
    }

    @Override
    public void onTrainingBatch(ai.djl.training.Trainer trainer, BatchData batchData) {
        // per epoch only
    }

    @Override
    public void onValidationBatch(ai.djl.training.Trainer trainer, BatchData batchData) {
        // per epoch only
    }

    /** The training ended: sends what is still buffered. */
    @Override
    public void onTrainingEnd(ai.djl.training.Trainer trainer) {
        monitor.flush();
    }

    @Override
    public String toString() {
        return "MonitorListener[" + monitor + "]";
    }
}
