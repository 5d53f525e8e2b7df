package ai.brevetti.training;

import ai.brevetti.data.samples.Tabular;
import ai.brevetti.internal.TextTable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * The metrics of every epoch a {@link Trainer} ran, in order; a table (Keras' {@code pd.DataFrame(history.history)}):
 * one row per epoch, a column per metric, and {@code seconds}, shown as HTML in notebooks and as aligned text at
 * the terminal.
 */
public final class History implements Tabular {
    /**
     * One epoch: its number (from 0), its metrics ({@code loss}, {@code accuracy}, {@code val_loss},
     * {@code val_accuracy}), how long it took, evaluation included, and its data wait: the share of the
     * training steps' time (from asking the generator for a batch to the end of the optimizer step; not the
     * evaluation) spent waiting for the generator's next batch, from 0 to 1. A wait near 0 means the generator
     * (decode, resize, augment, on its own threads, ahead of the steps) keeps up; a high one means the trainer
     * is starved of data (more generator workers, a cheaper pipeline, or a faster decoder would help).
     */
    public record Epoch(int epoch, Map<String, Double> logs, double seconds, double dataWait) {
        public Epoch {
            logs = Collections.unmodifiableMap(new LinkedHashMap<>(logs));
            if (!(dataWait >= 0 && dataWait <= 1)) {
                throw new IllegalArgumentException("The data wait is a share of the step time, from 0 to 1, not " + dataWait);
            }
        }
    }

    private final List<Epoch> epochs = new ArrayList<>();

    /** A history of these epochs (say, read back from a run's metrics), in order. */
    public static History of(List<Epoch> epochs) {
        History history = new History();
        epochs.forEach(history::add);
        return history;
    }

    void add(Epoch epoch) {
        epochs.add(epoch);
    }

    public List<Epoch> epochs() {
        return List.copyOf(epochs);
    }

    public int size() {
        return epochs.size();
    }

    public Optional<Epoch> last() {
        return epochs.isEmpty() ? Optional.empty() : Optional.of(epochs.get(epochs.size() - 1));
    }

    /** One metric over the epochs (epochs without it are skipped). */
    public List<Double> values(String key) {
        return epochs.stream().map(e -> e.logs().get(key)).filter(v -> v != null).toList();
    }

    /** The data wait of every epoch, in order (see {@link Epoch#dataWait}). */
    public List<Double> dataWaits() {
        return epochs.stream().map(Epoch::dataWait).toList();
    }

    /** The total time of the epochs, in seconds. */
    public double seconds() {
        return epochs.stream().mapToDouble(Epoch::seconds).sum();
    }

    /**
     * {@code epoch}, then each metric in the order the epochs first report them (empty where one lacks it), {@code seconds}
     * and {@code data_wait} (see {@link Epoch#dataWait}).
     */
    @Override
    public Table table() {
        java.util.LinkedHashSet<String> keys = new java.util.LinkedHashSet<>();
        epochs.forEach(e -> keys.addAll(e.logs().keySet()));
        Table table = Table.create("history", IntColumn.create("epoch", epochs.stream().mapToInt(Epoch::epoch).toArray()));
        for (String key : keys) {
            DoubleColumn column = DoubleColumn.create(key);
            epochs.forEach(e -> {
                Double v = e.logs().get(key);
                if (v == null) {
                    column.appendMissing();
                } else {
                    column.append(v);
                }
            });
            table.addColumns(column);
        }
        return table.addColumns(DoubleColumn.create("seconds", epochs.stream().mapToDouble(Epoch::seconds).toArray()),
                DoubleColumn.create("data_wait", epochs.stream().mapToDouble(Epoch::dataWait).toArray()));
    }

    /** The table as aligned text under {@code History[3 epochs]}, fitted to the terminal. */
    @Override
    public String toString() {
        return TextTable.render("History[" + epochs.size() + (epochs.size() == 1 ? " epoch]" : " epochs]"), table(), false, 100);
    }
}
