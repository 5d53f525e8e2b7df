package ai.brevetti.data.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.brevetti.internal.TextTable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Summaries print as tables at the terminal: every row shown or counted, under JShell's cut, and stay maps. */
class SummaryTextTest {
    @Test
    void countsOfManyValuesAreCountedNotCutByJShell() {
        String[] category = IntStream.range(0, 400).mapToObj(i -> "class_" + (i % 200)).toArray(String[]::new);
        Counts<String> counts = Samples.of(Table.create("s", StringColumn.create("category", category))).counts("category");
        String text = counts.toString();
        assertTrue(text.length() < TextTable.MAX_CHARS, "JShell cuts a value over 1,000 characters in the middle: " + text.length());
        assertTrue(text.startsWith("Counts by category [200 values, 400 rows]\ncategory   count\n"), text);
        long shown = text.lines().filter(l -> l.startsWith("class_")).count();
        assertTrue(text.endsWith("... " + (200 - shown) + " more rows (of 200)\n"), text);
        assertEquals(2, counts.get("class_7"));
    }

    @Test
    void namedValuesAreAReadOnlyOrderedMapAndATable() {
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("loss", 0.25);
        metrics.put("accuracy", 2 / 3.0);
        NamedValues<Double> values = new NamedValues<>("Evaluation", "metric", "value", metrics);
        metrics.put("later", 1.0);
        assertEquals(List.of("loss", "accuracy"), List.copyOf(values.keySet()), "a copy, in order");
        assertEquals(Map.of("loss", 0.25, "accuracy", 2 / 3.0), values);
        assertThrows(UnsupportedOperationException.class, () -> values.put("x", 1.0));
        assertEquals("""
                Evaluation [2]
                metric       value
                loss          0.25
                accuracy  0.666667
                """, values.toString());
        Table table = values.table();
        assertEquals(List.of("metric", "value"), table.columnNames());
        assertEquals(2 / 3.0, table.doubleColumn("value").get(1), "the table keeps the exact value");

        NamedValues<Object> mixed = new NamedValues<>("Output metrics", "metric", "value", Map.of("best", "epoch 3"));
        assertEquals("epoch 3", mixed.table().stringColumn("value").get(0));
        assertTrue(mixed.toString().contains("best    epoch 3"), mixed.toString());
    }
}
