package ai.brevetti.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.FloatColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * A table as aligned text for the terminal and JShell, the one text form of every table the project shows
 * (samples, counts, metrics, histories, listings). Long cells are shortened in the middle ({@link TextCells#shorten}),
 * numbers are right-aligned and decimals shown to six significant digits. The text fits {@code width} (columns that
 * do not fit are named below the table) and stays under {@value #MAX_CHARS} characters, JShell's limit for showing a
 * value, which cuts longer ones in the middle, silently losing rows: rows that do not fit are counted below instead.
 */
public final class TextTable {
    /** JShell shows at most this many characters of a value. */
    public static final int MAX_CHARS = 1000;
    /** The widest cell before it is shortened in the middle. */
    public static final int MAX_CELL = 50;

    private TextTable() {}

    /** {@code table} under a {@code title} line, fitted to the terminal ({@link TextCells#terminalColumns}). */
    public static String render(String title, Table table, boolean numbered, int maxRows) {
        return render(title, table, numbered, maxRows, TextCells.terminalColumns(), MAX_CHARS);
    }

    /**
     * {@code title}, then the column names and the first {@code maxRows} rows (each with its row number when
     * {@code numbered}), at most {@code width} characters a line and {@code maxChars} in all; what is left out is
     * counted below ({@code ... 3 more rows (of 12)}, {@code ... 2 more columns: a, b}).
     */
    public static String render(String title, Table table, boolean numbered, int maxRows, int width, int maxChars) {
        List<String> columns = table.columnNames();
        int candidates = Math.max(0, Math.min(maxRows, table.rowCount()));
        int index = numbered ? String.valueOf(Math.max(0, candidates - 1)).length() : 0;
        boolean[] right = new boolean[columns.size()];
        List<String[]> cells = new ArrayList<>();
        cells.add(columns.toArray(String[]::new));
        for (int c = 0; c < columns.size(); c++) {
            right[c] = table.column(c) instanceof NumericColumn<?>;
        }
        for (int r = 0; r < candidates; r++) {
            String[] line = new String[columns.size()];
            for (int c = 0; c < line.length; c++) {
                line[c] = TextCells.shorten(cell(table.column(c), r), MAX_CELL);
            }
            cells.add(line);
        }
        int[] widths = new int[columns.size()];
        for (String[] line : cells) {
            for (int c = 0; c < line.length; c++) {
                widths[c] = Math.max(widths[c], line[c].length());
            }
        }
        // JShell shows at most maxChars of a value: lines narrower than the terminal when the rows need it
        int budget = maxChars - 90 - title.length() - names(columns).length();   // room for "$1 ==> " and the notes
        width = Math.min(width, Math.max(60, budget / (candidates + 2) - 1));
        int gap = numbered ? 2 : 0;
        int shown = 0;
        int used = index;
        while (shown < columns.size() && (shown == 0 || used + 2 + widths[shown] <= width)) {
            used += (shown == 0 ? gap : 2) + widths[shown];
            shown++;
        }
        if (shown == 1 && used > width) {
            widths[0] = Math.max(4, width - index - gap);
            for (String[] line : cells) {
                line[0] = TextCells.shorten(line[0], widths[0]);
            }
        }
        List<String> hidden = columns.subList(shown, columns.size());
        StringBuilder out = new StringBuilder(title).append('\n');
        String hiddenNote = hidden.isEmpty() ? "" : "... " + hidden.size() + (hidden.size() == 1 ? " more column: " : " more columns: ")
                + names(hidden) + "\n";
        int rows = 0;
        for (int i = 0; i < cells.size(); i++) {
            StringBuilder line = new StringBuilder(!numbered ? "" : i == 0 ? " ".repeat(index) : pad(String.valueOf(i - 1), index, false));
            for (int c = 0; c < shown; c++) {
                line.append(c == 0 ? " ".repeat(gap) : "  ").append(pad(cells.get(i)[c], widths[c], right[c]));
            }
            String text = line.toString().stripTrailing();
            if (i > 0 && out.length() + text.length() + 1 > budget) {
                break;
            }
            out.append(text).append('\n');
            rows = i;
        }
        if (table.rowCount() > rows) {
            out.append("... ").append(table.rowCount() - rows).append(" more rows (of ").append(table.rowCount()).append(")\n");
        }
        return out.append(hiddenNote).toString();
    }

    /**
     * A cell for people to read: decimals without a needless {@code .0} and with at most six significant digits
     * ({@code 0.333333}, {@code 1.5e-07}), whole-number columns exactly, anything else as Tablesaw prints it;
     * missing values empty.
     */
    public static String cell(Column<?> column, int row) {
        if (column.isMissing(row)) {
            return "";
        }
        if (column instanceof DoubleColumn || column instanceof FloatColumn) {
            return number(((NumericColumn<?>) column).getDouble(row));
        }
        return column.getString(row);
    }

    /** A number as {@link #cell} shows it. */
    public static String number(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return String.valueOf(value);
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return String.valueOf((long) value);
        }
        String text = String.format(Locale.ROOT, "%.6g", value);
        int exponent = text.indexOf('e');
        String mantissa = exponent < 0 ? text : text.substring(0, exponent);
        if (mantissa.contains(".")) {
            mantissa = mantissa.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return exponent < 0 ? mantissa : mantissa + text.substring(exponent);
    }

    /** The first 12 names, then "..." for the rest: a note that stays short whatever the table. */
    private static String names(List<String> columns) {
        return columns.size() <= 12 ? String.join(", ", columns) : String.join(", ", columns.subList(0, 12)) + ", ...";
    }

    private static String pad(String s, int width, boolean right) {
        if (s.length() >= width) {
            return s;
        }
        return right ? " ".repeat(width - s.length()) + s : s + " ".repeat(width - s.length());
    }
}
