package ai.brevetti.data.samples;

import ai.brevetti.data.generator.DataGenerator;
import ai.brevetti.data.split.SampleSplit;
import ai.brevetti.io.IoTools;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Predicate;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.columns.Column;
import tech.tablesaw.api.Table;
import tech.tablesaw.selection.BitmapBackedSelection;
import tech.tablesaw.selection.Selection;

/**
 * A table of samples (one row per image), on Tablesaw: columns {@code category, folder, path, etag,
 * bucket, dataset, dataset_id, reference, url}, and {@code purpose} after a split. All columns are text;
 * a multi-class category is its classes joined by {@code |}. Operations return new {@code Samples};
 * {@link #table()} is the underlying Tablesaw table. The samples remember the {@link IoTools} they were
 * listed with, to read their files.
 */
public final class Samples implements Iterable<Sample> {
    /** The listing's columns, in order. */
    public static final List<String> COLUMNS = List.of("category", "folder", "path", "etag", "bucket", "dataset",
            "dataset_id", "reference", "url");
    /** Separates the classes of a multi-class category. */
    public static final String CLASS_SEPARATOR = "|";

    private final Table table;
    private final IoTools io;

    public Samples(Table table, IoTools io) {
        this.table = table;
        this.io = io;
    }

    /** Samples over a table, reading files through a plain (local) {@link IoTools}. */
    public static Samples of(Table table) {
        return new Samples(table, new IoTools());
    }

    /** An empty table with the listing's columns. */
    public static Samples empty(IoTools io) {
        Table t = Table.create("samples");
        COLUMNS.forEach(c -> t.addColumns(StringColumn.create(c)));
        return new Samples(t, io);
    }

    /** The classes of a category cell. */
    public static List<String> categories(String cell) {
        if (cell == null || cell.isEmpty()) {
            return List.of();
        }
        return List.of(cell.split("\\|", -1));
    }

    /** The category cell of classes. */
    public static String category(Collection<String> classes) {
        for (String c : classes) {
            if (c.contains(CLASS_SEPARATOR)) {
                throw new IllegalArgumentException("Class name '" + c + "' contains '" + CLASS_SEPARATOR + "', which separates classes");
            }
        }
        return String.join(CLASS_SEPARATOR, classes);
    }

    /** The underlying Tablesaw table (changing it changes these samples). */
    public Table table() {
        return table;
    }

    /** The storage the samples' files are read through. */
    public IoTools io() {
        return io;
    }

    public int size() {
        return table.rowCount();
    }

    public boolean isEmpty() {
        return table.isEmpty();
    }

    public List<String> columnNames() {
        return table.columnNames();
    }

    public boolean has(String column) {
        return table.containsColumn(column);
    }

    /** The column of that name, of any type (values are read as text). */
    private Column<?> col(String column) {
        if (!table.containsColumn(column)) {
            throw new IllegalArgumentException("No column '" + column + "' in the samples; they have " + table.columnNames());
        }
        return table.column(column);
    }

    private List<String> texts(String column) {
        return Arrays.asList(columnArray(column));
    }

    /** The value in {@code row} of {@code column}, as text (numbers as Tablesaw prints them). */
    public String get(int row, String column) {
        return col(column).getString(row);
    }

    public Sample get(int row) {
        if (row < 0 || row >= size()) {
            throw new IndexOutOfBoundsException("Row " + row + " of " + size() + " samples");
        }
        return new Sample(table, row);
    }

    /** The values of a column, in row order. */
    public List<String> column(String column) {
        return texts(column);
    }

    /** The values of a column as a new array (fast access for large tables). */
    public String[] columnArray(String column) {
        Column<?> c = col(column);
        String[] out = new String[c.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = c.getString(i);
        }
        return out;
    }

    /** The distinct values of a column, in order of first appearance (pandas' {@code unique()}). */
    public List<String> unique(String column) {
        return List.copyOf(new LinkedHashSet<>(texts(column)));
    }

    /** The distinct classes of the {@code category} column, sorted. */
    public List<String> classes() {
        return texts("category").stream().flatMap(c -> categories(c).stream()).distinct().sorted().toList();
    }

    /** Value → number of rows, most frequent first (pandas' {@code value_counts()}); a table in notebooks. */
    public Counts<String> counts(String column) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String v : columnArray(column)) {
            counts.merge(v, 1, Integer::sum);
        }
        Map<String, Integer> sorted = new LinkedHashMap<>();
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return new Counts<>(List.of(column), sorted);
    }

    /** Rows per combination of {@code columns}, most frequent first; a table in notebooks. */
    public Counts<List<String>> counts(String... columns) {
        List<Column<?>> cols = Arrays.stream(columns).<Column<?>>map(this::col).toList();
        Map<List<String>, Integer> counts = new LinkedHashMap<>();
        for (int r = 0; r < size(); r++) {
            int row = r;
            counts.merge(cols.stream().map(c -> c.getString(row)).toList(), 1, Integer::sum);
        }
        Map<List<String>, Integer> sorted = new LinkedHashMap<>();
        counts.entrySet().stream().sorted(Map.Entry.<List<String>, Integer>comparingByValue().reversed()
                        .thenComparing(e -> String.join("\u0000", e.getKey())))
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return new Counts<>(List.of(columns), sorted);
    }

    public Samples head(int n) {
        return new Samples(table.first(Math.min(n, size())), io);
    }

    public Samples tail(int n) {
        return new Samples(table.last(Math.min(n, size())), io);
    }

    /** The rows for which {@code keep} is true. */
    public Samples where(Predicate<Sample> keep) {
        Selection selection = new BitmapBackedSelection();
        for (int r = 0; r < size(); r++) {
            if (keep.test(new Sample(table, r))) {
                selection.add(r);
            }
        }
        return new Samples(table.where(selection), io);
    }

    /** The rows whose {@code column} equals {@code value}. */
    public Samples where(String column, String value) {
        Column<?> c = col(column);
        Selection rows = new BitmapBackedSelection();
        for (int r = 0; r < c.size(); r++) {
            if (value.equals(c.getString(r))) {
                rows.add(r);
            }
        }
        return new Samples(table.where(rows), io);
    }

    /** The rows a Tablesaw selection picks. */
    public Samples where(Selection selection) {
        return new Samples(table.where(selection), io);
    }

    /** A copy with {@code column} set to {@code values} (added at the end, or replaced in place). */
    public Samples withColumn(String column, List<String> values) {
        if (values.size() != size()) {
            throw new IllegalArgumentException("Column '" + column + "' has " + values.size() + " values for " + size() + " samples");
        }
        StringColumn c = StringColumn.create(column, values);
        // columns are shared with this table, not copied: samples never change a table they were given
        Table next = Table.create(table.name());
        for (String name : table.columnNames()) {
            next.addColumns(name.equals(column) ? c : table.column(name));
        }
        if (!table.containsColumn(column)) {
            next.addColumns(c);
        }
        return new Samples(next, io);
    }

    /** Sorted by {@code columns} (text order, stable). */
    public Samples sortBy(String... columns) {
        for (String c : columns) {
            col(c);
        }
        return columns.length == 0 ? this : new Samples(table.sortAscendingOn(columns), io);
    }

    /** The samples of several tables, one after the other (columns of the first). */
    public static Samples concat(List<Samples> parts) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("Nothing to concatenate");
        }
        Table joined = parts.get(0).table.copy();
        for (Samples p : parts.subList(1, parts.size())) {
            joined.append(p.table.selectColumns(joined.columnNames().toArray(String[]::new)));
        }
        return new Samples(joined, parts.get(0).io);
    }

    /**
     * Split into train and devel with the default {@link SampleSplit} (80 %, duplicates together), seeded
     * with 1 so the fluent chain is reproducible.
     */
    public Samples split() {
        return split(new SampleSplit().seed(1));
    }

    /** Split into train and devel with {@code split}. */
    public Samples split(SampleSplit split) {
        return split.assign(this, "train", "devel");
    }

    /** The samples of one purpose ({@code train}, {@code devel}, {@code test}). */
    public Samples purpose(String purpose) {
        if (!has(SampleSplit.PURPOSE)) {
            throw new IllegalStateException("The samples have no purpose yet; split() them first");
        }
        return where(SampleSplit.PURPOSE, purpose);
    }

    /** A data generator over these samples (batch 32, seed 1; change either with its options). */
    public DataGenerator generator() {
        return new DataGenerator(this).seed(1);
    }

    @Override
    public Iterator<Sample> iterator() {
        return new Iterator<>() {
            int next;

            @Override
            public boolean hasNext() {
                return next < size();
            }

            @Override
            public Sample next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return new Sample(table, next++);
            }
        };
    }

    /** The first rows as text, paths shortened like pandas does. */
    @Override
    public String toString() {
        return SamplesText.render(this, 10);
    }

    /** The first {@code maxRows} rows as an HTML table (for notebooks). */
    public String toHtml(int maxRows) {
        return SamplesText.html(this, maxRows);
    }
}
