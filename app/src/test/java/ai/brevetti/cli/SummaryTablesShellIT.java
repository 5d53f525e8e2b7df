package ai.brevetti.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A summary shown by JShell in {@code bin/brevettiai shell}: the aligned table, fitted under JShell's
 * 1,000-character cut of a value, with the rows it leaves out counted (a map of 200 values was cut in the middle).
 */
class SummaryTablesShellIT {
    @Test
    void countsOfManyValuesShowAsATableWithTheRestCounted() throws Exception {
        ShellIT.Result r = ShellIT.shell(java.util.Map.of("COLUMNS", "100"),
                "var t = tech.tablesaw.api.Table.create(\"s\", tech.tablesaw.api.StringColumn.create(\"category\","
                        + " java.util.stream.IntStream.range(0, 400).mapToObj(i -> \"class_\" + (i % 200)).toArray(String[]::new)))\n"
                        + "Samples.of(t).counts(\"category\")\n");
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().lines().toList();
        int title = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("==> Counts by category [200 values, 400 rows]")) {
                title = i;
            }
        }
        assertTrue(title >= 0, "JShell shows the summary's title: " + r.out());
        assertEquals("category   count", lines.get(title + 1), r.out());
        int shown = 0;
        int row = title + 2;
        while (lines.get(row).matches("class_\\d+ +2")) {
            shown++;
            row++;
        }
        assertTrue(shown >= 20, "rows shown: " + shown + "\n" + r.out());
        assertEquals("... " + (200 - shown) + " more rows (of 200)", lines.get(row), "every row shown or counted:\n" + r.out());
    }
}
