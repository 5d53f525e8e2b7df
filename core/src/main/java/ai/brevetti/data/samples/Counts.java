package ai.brevetti.data.samples;

import ai.brevetti.internal.TextTable;
import java.util.AbstractMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Rows per value (pandas' {@code value_counts()}), most frequent first: a read-only map from the value (a
 * {@code String} for one column, a {@code List<String>} for several) to its number of rows, and a table
 * ({@link #table()}: one column per counted column, then {@code count}), which a notebook shows as an HTML
 * table. {@code toString()} is the same table as aligned text (as pandas prints {@code value_counts()}), fitted to
 * the terminal with every row shown or counted.
 *
 * @param <K> {@code String} or {@code List<String>}
 */
public final class Counts<K> extends AbstractMap<K, Integer> implements Tabular {
    private final List<String> columns;
    private final Map<K, Integer> counts;

    Counts(List<String> columns, Map<K, Integer> counts) {
        this.columns = List.copyOf(columns);
        this.counts = Collections.unmodifiableMap(new LinkedHashMap<>(counts));
    }

    /** The counted columns. */
    public List<String> columns() {
        return columns;
    }

    @Override
    public Set<Entry<K, Integer>> entrySet() {
        return counts.entrySet();
    }

    @Override
    public Integer get(Object key) {
        return counts.get(key);
    }

    @Override
    public boolean containsKey(Object key) {
        return counts.containsKey(key);
    }

    /** The counts as a table: the counted columns' values, then {@code count}; most frequent first. */
    @Override
    public Table table() {
        Table table = Table.create("counts by " + String.join(", ", columns));
        for (int c = 0; c < columns.size(); c++) {
            StringColumn values = StringColumn.create(columns.get(c));
            for (K key : counts.keySet()) {
                values.append(key instanceof List<?> parts ? String.valueOf(parts.get(c)) : String.valueOf(key));
            }
            table.addColumns(values);
        }
        IntColumn count = IntColumn.create("count");
        counts.values().forEach(count::append);
        return table.addColumns(count);
    }

    /** The table as text: {@code Counts by category [2 values, 12 rows]}, then the aligned rows. */
    @Override
    public String toString() {
        int rows = counts.values().stream().mapToInt(Integer::intValue).sum();
        return TextTable.render("Counts by " + String.join(", ", columns) + " [" + counts.size() + (counts.size() == 1 ? " value, " : " values, ")
                + rows + (rows == 1 ? " row]" : " rows]"), table(), false, 100);
    }
}
