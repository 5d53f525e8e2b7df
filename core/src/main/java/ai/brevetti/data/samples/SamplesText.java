package ai.brevetti.data.samples;

import java.util.ArrayList;
import java.util.List;

/** Text and HTML renderings of samples, long cells shortened with "..." as pandas does. */
final class SamplesText {
    static final int MAX_CELL = 50;

    private SamplesText() {}

    static String shorten(String cell) {
        return cell.length() <= MAX_CELL ? cell : cell.substring(0, MAX_CELL - 3) + "...";
    }

    static String render(Samples samples, int maxRows) {
        List<String> columns = samples.columnNames();
        int rows = Math.min(maxRows, samples.size());
        List<String[]> cells = new ArrayList<>();
        cells.add(columns.toArray(String[]::new));
        for (int r = 0; r < rows; r++) {
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
        StringBuilder out = new StringBuilder("Samples[" + samples.size() + " rows]\n");
        int index = String.valueOf(Math.max(0, rows - 1)).length();
        for (int i = 0; i < cells.size(); i++) {
            out.append(i == 0 ? " ".repeat(index) : pad(String.valueOf(i - 1), index));
            String[] line = cells.get(i);
            for (int c = 0; c < line.length; c++) {
                out.append("  ").append(pad(line[c], widths[c]));
            }
            out.append('\n');
        }
        if (samples.size() > rows) {
            out.append("... ").append(samples.size() - rows).append(" more rows\n");
        }
        return out.toString();
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
