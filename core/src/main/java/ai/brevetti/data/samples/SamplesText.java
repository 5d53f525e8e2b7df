package ai.brevetti.data.samples;

import ai.brevetti.internal.TextCells;
import java.util.ArrayList;
import java.util.List;

/**
 * Text and HTML renderings of samples. Long cells are shortened in the middle, so paths keep their file
 * names ({@link TextCells#shorten}). The text fits the terminal's width (columns that do not fit are named
 * below the table) and stays under {@value #MAX_CHARS} characters, JShell's limit for showing a value, which
 * cuts longer ones in the middle, silently losing rows: rows that do not fit are counted below instead.
 */
final class SamplesText {
    static final int MAX_CELL = 50;
    static final int MAX_CHARS = 1000;

    private SamplesText() {}

    static String shorten(String cell) {
        return TextCells.shorten(cell, MAX_CELL);
    }

    static String render(Samples samples, int maxRows) {
        return render(samples, maxRows, TextCells.terminalColumns(), MAX_CHARS);
    }

    static String render(Samples samples, int maxRows, int width, int maxChars) {
        List<String> columns = samples.columnNames();
        int candidates = Math.min(maxRows, samples.size());
        int index = String.valueOf(Math.max(0, candidates - 1)).length();
        List<String[]> cells = new ArrayList<>();
        cells.add(columns.toArray(String[]::new));
        for (int r = 0; r < candidates; r++) {
            String[] line = new String[columns.size()];
            for (int c = 0; c < line.length; c++) {
                line[c] = shorten(samples.get(r, columns.get(c)));
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
        int budget = maxChars - 90 - names(columns).length();   // room for "$1 ==> " and the notes
        width = Math.min(width, Math.max(60, budget / (candidates + 2) - 1));
        int shown = 0;
        int used = index;
        while (shown < columns.size() && (shown == 0 || used + 2 + widths[shown] <= width)) {
            used += 2 + widths[shown];
            shown++;
        }
        if (shown == 1 && used > width) {
            widths[0] = Math.max(4, width - index - 2);
            for (String[] line : cells) {
                line[0] = TextCells.shorten(line[0], widths[0]);
            }
        }
        List<String> hidden = columns.subList(shown, columns.size());
        StringBuilder out = new StringBuilder("Samples[" + samples.size() + " rows]\n");
        String hiddenNote = hidden.isEmpty() ? "" : "... " + hidden.size() + (hidden.size() == 1 ? " more column: " : " more columns: ")
                + names(hidden) + "\n";
        int rows = 0;
        for (int i = 0; i < cells.size(); i++) {
            StringBuilder line = new StringBuilder(i == 0 ? " ".repeat(index) : pad(String.valueOf(i - 1), index));
            for (int c = 0; c < shown; c++) {
                line.append("  ").append(pad(cells.get(i)[c], widths[c]));
            }
            String text = line.toString().stripTrailing();
            if (i > 0 && out.length() + text.length() + 1 > budget) {
                break;
            }
            out.append(text).append('\n');
            rows = i;
        }
        if (samples.size() > rows) {
            out.append("... ").append(samples.size() - rows).append(" more rows (of ").append(samples.size()).append(")\n");
        }
        return out.append(hiddenNote).toString();
    }

    /** The first 12 names, then "…" for the rest: a note that stays short whatever the table. */
    private static String names(List<String> columns) {
        return columns.size() <= 12 ? String.join(", ", columns) : String.join(", ", columns.subList(0, 12)) + ", ...";
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }

    static String html(Samples samples, int maxRows) {
        StringBuilder out = new StringBuilder("<table class=\"dataframe\" border=\"1\">\n<thead><tr style=\"text-align: right;\"><th></th>");
        for (String c : samples.columnNames()) {
            out.append("<th>").append(escape(c)).append("</th>");
        }
        out.append("</tr></thead>\n<tbody>\n");
        int rows = Math.min(maxRows, samples.size());
        for (int r = 0; r < rows; r++) {
            out.append("<tr><th>").append(r).append("</th>");
            for (String c : samples.columnNames()) {
                out.append("<td>").append(escape(shorten(samples.get(r, c)))).append("</td>");
            }
            out.append("</tr>\n");
        }
        out.append("</tbody>\n</table>");
        if (samples.size() > rows) {
            out.append("\n<p>").append(samples.size()).append(" rows</p>");
        }
        return out.toString();
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
