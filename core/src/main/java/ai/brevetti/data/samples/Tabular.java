package ai.brevetti.data.samples;

import tech.tablesaw.api.Table;

/**
 * A summary that is a table: {@code counts()}, metrics, a training history, a job's datasets. A notebook shows
 * {@link #table()} as an HTML table; {@code toString()} is the same table as aligned text fitted to the
 * terminal's width, every row shown or counted (JShell prints it so). A summary keeps the type users rely on
 * besides: {@link Counts} and {@link NamedValues} are read-only maps.
 */
public interface Tabular {
    /** The summary as a Tablesaw table. */
    Table table();
}
