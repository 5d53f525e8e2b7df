package ai.brevetti.data.samples;

import ai.brevetti.internal.TextTable;
import java.util.AbstractMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Values by name, in order (metrics, weights): a read-only map that is also a two-column table (the names, then
 * the values), shown as an HTML table in notebooks and as aligned text at the terminal. Numbers are a number
 * column; a table of other values (settings) is text.
 *
 * @param <V> the values' type
 */
public final class NamedValues<V> extends AbstractMap<String, V> implements Tabular {
    private final String title;
    private final String nameColumn;
    private final String valueColumn;
    private final Map<String, V> values;

    /**
     * {@code values} in their iteration order, as a table titled {@code title} with the columns
     * {@code nameColumn} and {@code valueColumn}.
     */
    public NamedValues(String title, String nameColumn, String valueColumn, Map<String, ? extends V> values) {
        this.title = title;
        this.nameColumn = nameColumn;
        this.valueColumn = valueColumn;
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    @Override
    public Set<Entry<String, V>> entrySet() {
        return values.entrySet();
    }

    @Override
    public V get(Object key) {
        return values.get(key);
    }

    @Override
    public boolean containsKey(Object key) {
        return values.containsKey(key);
    }

    @Override
    public Table table() {
        StringColumn names = StringColumn.create(nameColumn, values.keySet());
        Table table = Table.create(title, names);
        if (values.values().stream().allMatch(v -> v instanceof Number)) {
            DoubleColumn numbers = DoubleColumn.create(valueColumn);
            values.values().forEach(v -> numbers.append(((Number) v).doubleValue()));
            return table.addColumns(numbers);
        }
        StringColumn texts = StringColumn.create(valueColumn);
        values.values().forEach(v -> texts.append(String.valueOf(v)));
        return table.addColumns(texts);
    }

    /** The table as aligned text under its title, fitted to the terminal. */
    @Override
    public String toString() {
        return TextTable.render(title + " [" + size() + "]", table(), false, 100);
    }
}
