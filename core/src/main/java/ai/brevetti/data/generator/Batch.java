package ai.brevetti.data.generator;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A batch: named columns over the same samples, each a {@code String[]} (sample columns such as
 * {@code path}, {@code category}) or a {@link Tensor} whose first axis is the batch (such as {@code img},
 * {@code onehot}). Immutable: {@link #with} returns a new batch. A batch knows its epoch and the
 * positions of its samples in that epoch, which is what each sample's randomness is derived from.
 */
public final class Batch {
    private final Map<String, Object> columns;
    private final int size;
    private final int epoch;
    private final long[] positions;

    Batch(Map<String, Object> columns, int size, int epoch, long[] positions) {
        this.columns = Collections.unmodifiableMap(new LinkedHashMap<>(columns));
        this.size = size;
        this.epoch = epoch;
        this.positions = positions;
        this.columns.forEach(this::check);
    }

    /** A batch of the given columns, as for epoch 0 with positions 0..n-1 (for tests and hand-made batches). */
    public static Batch of(Map<String, Object> columns) {
        int size = columns.values().stream().findFirst().map(Batch::length).orElse(0);
        long[] positions = new long[size];
        Arrays.setAll(positions, i -> i);
        return new Batch(columns, size, 0, positions);
    }

    private static int length(Object column) {
        if (column instanceof String[] s) {
            return s.length;
        }
        if (column instanceof Tensor t) {
            return t.rank() == 0 ? 0 : t.dim(0);
        }
        throw new IllegalArgumentException("A batch column is a String[] or a Tensor, not " + column.getClass().getName());
    }

    private void check(String key, Object column) {
        if (length(column) != size) {
            throw new IllegalArgumentException("Column '" + key + "' has " + length(column) + " entries in a batch of " + size);
        }
    }

    public int size() {
        return size;
    }

    /** The epoch the batch belongs to (0-based). */
    public int epoch() {
        return epoch;
    }

    /** Each sample's position in its epoch's sample stream. */
    public long position(int sample) {
        return positions[sample];
    }

    public Set<String> keys() {
        return columns.keySet();
    }

    public boolean has(String key) {
        return columns.containsKey(key);
    }

    public Object get(String key) {
        Object c = columns.get(key);
        if (c == null) {
            throw new IllegalArgumentException("No column '" + key + "' in the batch; it has " + columns.keySet());
        }
        return c;
    }

    public String[] strings(String key) {
        Object c = get(key);
        if (!(c instanceof String[] s)) {
            throw new IllegalArgumentException("Column '" + key + "' holds arrays, not text");
        }
        return s;
    }

    public Tensor tensor(String key) {
        Object c = get(key);
        if (!(c instanceof Tensor t)) {
            throw new IllegalArgumentException("Column '" + key + "' holds text, not arrays");
        }
        return t;
    }

    /** A new batch with {@code key} set (added at the end or replaced in place). */
    public Batch with(String key, Object column) {
        Map<String, Object> next = new LinkedHashMap<>(columns);
        next.put(key, column);
        return new Batch(next, size, epoch, positions);
    }

    public Batch without(String key) {
        Map<String, Object> next = new LinkedHashMap<>(columns);
        next.remove(key);
        return new Batch(next, size, epoch, positions);
    }

    /**
     * What a structure picks: one key gives that column, several give a list of columns in that order,
     * none (null or empty) gives the whole batch.
     */
    public Object select(List<String> structure) {
        if (structure == null || structure.isEmpty()) {
            return this;
        }
        if (structure.size() == 1) {
            return get(structure.get(0));
        }
        return structure.stream().map(this::get).toList();
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("Batch[" + size + " samples, epoch " + epoch + ": ");
        boolean first = true;
        for (Map.Entry<String, Object> e : columns.entrySet()) {
            out.append(first ? "" : ", ").append(e.getKey()).append('=')
                    .append(e.getValue() instanceof Tensor t ? t.toString() : "text");
            first = false;
        }
        return out.append(']').toString();
    }
}
