package ai.brevetti.data.samples;

import java.util.List;
import java.util.Optional;
import tech.tablesaw.api.Table;

/** One row of a {@link Samples} table, read in place (a view, valid while the table is unchanged). */
public final class Sample {
    private final Table table;
    private final int row;

    Sample(Table table, int row) {
        this.table = table;
        this.row = row;
    }

    /** The row's index in its table. */
    public int index() {
        return row;
    }

    /** The value of a column ({@code ""} when missing). */
    public String get(String column) {
        return table.column(column).getString(row);
    }

    /** The sample's classes: one for most samples, several for a multi-class mapping. */
    public List<String> category() {
        return Samples.categories(get("category"));
    }

    public String folder() {
        return get("folder");
    }

    public String path() {
        return get("path");
    }

    public String etag() {
        return get("etag");
    }

    /** The purpose ({@code train}, {@code devel}, {@code test}) once assigned. */
    public Optional<String> purpose() {
        return table.containsColumn("purpose") ? Optional.of(get("purpose")).filter(p -> !p.isEmpty()) : Optional.empty();
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("Sample[");
        for (String c : table.columnNames()) {
            out.append(out.length() > 7 ? ", " : "").append(c).append('=').append(get(c));
        }
        return out.append(']').toString();
    }
}
