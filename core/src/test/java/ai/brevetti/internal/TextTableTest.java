package ai.brevetti.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** The one text form of tables: aligned, numbers right and readable, fitted to the width, nothing dropped silently. */
class TextTableTest {
    @Test
    void columnsAlignNumbersRightAndDecimalsAreReadable() {
        Table t = Table.create("m", StringColumn.create("metric", "loss", "val_accuracy"),
                DoubleColumn.create("value", 0.1 + 0.2, 12.0), IntColumn.create("n", 3, 120));
        String text = TextTable.render("Metrics[2]", t, false, 10, 120, TextTable.MAX_CHARS);
        assertEquals("""
                Metrics[2]
                metric        value    n
                loss            0.3    3
                val_accuracy     12  120
                """, text);
    }

    @Test
    void wholeNumbersStayExactAndMissingCellsEmpty() {
        Table t = Table.create("ids", tech.tablesaw.api.LongColumn.create("id", 1234567890123456789L, 7L),
                DoubleColumn.create("score", 1.5, Double.NaN));
        assertEquals("1234567890123456789", TextTable.cell(t.column("id"), 0), "a long id is not rounded to 1.23457e+18");
        assertEquals("", TextTable.cell(t.column("score"), 1), "a missing value");
        assertTrue(TextTable.render("ids", t, false, 10, 120, TextTable.MAX_CHARS).contains("1234567890123456789    1.5"),
                TextTable.render("ids", t, false, 10, 120, TextTable.MAX_CHARS));
    }

    @Test
    void numbersKeepSixSignificantDigits() {
        assertEquals("0.333333", TextTable.number(1 / 3.0));
        assertEquals("2", TextTable.number(2.0));
        assertEquals("1.5e-07", TextTable.number(1.5e-7));
        assertEquals("-1234.57", TextTable.number(-1234.5678));
        assertEquals("NaN", TextTable.number(Double.NaN));
    }

    @Test
    void manyRowsAreCountedAndEveryLineFitsTheWidth() {
        String[] names = IntStream.range(0, 300).mapToObj(i -> "class_" + i).toArray(String[]::new);
        Table t = Table.create("c", StringColumn.create("category", names), IntColumn.create("count", IntStream.range(0, 300).toArray()));
        for (int width : new int[] {40, 80, 200}) {
            String text = TextTable.render("Counts[300]", t, false, 100, width, TextTable.MAX_CHARS);
            assertTrue(text.length() < TextTable.MAX_CHARS, text.length() + "");
            List<String> lines = text.lines().toList();
            assertTrue(lines.stream().allMatch(l -> l.length() <= Math.max(width, 60)), text);
            long shown = lines.stream().filter(l -> l.startsWith("class_")).count();
            assertTrue(shown >= 10, text);
            assertEquals("... " + (300 - shown) + " more rows (of 300)", lines.get(lines.size() - 1), text);
        }
    }

    @Test
    void aLongCellKeepsItsEndAndColumnsThatDoNotFitAreNamed() {
        String path = "/very/long/folder/".repeat(6) + "image_0042.bmp";
        Table t = Table.create("p", StringColumn.create("path", path), StringColumn.create("a_wide_column_name_one", "x"),
                StringColumn.create("a_wide_column_name_two", "y"));
        String text = TextTable.render("P", t, true, 10, 80, TextTable.MAX_CHARS);
        assertTrue(text.contains("/image_0042.bmp"), text);
        assertTrue(text.contains("... 1 more column: a_wide_column_name_two"), text);
    }
}
