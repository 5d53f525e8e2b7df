package ai.brevetti.kernel;

import ai.brevetti.internal.TextCells;
import ai.brevetti.internal.TextTable;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/** A Tablesaw table as an HTML table for notebooks: the first rows, cells escaped, its size below. */
final class TableHtml {
    static final int MAX_ROWS = 50;
    static final int MAX_CELL = 80;

    private TableHtml() {}

    static String render(Table table, int maxRows) {
        StringBuilder out = new StringBuilder("<table class=\"dataframe\" border=\"1\">\n");
        if (table.name() != null && !table.name().isBlank()) {
            out.append("<caption>").append(escape(table.name())).append("</caption>\n");
        }
        out.append("<thead><tr style=\"text-align: right;\"><th></th>");
        for (Column<?> c : table.columns()) {
            out.append("<th>").append(escape(c.name())).append("</th>");
        }
        out.append("</tr></thead>\n<tbody>\n");
        int rows = Math.min(maxRows, table.rowCount());
        for (int r = 0; r < rows; r++) {
            out.append("<tr><th>").append(r).append("</th>");
            for (Column<?> c : table.columns()) {
                out.append("<td>").append(escape(shorten(TextTable.cell(c, r)))).append("</td>");
            }
            out.append("</tr>\n");
        }
        out.append("</tbody>\n</table>\n<p>").append(table.rowCount()).append(" rows × ").append(table.columnCount())
                .append(" columns").append(table.rowCount() > rows ? " (first " + rows + " shown)" : "").append("</p>");
        return out.toString();
    }

    private static String shorten(String cell) {
        return TextCells.shorten(cell, MAX_CELL);   // in the middle: a path keeps its file name
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
