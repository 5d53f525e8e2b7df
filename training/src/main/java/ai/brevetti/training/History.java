package ai.brevetti.training;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The metrics of every epoch a {@link Trainer} ran, in order. */
public final class History {
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

    @Override
    public String toString() {
        return "History[" + epochs.size() + " epochs" + last().map(e -> ", last " + e.logs()).orElse("") + "]";
    }
}
