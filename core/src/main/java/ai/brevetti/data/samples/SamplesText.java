package ai.brevetti.data.samples;

import ai.brevetti.internal.TextCells;
import ai.brevetti.internal.TextTable;

/**
 * Text and HTML renderings of samples. Long cells are shortened in the middle, so paths keep their file
 * names ({@link TextCells#shorten}). The text is the project's one text table ({@link TextTable}): it fits the
 * terminal's width and stays under JShell's limit for showing a value, counting the rows it leaves out.
 */
final class SamplesText {
    static final int MAX_CELL = 50;
    static final int MAX_CHARS = TextTable.MAX_CHARS;

    private SamplesText() {}

    static String shorten(String cell) {
        return TextCells.shorten(cell, MAX_CELL);
    }

    static String render(Samples samples, int maxRows) {
        return render(samples, maxRows, TextCells.terminalColumns(), MAX_CHARS);
    }

    static String render(Samples samples, int maxRows, int width, int maxChars) {
        return TextTable.render("Samples[" + samples.size() + " rows]", samples.table(), true, maxRows, width, maxChars);
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
