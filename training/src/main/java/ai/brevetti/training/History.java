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
     * {@code val_accuracy}) and how long it took, evaluation included.
     */
    public record Epoch(int epoch, Map<String, Double> logs, double seconds) {
        public Epoch {
            logs = Collections.unmodifiableMap(new LinkedHashMap<>(logs));
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

    /** The total time of the epochs, in seconds. */
    public double seconds() {
        return epochs.stream().mapToDouble(Epoch::seconds).sum();
    }

    /** {@code epoch}, then each metric in the order the epochs first report them (empty where one lacks it), {@code seconds}. */
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
        return table.addColumns(DoubleColumn.create("seconds", epochs.stream().mapToDouble(Epoch::seconds).toArray()));
    }

    /** The table as aligned text under {@code History[3 epochs]}, fitted to the terminal. */
    @Override
    public String toString() {
        return TextTable.render("History[" + epochs.size() + (epochs.size() == 1 ? " epoch]" : " epochs]"), table(), false, 100);
    }
}
