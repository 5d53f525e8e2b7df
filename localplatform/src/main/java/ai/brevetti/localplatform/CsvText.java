package ai.brevetti.localplatform;

import com.univocity.parsers.common.TextParsingException;
import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

/**
 * A CSV artifact read for a page: its header and at most {@code maxRows} rows (empty cells as ""), and
 * whether more rows followed. Quoting and line breaks as the CSV writers (Tablesaw, pandas) produce them.
 */
record CsvText(List<String> header, List<List<String>> rows, boolean truncated) {

    /**
     * Parses {@code text}.
     *
     * @throws IllegalArgumentException naming {@code name} when the text is not CSV or has no header
     */
    static CsvText parse(String name, String text, int maxRows) {
        CsvParser parser = new CsvParser(settings());
        try {
            parser.beginParsing(new StringReader(text.startsWith("\uFEFF") ? text.substring(1) : text));
            String[] header = parser.parseNext();
            if (header == null) {
                throw new IllegalArgumentException(name + " is empty: no CSV header");
            }
            List<List<String>> rows = new ArrayList<>();
            String[] row;
            boolean more = false;
            while ((row = parser.parseNext()) != null) {
                if (rows.size() == maxRows) {
                    more = true;
                    break;
                }
                rows.add(List.of(row));
            }
            return new CsvText(List.of(header), rows, more);
        } catch (TextParsingException e) {
            throw new IllegalArgumentException(name + " is not readable as CSV (line " + (e.getLineIndex() + 1) + "): "
                    + String.valueOf(e.getMessage()).lines().findFirst().orElse(""), e);
        } finally {
            parser.stopParsing();
        }
    }

    /**
     * Reads {@code text} row by row without keeping it: {@code onHeader} gets the header and answers what
     * takes each following row (empty cells as "").
     *
     * @throws IllegalArgumentException naming {@code name} when the text is not CSV or has no header
     */
    static void stream(String name, String text, java.util.function.Function<List<String>, java.util.function.Consumer<String[]>> onHeader) {
        CsvParser parser = new CsvParser(settings());
        try {
            parser.beginParsing(new StringReader(text.startsWith("\uFEFF") ? text.substring(1) : text));
            String[] header = parser.parseNext();
            if (header == null) {
                throw new IllegalArgumentException(name + " is empty: no CSV header");
            }
            java.util.function.Consumer<String[]> rows = onHeader.apply(List.of(header));
            String[] row;
            while ((row = parser.parseNext()) != null) {
                rows.accept(row);
            }
        } catch (TextParsingException e) {
            throw new IllegalArgumentException(name + " is not readable as CSV (line " + (e.getLineIndex() + 1) + "): "
                    + String.valueOf(e.getMessage()).lines().findFirst().orElse(""), e);
        } finally {
            parser.stopParsing();
        }
    }

    private static CsvParserSettings settings() {
        CsvParserSettings settings = new CsvParserSettings();
        settings.setLineSeparatorDetectionEnabled(true);
        settings.setNullValue("");
        settings.setEmptyValue("");
        settings.setMaxCharsPerColumn(1_000_000);
        settings.setMaxColumns(10_000);
        return settings;
    }

    /** The index of {@code column} in the header, -1 when it has none. */
    int column(String column) {
        return header.indexOf(column);
    }

    /** Row {@code r}'s value of column {@code c} ("" when the row is shorter). */
    String get(int r, int c) {
        List<String> row = rows.get(r);
        return c < 0 || c >= row.size() ? "" : row.get(c);
    }
}
