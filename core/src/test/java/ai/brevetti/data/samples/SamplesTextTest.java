package ai.brevetti.data.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Samples as text: fitted to the terminal's width, under JShell's limit, nothing dropped without saying so. */
class SamplesTextTest {
    static Samples listing(int rows) {
        String[] category = new String[rows];
        String[] folder = new String[rows];
        String[] path = new String[rows];
        String[] etag = new String[rows];
        String[] url = new String[rows];
        for (int i = 0; i < rows; i++) {
            category[i] = i % 2 == 0 ? "good" : "missing_cap";
            folder[i] = category[i];
            path[i] = "/tmp/junit8472615/datasets/neurips_vials_train/" + folder[i] + "/image_" + i + ".bmp";
            etag[i] = "0123456789abcdef0123456789abcd" + String.format("%02d", i);
            url[i] = path[i];
        }
        return Samples.of(Table.create("s", StringColumn.create("category", category), StringColumn.create("folder", folder),
                StringColumn.create("path", path), StringColumn.create("etag", etag), StringColumn.create("url", url)));
    }

    @Test
    void aHeadOfFiveShowsItsFiveRowsInTheTerminalsWidthUnderJShellsLimit() {
        for (int width : new int[] {80, 120, 200}) {
            String text = SamplesText.render(listing(5), 10, width, SamplesText.MAX_CHARS);
            List<String> lines = Arrays.asList(text.split("\n"));
            assertTrue(text.length() < SamplesText.MAX_CHARS, width + ": " + text.length());
            assertTrue(lines.stream().allMatch(l -> l.length() <= width), width + ":\n" + text);
            for (int i = 0; i < 5; i++) {
                int row = i;
                assertTrue(lines.stream().anyMatch(l -> l.startsWith(row + "  ") && l.contains("image_" + row + ".bmp")),
                        width + ": row " + i + " with its file name:\n" + text);
            }
            assertFalse(text.contains("more rows"), text);
        }
        String narrow = SamplesText.render(listing(5), 10, 80, SamplesText.MAX_CHARS);
        assertTrue(narrow.contains("... 2 more columns: etag, url") || narrow.contains("more columns: "), narrow);
    }

    @Test
    void rowsThatDoNotFitAreCountedNotDropped() {
        String text = SamplesText.render(listing(30), 10, 200, SamplesText.MAX_CHARS);
        assertTrue(text.length() < SamplesText.MAX_CHARS, text);
        long shown = text.lines().filter(l -> l.matches("\\d+  .*")).count();
        assertTrue(shown >= 3, text);
        assertTrue(text.contains("... " + (30 - shown) + " more rows (of 30)"), text);
    }

    @Test
    void countsAreAMapAndATable() {
        Samples s = listing(5);
        Counts<String> counts = s.counts("folder");
        assertEquals(Map.of("good", 3, "missing_cap", 2), counts);
        assertEquals("""
                Counts by folder [2 values, 5 rows]
                folder       count
                good             3
                missing_cap      2
                """, counts.toString(), "a table as pandas prints value_counts(), not {good=3, missing_cap=2}");
        Table table = counts.table();
        assertEquals(List.of("folder", "count"), table.columnNames());
        assertEquals("good", table.stringColumn("folder").get(0));
        assertEquals(3, table.intColumn("count").get(0));
        Table both = s.counts("category", "folder").table();
        assertEquals(List.of("category", "folder", "count"), both.columnNames());
        assertEquals(2, both.rowCount());
    }

    @Test
    void aTableOfManyColumnsStaysUnderTheLimitAndStillShowsRows() {
        Table wide = Table.create("wide");
        for (int c = 0; c < 200; c++) {
            wide.addColumns(StringColumn.create("a_rather_long_column_name_" + c, "v" + c, "w" + c, "x" + c));
        }
        String text = SamplesText.render(Samples.of(wide), 10, 120, SamplesText.MAX_CHARS);
        assertTrue(text.length() < SamplesText.MAX_CHARS, text.length() + ":\n" + text);
        assertTrue(text.contains("\n2  v0") || text.contains("\n2  x0"), text);
        assertTrue(text.contains("... 197 more columns: a_rather_long_column_name_3, ") && text.endsWith(", ...\n"), text);
    }
}
